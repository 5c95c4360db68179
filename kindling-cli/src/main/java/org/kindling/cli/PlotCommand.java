package org.kindling.cli;

import org.kindling.tabular.log.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kindling plot}: redraws a run's plots and report from its log and predictions. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Redraw the plots (PNG and SVG) and report.html of a run folder from metrics.jsonl and predictions.csv.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "run folder written by 'kindling train'")
    Path dir;

    @Option(names = "--verbose", description = "print stack traces of failures")
    boolean verbose;

    @Override
    public Integer call() {
        RunFolder run = new RunFolder(dir);
        RunConfig config = RunConfig.read(dir);
        TrainingLog log = TrainingLog.read(run.metrics());
        PredictionTable table = Files.exists(run.predictions()) ? PredictionTable.read(run.predictions(), config) : null;
        run.removeStaleTemporaryFiles(); // only once everything read fine: a failing command changes nothing
        if (table != null) {
            Artifacts.draw(run, config, log, table);
        } else {
            Artifacts.writeAfterDivergence(run, config, log);
        }
        System.out.println("Redrew the plots and report in " + dir);
        return 0;
    }
}
