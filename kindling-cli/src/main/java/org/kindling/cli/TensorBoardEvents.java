package org.kindling.cli;

import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.nn.Sequential;
import org.kindling.optim.Optimizer;
import org.kindling.tensorboard.SummaryWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code kindling train --tensorboard}: writes the run's TensorBoard events into {@code RUN/tensorboard/} as
 * training goes. Every value is recorded at the global step (optimizer steps so far), so per-step and
 * per-epoch curves share one axis and a resumed run can purge what a crash left after its checkpoint.
 *
 * <ul>
 *   <li>{@code loss/train_step}: each step's loss (when an epoch has several steps);</li>
 *   <li>{@code loss/train}, {@code loss/validation}, {@code accuracy/train}, {@code accuracy/validation},
 *       {@code learning_rate}, {@code epoch}: at the end of each epoch;</li>
 *   <li>{@code weights/NAME}, {@code gradients/NAME}: histograms every {@code histogramEvery} epochs and
 *       after the last one (gradients of the epoch's last step);</li>
 *   <li>{@code model}: the network's description, as text;</li>
 *   <li>the configuration as hparams, with the final metrics at the last step, when training ends.</li>
 * </ul>
 */
final class TensorBoardEvents implements TrainingListener {
    static final String FOLDER = "tensorboard";
    /** Histogram snapshots per run when {@code --histogram-every} is not given. */
    static final int DEFAULT_SNAPSHOTS = 20;

    private final Path logDir;
    private final Integer histogramEvery;
    private final PrintStream out;
    private SummaryWriter writer;
    private RunConfig config;
    private int every;
    private boolean perStep;
    private long lastStep;
    private final Map<String, Double> finalMetrics = new LinkedHashMap<>();

    /**
     * @param histogramEvery epochs between weight and gradient histograms; 0 for none; null for
     *                       {@code epochs / 20} (at least 1)
     */
    TensorBoardEvents(Path runDir, Integer histogramEvery, PrintStream out) {
        this.logDir = runDir.resolve(FOLDER);
        this.histogramEvery = histogramEvery;
        this.out = out;
    }

    /** The listener {@code --tensorboard} asks for, or {@link TrainingListener#NONE}. */
    static TrainingListener forRun(boolean tensorboard, Path runDir, Integer histogramEvery, PrintStream out) {
        return tensorboard ? new TensorBoardEvents(runDir, histogramEvery, out) : NONE;
    }

    @Override
    public void started(RunConfig config, Sequential model, int stepsPerEpoch, int startEpoch) {
        this.config = config;
        this.every = histogramEvery != null ? histogramEvery : Math.max(1, config.epochs() / DEFAULT_SNAPSHOTS);
        this.perStep = stepsPerEpoch > 1;
        long firstStep = (long) startEpoch * stepsPerEpoch + 1;
        SummaryWriter.Options options = SummaryWriter.options();
        // A resumed run: hide what the interrupted one wrote after its checkpoint, as PyTorch's purge_step does.
        if (startEpoch > 0) options.purgeStep(firstStep);
        writer = new SummaryWriter(logDir, options);
        out.println("TensorBoard events -> " + logDir + " (watch with: tensorboard --logdir " + logDir + ")");
        writer.addText("model", indented(model.toString()), firstStep - 1);
    }

    @Override
    public void step(long step, double loss) {
        if (perStep) writer.addScalar("loss/train_step", loss, step);
    }

    @Override
    public void epochEnded(int epoch, long step, double trainLoss, Double valLoss, Map<String, Double> accuracy,
                           Sequential model, Optimizer optimizer) {
        lastStep = step;
        writer.addScalar("epoch", epoch, step);
        writer.addScalar("loss/train", trainLoss, step);
        finalMetrics.put("hparam/train_loss", trainLoss);
        if (valLoss != null) {
            writer.addScalar("loss/validation", valLoss, step);
            finalMetrics.put("hparam/validation_loss", valLoss);
        }
        for (Map.Entry<String, Double> a : accuracy.entrySet()) {
            String tag = a.getKey().equals(Accuracy.TRAIN) ? "accuracy/train" : "accuracy/validation";
            writer.addScalar(tag, a.getValue(), step);
            finalMetrics.put(a.getKey().equals(Accuracy.TRAIN) ? "hparam/accuracy" : "hparam/val_accuracy", a.getValue());
        }
        writer.addScalar("learning_rate", optimizer.paramGroups().get(0).lr(), step);
        if (every > 0 && (epoch % every == 0 || epoch == config.epochs())) {
            for (Map.Entry<String, Parameter> p : model.namedParameters().entrySet()) {
                writer.addHistogram("weights/" + p.getKey(), p.getValue(), step);
                Tensor grad = p.getValue().grad();
                if (grad != null) writer.addHistogram("gradients/" + p.getKey(), grad, step);
            }
        }
        // Every epoch reaches the file at once: TensorBoard shows it live, and a crash loses at most one epoch.
        writer.flush();
    }

    @Override
    public void finished() {
        // In this run's own folder ("."), so TensorBoard's HParams tab lists each run folder as one session.
        writer.addHparams(hparams(config), finalMetrics, Map.of(), ".", lastStep);
    }

    @Override
    public void close() {
        if (writer != null) writer.close();
    }

    /** The configuration as hparams: numbers, strings and booleans (lists joined with commas, absent values left out). */
    static Map<String, Object> hparams(RunConfig c) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("dataset", c.dataset());
        h.put("data", c.data());
        h.put("targets", c.targets() == null ? null : String.join(",", c.targets()));
        h.put("task", c.task());
        h.put("model", c.modelKind());
        h.put("hidden", c.hidden() == null || c.hidden().isEmpty() ? null
                : c.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")));
        h.put("activation", c.modelKind().equals(RunConfig.MLP) ? c.activation() : null);
        h.put("loss", c.loss());
        h.put("optimizer", c.optimizer());
        h.put("lr", c.lr());
        h.put("momentum", c.momentum());
        h.put("epochs", c.epochs());
        h.put("full_batch", c.batchSize() == Defaults.FULL_BATCH);
        h.put("batch_size", c.batchSize() == Defaults.FULL_BATCH ? null : c.batchSize());
        h.put("val_split", c.valSplit());
        h.put("seed", c.seed());
        return h;
    }

    /** Markdown shows indented lines as they are (a code block), keeping the model's layout. */
    private static String indented(String text) {
        return text.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }
}
