package org.kindling.cli;

import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.data.DataLoader;
import org.kindling.io.Safetensors;
import org.kindling.nn.CrossEntropyLoss;
import org.kindling.nn.HuberLoss;
import org.kindling.nn.L1Loss;
import org.kindling.nn.Loss;
import org.kindling.nn.MSELoss;
import org.kindling.nn.Sequential;
import org.kindling.optim.Adam;
import org.kindling.optim.AdamW;
import org.kindling.optim.Optimizer;
import org.kindling.optim.SGD;
import org.kindling.plot.TrainingProgress;
import org.kindling.train.Checkpoint;
import org.kindling.tabular.log.TrainingLog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** One training run: data, model and optimizer from a {@link RunConfig}, the epoch loop, and the run folder. */
final class Training {
    private static final long AUTO_CHECKPOINT_NANOS = 2_000_000_000L;

    private final RunConfig config;
    private final RunFolder run;
    private final Integer checkpointEvery;
    private final PrintStream out;
    private TrainingListener listener = TrainingListener.NONE;
    private final DataChoice dataChoice;

    Training(RunConfig config, RunFolder run, Integer checkpointEvery, PrintStream out) {
        this(config, run, checkpointEvery, out, DataChoice.DEFAULT);
    }

    Training(RunConfig config, RunFolder run, Integer checkpointEvery, PrintStream out, DataChoice dataChoice) {
        this.config = config;
        this.run = run;
        this.checkpointEvery = checkpointEvery;
        this.out = out;
        this.dataChoice = dataChoice;
    }

    /** Sets who hears the loop as it runs (e.g. the TensorBoard writer); none by default. */
    Training listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /** Starts a new run; returns false (after saying why) when the loss diverged. */
    boolean start() {
        Setup setup = setUp();
        // Everything is read and checked: only now write to the run folder.
        createDirectory();
        setup.config.write(run.dir());
        Safetensors.save(setup.data.scalerState(), run.scaler());
        if (setup.data.taskNote() != null) out.println("Task: classify (" + setup.data.taskNote() + ")");
        out.println("Training " + describe(setup.config, setup.data, setup.model) + " -> " + run.dir());
        return train(setup, 0, TrainingLog.create(run.metrics()));
    }

    /**
     * Continues a run from {@code checkpoint}. Data, checkpoint and log are all checked before anything in the
     * run folder changes, so a resume that fails leaves the folder as it was.
     */
    boolean resume(Checkpoint checkpoint) {
        Setup setup = setUp();
        checkSameData(checkpoint, setup.data);
        setup.model.loadStateDict(checkpoint.model());
        setup.optimizer.loadStateDict(checkpoint.optimizer());
        setup.order.setState(checkpoint.generatorState());
        int start = checkpoint.epoch();
        // Cuts records a crash logged after the checkpoint; fails on a bad log before changing it.
        TrainingLog log = Files.exists(run.metrics()) ? TrainingLog.openForAppend(run.metrics(), start)
                : TrainingLog.create(run.metrics());
        run.removeStaleTemporaryFiles();
        setup.config.write(run.dir()); // the epoch count may have changed
        out.println("Resuming " + run.dir() + " at epoch " + (start + 1) + " of " + setup.config.epochs());
        return train(setup, start, log);
    }

    /** What training needs, built from the configuration; reading data here is what can fail on bad input. */
    private record Setup(TrainingData data, RunConfig config, Sequential model, Optimizer optimizer, Loss criterion,
                         Generator order, DataLoader<Tensor[]> loader) {}

    private Setup setUp() {
        TrainingData data = dataChoice.load(config);
        RunConfig resolved = data.config();
        Kindling.manualSeed(resolved.seed());
        Sequential model = Networks.build(resolved, data.inputs(), Networks.outputs(resolved));
        Optimizer optimizer = optimizer(resolved, model);
        Generator order = new Generator(resolved.seed() + 1);
        DataLoader<Tensor[]> loader = data.loader(resolved.batchSize(), order);
        return new Setup(data, resolved, model, optimizer, loss(resolved.loss()), order, loader);
    }

