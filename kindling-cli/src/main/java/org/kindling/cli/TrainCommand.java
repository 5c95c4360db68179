package org.kindling.cli;

import org.kindling.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kindling train}: trains a network and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network and write a run folder: metrics log, loss and prediction plots (PNG and SVG), "
                + "model.safetensors, checkpoint, resolved configuration and report.html.",
                "With no data option it trains the PyTorch tutorial's model on y = sin(x) + noise."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "CSV file with a header row")
    Path data;

    @Option(names = "--target", paramLabel = "COL", split = ",", description = "target column(s) of --data")
    List<String> targets;

    @Option(names = "--features", paramLabel = "COL", split = ",", description = "input columns (default: all but the targets)")
    List<String> features;

    @Option(names = "--dataset", paramLabel = "NAME", description = "bundled data: sine (default), diabetes or digits")
    String dataset;

    @Option(names = "--task", paramLabel = "NAME", description = "classify or regress (default: inferred from the target; "
            + "text, or whole numbers with few distinct values, classify)")
    String task;

    @Option(names = "--model", paramLabel = "NAME", description = "mlp or cnn (square images, one column per pixel) "
            + "(default: cnn for digits, else mlp)")
    String model;

    @Option(names = "--hidden", paramLabel = "N", split = ",", description = "hidden layer sizes of --model mlp (default: 64)")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "relu (default), sigmoid or tanh")
    String activation;

    @Option(names = "--loss", paramLabel = "NAME", description = "mse (default), l1 or huber; cross-entropy when classifying (its default)")
    String loss;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd (default; adam for digits), adam or adamw")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate (default: 0.05 for sine, 0.003 for digits, else 0.001)")
    Double lr;

    @Option(names = "--momentum", paramLabel = "X", description = "SGD momentum (default: 0 for sine, else 0.9)")
    Double momentum;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs (default: 2000 for sine, 10 for digits, else 200)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "rows per step (default: full batch for sine, else 32)")
    Integer batchSize;

    @Option(names = "--val-split", paramLabel = "F", description = "fraction held out for validation (default: 0.2)")
    Double valSplit;

    @Option(names = "--seed", paramLabel = "N", description = "seed for data split, initialization and shuffling (default: 42)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<date-time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a run from its checkpoint (only --epochs may change)")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "epochs between checkpoints (default: every 2 seconds)")
    Integer checkpointEvery;

    @Option(names = "--tensorboard", description = "also write TensorBoard event files into RUN/tensorboard "
            + "(open with: tensorboard --logdir RUN/tensorboard)")
    boolean tensorboard;

    @Option(names = "--histogram-every", paramLabel = "N", description = "with --tensorboard: epochs between weight "
            + "and gradient histograms, 0 for none (default: epochs/20, at least 1)")
    Integer histogramEvery;

    @Option(names = "--stream-above", paramLabel = "SIZE", description = "stream a --data file larger than SIZE "
            + "(e.g. 500MB, 2GB) instead of reading it into memory: each epoch reads the file again through a shuffle "
            + "buffer, validation rows are a hashed --val-split share, and the target is regressed "
            + "(default: a quarter of the maximum heap)")
    String streamAbove;

    @Option(names = "--predictions", paramLabel = "ROWS", description = "rows written to predictions.csv: validation "
            + "(default; all rows when there is no validation split) or all")
    String predictions;

    @Option(names = "--spark", paramLabel = "MASTER", description = "train data-parallel on Spark: local[N] or "
            + "spark://HOST:PORT; --batch-size is the batch over all tasks (README: 'Training on Spark')")
    String spark;

    @Option(names = "--verbose", description = "print stack traces of failures")
    boolean verbose;

    @Option(names = "--serve", description = "serve the live dashboard of the runs folder while training, and after it "
            + "until Ctrl-C (see kindling serve)")
    boolean serve;

    @picocli.CommandLine.Mixin
    ServeCommand.Address dashboard;

    @Override
    public Integer call() throws Exception {
        if (resume != null && spark != null) throw usage("--resume continues a local run; give --spark without it");
        Path dir = resume != null ? resume
                : out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss")));
        return serve ? ServeCommand.whileTraining(dir, dashboard, () -> train(dir)) : train(dir);
    }

    private int train(Path dir) {
        if (resume != null) return resume();
        RunConfig config = resolve();
        if (spark != null) {
            if (tensorboard || streamAbove != null) throw usage("--spark runs do not yet take --tensorboard or --stream-above");
            return DistributedRun.start(config, new RunFolder(dir), checkpointEvery, spark, dataChoice().allPredictions(), System.out) ? 0 : 1;
        }
        return new Training(config, new RunFolder(dir), checkpointEvery, System.out, dataChoice())
                .listener(tensorBoard(dir)).start() ? 0 : 1;
    }

    private int resume() {
        if (data != null || dataset != null || task != null || streamAbove != null || predictions != null || model != null || targets != null || features != null || hidden != null || activation != null
                || loss != null || optimizer != null || lr != null || momentum != null || batchSize != null
                || valSplit != null || seed != null || out != null) {
            throw new ParameterException(spec.commandLine(), "--resume continues a run as configured; only --epochs "
                    + "(and --checkpoint-every) may be given with it");
        }
        RunFolder run = new RunFolder(resume);
        RunConfig config = RunConfig.read(resume);
        Checkpoint checkpoint = Checkpoint.load(run.checkpoint());
        int done = checkpoint.epoch();
        if (epochs != null) {
            positive("--epochs", epochs);
            if (epochs <= done) {
                throw usage("--epochs " + epochs + ": the run already has " + done + " epochs; give more than " + done
                        + " to train it further");
            }
            config = config.withEpochs(epochs);
        } else if (config.epochs() <= done) {
            throw usage("the run is complete (" + done + " epochs); give --epochs N with N > " + done
                    + " to train it further");
        }
        return new Training(config, run, checkpointEvery, System.out).listener(tensorBoard(resume)).resume(checkpoint) ? 0 : 1;
    }

    private TrainingListener tensorBoard(Path runDir) {
        if (histogramEvery != null && !tensorboard) throw usage("--histogram-every needs --tensorboard");
        if (histogramEvery != null && histogramEvery < 0) throw usage("--histogram-every must be 0 or more, got " + histogramEvery);
        return TensorBoardEvents.forRun(tensorboard, runDir, histogramEvery, System.out);
    }

    /** --stream-above and --predictions: how the data is held and what predictions.csv keeps. */
    DataChoice dataChoice() {
        long limit = DataChoice.DEFAULT_STREAM_ABOVE;
        if (streamAbove != null) {
            Long parsed = DataChoice.parseSize(streamAbove);
            if (parsed == null) throw usage("--stream-above expects a size such as 500MB or 2GB, got '" + UserText.value(streamAbove) + "'");
            limit = parsed;
        }
        String rows = choice("--predictions", predictions, "validation", List.of("validation", "all"));
        return new DataChoice(limit, rows.equals("all"));
    }

    /** Every setting, from the command line or the defaults for the data. */
    RunConfig resolve() {
        if (data != null && dataset != null) throw usage("give either --data or --dataset, not both");
        if (data == null && (targets != null || features != null)) throw usage("--target and --features need --data FILE");
        if (data != null && (targets == null || targets.isEmpty())) throw usage("--data needs --target COL (the column to predict)");
        String source = data != null ? "csv" : dataset != null ? dataset : DataSources.SINE;
        if (!source.equals("csv") && !source.equals(DataSources.SINE) && !DataSources.BUNDLED.contains(source)) {
            throw usage("unknown --dataset '" + UserText.value(source) + "' (available: sine, " + String.join(", ", DataSources.BUNDLED) + ")");
        }
        Defaults d = Defaults.forDataset(source);
        String act = choice("--activation", activation, "relu", Mlp.ACTIVATIONS);
        String lossName = loss == null ? null : choice("--loss", loss, null, List.of("mse", "l1", "huber", Prepared.CROSS_ENTROPY));
        String taskName = task == null ? null : choice("--task", task, null, List.of(RunConfig.CLASSIFY, RunConfig.REGRESS));
        String net = choice("--model", model, d.model(), List.of(RunConfig.MLP, RunConfig.CNN));
        if (net.equals(RunConfig.CNN) && (hidden != null || activation != null)) {
            throw usage("--hidden and --activation shape --model mlp; --model cnn has a fixed architecture");
        }
        String opt = choice("--optimizer", optimizer, d.optimizer(), List.of("sgd", "adam", "adamw"));
        double split = valSplit != null ? valSplit : 0.2;
        if (!(split >= 0 && split < 1)) throw usage("--val-split must be in [0, 1), got " + split);
        double rate = lr != null ? lr : d.lr();
        if (!(rate > 0)) throw usage("--lr must be positive, got " + rate);
        if (momentum != null && !opt.equals("sgd")) throw usage("--momentum applies to --optimizer sgd only");
        Double mom = opt.equals("sgd") ? (momentum != null ? momentum : d.momentum()) : null;
        if (mom != null && !(mom >= 0 && mom < 1)) throw usage("--momentum must be in [0, 1), got " + mom);
        List<Integer> sizes = net.equals(RunConfig.CNN) ? List.of() : hidden != null ? hidden : List.of(64);
        for (int h : sizes) positive("--hidden", h);
        return new RunConfig(source, data == null ? null : data.toString(), features, targets, sizes, act, lossName, opt,
                rate, mom, positive("--epochs", epochs != null ? epochs : d.epochs()),
                batchSize != null ? positive("--batch-size", batchSize) : d.batchSize(),
                split, seed != null ? seed : 42, d.standardize(), taskName, net, null);
    }

    private String choice(String option, String value, String fallback, List<String> allowed) {
        String v = value == null ? fallback : value.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) throw usage("unknown " + option + " '" + UserText.value(value) + "' (expected " + String.join(", ", allowed) + ")");
        return v;
    }

    private int positive(String option, int value) {
        if (value <= 0) throw usage(option + " must be positive, got " + value);
        return value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
