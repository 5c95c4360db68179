package org.kindling.cli;

import picocli.CommandLine.Command;

/** {@code kindling}: train a model, predict with it, redraw its plots. */
@Command(name = "kindling", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "PyTorch-style deep learning in Java: train a network on a data set and get logs, plots, "
                + "a report and a checkpoint.",
        subcommands = {TrainCommand.class, PredictCommand.class, PlotCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (bad data, diverged training, ...)", "2:usage error"})
final class KindlingCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: train, predict, plot or serve");
    }
}
