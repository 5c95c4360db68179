package org.kindling.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.kindling.io.Safetensors;
import org.kindling.nn.Loss;
import org.kindling.nn.Module;
import org.kindling.nn.Sequential;
import org.kindling.optim.Optimizer;
import org.kindling.tabular.log.TrainingLog;

/**
 * {@code kindling train --spark MASTER}: the data is prepared and the run folder written as in a local run;
 * only the epochs run on the cluster, through the {@link DistributedTraining} on the class path. The
 * metrics log is written afterwards from the curves the cluster returns.
 */
final class DistributedRun {
    private DistributedRun() {}

    static boolean start(RunConfig config, RunFolder run, Integer checkpointEvery, String master, boolean allPredictions,
                         PrintStream out) {
        DistributedTraining trainer = ServiceLoader.load(DistributedTraining.class).findFirst().orElseThrow(() ->
                new IllegalStateException("--spark needs kindling-spark and Spark on the class path; the kindling launcher "
                        + "adds them (building kindling-spark once), see README.md, section 'Training on Spark'"));
        Prepared data = Prepared.of(config);
        RunConfig resolved = data.config();
        try {
            Files.createDirectories(run.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + run.dir() + ": " + e.getMessage(), e);
        }
        resolved.write(run.dir());
        Safetensors.save(data.scalerState(), run.scaler());
        int batch = resolved.batchSize() == Defaults.FULL_BATCH ? data.trainX().size(0) : resolved.batchSize();
        out.println("Training " + resolved.dataset() + " on Spark " + master + " -> " + run.dir());
        DistributedTraining.Outcome o = trainer.train(master, new DistributedTraining.Job(data.trainX(), data.trainY(),
                data.hasValidation() ? data.valX() : null, data.hasValidation() ? data.valY() : null, resolved.classifies(),
                batch, resolved.epochs(), resolved.seed(), run.dir().resolve("spark"), checkpointEvery,
                new CliReplicas(resolved, data.inputs()), out));
        try (TrainingLog log = TrainingLog.create(run.metrics())) {
            long step = 0;
            for (int e = 0; e < o.epochLosses().length; e++) {
                for (int s = 0; s < o.stepsPerEpoch(); s++) {
                    double loss = o.stepLosses()[(int) step];
                    step++;
                    if (!Double.isFinite(loss)) {
                        System.err.println("kindling: training diverged: the loss became " + loss + " at epoch " + (e + 1)
                                + ", step " + step + " (learning rate " + resolved.lr() + "; try a smaller --lr).");
                        Artifacts.writeAfterDivergence(run, resolved, log);
                        return false;
                    }
                    log.step(e + 1, step, loss);
                }
                Map<String, Double> accuracy = new LinkedHashMap<>();
                if (o.trainAccuracies().length > e) accuracy.put(Accuracy.TRAIN, o.trainAccuracies()[e]);
                if (o.validationAccuracies().length > e) accuracy.put(Accuracy.VALIDATION, o.validationAccuracies()[e]);
                if (o.validationLosses().length > e) log.epoch(e + 1, o.epochLosses()[e], o.validationLosses()[e], accuracy);
                else log.epoch(e + 1, o.epochLosses()[e], accuracy);
            }
        }
        Sequential model = Networks.build(resolved, data.inputs(), Networks.outputs(resolved));
        model.loadStateDict(o.stateDict());
        Safetensors.save(model.stateDict(), Map.of("format", "pt"), run.model());
        Artifacts.writeResults(run, resolved, data.predictions(model, allPredictions), TrainingLog.read(run.metrics()), out);
        return true;
    }

    /** The run's network, optimizer and loss, rebuilt on every worker from the resolved configuration's fields. */
    private record CliReplicas(String modelKind, java.util.List<Integer> hidden, String activation, String optimizer, double lr,
                               Double momentum, String lossName, String task, java.util.List<String> classes,
                               java.util.List<String> targets, int inputs) implements DistributedTraining.Replicas {
        CliReplicas(RunConfig c, int inputs) {
            this(c.modelKind(), c.hidden(), c.activation(), c.optimizer(), c.lr(), c.momentum(), c.loss(), c.task(),
                    c.classes(), c.targets(), inputs);
        }

        private RunConfig config() {
            return new RunConfig(null, null, null, targets, hidden, activation, lossName, optimizer, lr, momentum, 1, 1, 0, 0,
                    false, task, modelKind, classes);
        }

        @Override
        public Module model() {
            RunConfig c = config();
            return Networks.build(c, inputs, Networks.outputs(c));
        }

        @Override
        public Optimizer optimizer(Module network) {
            return Training.optimizer(config(), (Sequential) network);
        }

        @Override
        public Loss loss() {
            return Training.loss(lossName);
        }
    }
}