    /** The epoch loop from epoch {@code start + 1}, then the results. */
    private boolean train(Setup setup, int start, TrainingLog log) {
        TrainingData data = setup.data;
        RunConfig resolved = setup.config;
        Sequential model = setup.model;
        Optimizer optimizer = setup.optimizer;
        Loss criterion = setup.criterion;
        Generator order = setup.order;
        DataLoader<Tensor[]> loader = setup.loader;
        int savedEpoch = start > 0 ? start : -1;
        long lastSave = System.nanoTime();
        long step = (long) start * loader.size();
        try (log; TrainingListener events = listener; TrainingProgress progress = new TrainingProgress(resolved.epochs(),
                loader.size(), TrainingProgress.options().out(out).startEpoch(start + 1))) {
            events.started(resolved, model, loader.size(), start);
            for (int epoch = start; epoch < resolved.epochs(); epoch++) {
                model.train();
                double sum = 0;
                int rows = 0;
                long correct = 0;
                for (Tensor[] b : loader) {
                    Tensor output = model.forward(b[0]);
                    Tensor loss = criterion.forward(output, b[1]);
                    // Counted before backward() frees the graph's buffers for reuse.
                    if (resolved.classifies()) correct += Accuracy.correct(output, b[1]);
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    double value = loss.item();
                    step++;
                    if (!Double.isFinite(value)) {
                        progress.close();
                        diverged(value, epoch + 1, step, savedEpoch);
                        Artifacts.writeAfterDivergence(run, resolved, log);
                        return false;
                    }
                    log.step(epoch + 1, step, value);
                    events.step(step, value);
                    progress.step(value);
                    sum += value * b[0].size(0);
                    rows += b[0].size(0);
                }
                double trainLoss = sum / rows;
                double[] val = data.evaluate(model, criterion);
                Map<String, Double> accuracy = new java.util.LinkedHashMap<>();
                if (resolved.classifies()) {
                    accuracy.put(Accuracy.TRAIN, (double) correct / rows);
                    if (val != null) accuracy.put(Accuracy.VALIDATION, val[1]);
                }
                if (val != null) {
                    log.epoch(epoch + 1, trainLoss, val[0], accuracy);
                    progress.endEpoch(trainLoss, val[0]);
                } else {
                    log.epoch(epoch + 1, trainLoss, accuracy);
                    progress.endEpoch(trainLoss);
                }
                events.epochEnded(epoch + 1, step, trainLoss, val == null ? null : val[0], accuracy, model, optimizer);
                boolean last = epoch + 1 == resolved.epochs();
                boolean due = checkpointEvery != null ? (epoch + 1) % checkpointEvery == 0
                        : System.nanoTime() - lastSave >= AUTO_CHECKPOINT_NANOS;
                if (last || due) {
                    new Checkpoint(model.stateDict(), optimizer.stateDict(), epoch + 1, order.state(), data.scalerState(),
                            Map.of()).save(run.checkpoint());
                    savedEpoch = epoch + 1;
                    lastSave = System.nanoTime();
                }
            }
            events.finished();
        }
        Safetensors.save(model.stateDict(), Map.of("format", "pt"), run.model());
        Artifacts.writeResults(run, resolved, data.predictions(model, dataChoice.allPredictions()), TrainingLog.read(run.metrics()), out);
        return true;
    }

    /** Resuming on data that changed since the checkpoint would silently train on a different problem. */
    private void checkSameData(Checkpoint ck, TrainingData data) {
        Map<String, Tensor> now = data.scalerState();
        for (Map.Entry<String, Tensor> e : ck.extra().entrySet()) {
            Tensor t = now.get(e.getKey());
            if (t == null || !t.allClose(e.getValue(), 0, 0)) {
                throw new IllegalArgumentException(run.checkpoint() + ": the training data changed since this run started "
                        + "(its standardization differs); start a new run instead of resuming");
            }
        }
    }

    private void diverged(double value, int epoch, long step, int savedEpoch) {
        out.flush();
        System.err.println("kindling: training diverged: the loss became " + (Double.isNaN(value) ? "NaN" : value)
                + " at epoch " + epoch + ", step " + step + " (learning rate " + config.lr() + "; try a smaller --lr).");
        System.err.println(savedEpoch > 0
                ? "The last good checkpoint (epoch " + savedEpoch + ") is kept in " + UserText.value(run.checkpoint().toString())
                : "No checkpoint was written before that (it diverged in the first epochs).");
    }

    static Optimizer optimizer(RunConfig c, Sequential model) {
        return switch (c.optimizer()) {
            case "sgd" -> new SGD(model.parameters(), SGD.options().lr(c.lr())
                    .momentum(c.momentum() == null ? 0 : c.momentum()));
            case "adam" -> new Adam(model.parameters(), Adam.options().lr(c.lr()));
            case "adamw" -> new AdamW(model.parameters(), AdamW.options().lr(c.lr()));
            default -> throw new IllegalArgumentException("unknown optimizer " + c.optimizer());
        };
    }

    static Loss loss(String name) {
        return switch (name) {
            case "mse" -> new MSELoss();
            case "l1" -> new L1Loss();
            case "huber" -> new HuberLoss();
            case Prepared.CROSS_ENTROPY -> new CrossEntropyLoss();
            default -> throw new IllegalArgumentException("unknown loss " + name);
        };
    }

    private static String describe(RunConfig c, TrainingData data, Sequential model) {
        return c.dataset() + (data instanceof StreamedData ? ", streamed" : "") + " (" + data.trainRows() + " train / " + data.validationRows()
                + " validation rows, " + Networks.describe(c, data.inputs()) + ", " + c.loss() + ", " + c.optimizer() + " lr " + c.lr() + ", " + c.epochs() + " epochs)";
    }

    private void createDirectory() {
        try {
            Files.createDirectories(run.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + run.dir() + ": " + e.getMessage(), e);
        }
    }
}
