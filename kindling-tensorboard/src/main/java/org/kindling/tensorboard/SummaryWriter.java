package org.kindling.tensorboard;

import org.kindling.Tensor;
import org.kindling.tensorboard.proto.Event;
import org.kindling.tensorboard.proto.SessionLog;
import org.kindling.tensorboard.proto.Summary;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes TensorBoard event files, as PyTorch's {@code torch.utils.tensorboard.SummaryWriter} does:
 * same method names, same files, same messages.
 *
 * <pre>{@code
 * try (var writer = new SummaryWriter(Path.of("runs/exp1"))) {
 *     for (int epoch = 0; epoch < epochs; epoch++) {
 *         ...
 *         writer.addScalar("Loss/train", loss.item(), epoch);
 *         writer.addHistogram("fc1.weight", model.fc1.weight, epoch);
 *     }
 * }
 * }</pre>
 * then {@code tensorboard --logdir runs}.
 *
 * <p>Events go to {@code events.out.tfevents.<seconds>.<host>.<pid>.<n>} in the log folder (created if
 * needed), framed as TFRecords holding TensorBoard's {@code Event} protocol buffers. They are buffered:
 * written every {@code maxQueue} events, on {@link #flush()}, on {@link #close()} and every
 * {@code flushSecs} seconds (PyTorch's defaults: 10 events, 120 seconds). Thread-safe.
 *
 * <p>An I/O error throws an {@link java.io.UncheckedIOException} whose message names the event file and
 * whose cause is the {@link java.io.IOException}; the writer then refuses further events.
 * See <a href="https://pytorch.org/docs/stable/tensorboard.html">torch.utils.tensorboard</a>.
 */
public final class SummaryWriter implements AutoCloseable {
    private final Path logDir;
    private final Options options;
    private final EventFileWriter.Opener opener;
    private final EventFileWriter fileWriter;
    // add_scalars' writers, one per sub-folder, created on first use; guarded by this.
    private final Map<Path, EventFileWriter> scalarsWriters = new LinkedHashMap<>();
    private boolean closed;

    /** A writer in PyTorch's default folder, {@code runs/<MonDD_HH-MM-SS>_<host>} (e.g. {@code runs/Dec03_17-28-41_box}). */
    public SummaryWriter() {
        this(Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMMdd_HH-mm-ss", Locale.US))
                + "_" + Host.name()));
    }

    /** A writer with PyTorch's default options, creating its first event file in {@code logDir}. */
    public SummaryWriter(Path logDir) {
        this(logDir, options());
    }

    /** A writer with the given options, creating its first event file in {@code logDir}. */
    public SummaryWriter(Path logDir, Options options) {
        this(logDir, options, EventFileWriter.CREATE_NEW);
    }

    SummaryWriter(Path logDir, Options options, EventFileWriter.Opener opener) {
        this.logDir = logDir;
        this.options = options.copy();
        this.opener = opener;
        this.fileWriter = newFileWriter(logDir);
        if (options.purgeStep != null) {
            // As PyTorch: TensorBoard drops every event at or after this step that earlier files recorded.
            long step = options.purgeStep;
            fileWriter.add(Event.newBuilder().setWallTime(now()).setStep(step)
                    .setFileVersion(EventFileWriter.FILE_VERSION).build());
            fileWriter.add(Event.newBuilder().setWallTime(now()).setStep(step)
                    .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build());
        }
    }

    /** Default options: {@code maxQueue} 10, {@code flushSecs} 120, no file name suffix, no purge step. */
    public static Options options() {
        return new Options();
    }

    /** The folder this writer's main event file is in. */
    public Path logDir() {
        return logDir;
    }

    /** The event file this writer writes (sub-folder writers of {@link #addScalars} have their own). */
    public Path file() {
        return fileWriter.file();
    }

    /** Records a scalar ({@code add_scalar}), stored as a float32 {@code simple_value} as PyTorch does. */
    public void addScalar(String tag, double value, long step) {
        addScalar(tag, value, step, now());
    }

    /** {@link #addScalar(String, double, long)} at {@code wallTime}, seconds since the epoch. */
    public void addScalar(String tag, double value, long step, double wallTime) {
        write(fileWriter, Summaries.scalar(checkTag(tag), value), step, wallTime);
    }

    /**
     * Records several scalars on one chart ({@code add_scalars}): as PyTorch, each key gets its own run, the
     * sub-folder {@code <logDir>/<mainTag with '/' as '_'>_<key>}, with the value under tag {@code mainTag}.
     */
    public void addScalars(String mainTag, Map<String, ? extends Number> values, long step) {
        addScalars(mainTag, values, step, now());
    }

    /** {@link #addScalars(String, Map, long)} at {@code wallTime}, seconds since the epoch. */
    public void addScalars(String mainTag, Map<String, ? extends Number> values, long step, double wallTime) {
        checkTag(mainTag);
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            Path dir = logDir.resolve(mainTag.replace('/', '_') + "_" + e.getKey());
            EventFileWriter writer;
            synchronized (this) {
                checkOpen();
                writer = scalarsWriters.computeIfAbsent(dir, this::newFileWriter);
            }
            write(writer, Summaries.scalar(mainTag, e.getValue().doubleValue()), step, wallTime);
        }
    }

    /**
     * Records the distribution of a tensor's values ({@code add_histogram} with PyTorch's default
     * {@code bins="tensorflow"}): min, max, count, sum, sum of squares and bucket counts. Fails on an
     * empty tensor or a non-finite value. The tensor is not modified.
     */
    public void addHistogram(String tag, Tensor values, long step) {
        addHistogram(tag, values.toDoubleArray(), step, now());
    }

    /** {@link #addHistogram(String, Tensor, long)} for plain values. */
    public void addHistogram(String tag, double[] values, long step) {
        addHistogram(tag, values, step, now());
    }

    /** {@link #addHistogram(String, double[], long)} at {@code wallTime}, seconds since the epoch. */
    public void addHistogram(String tag, double[] values, long step, double wallTime) {
        write(fileWriter, Summaries.histogram(checkTag(tag), values), step, wallTime);
    }

    /** Records text ({@code add_text}), shown as Markdown by TensorBoard's text plugin under {@code tag}. */
    public void addText(String tag, String text, long step) {
        addText(tag, text, step, now());
    }

    /** {@link #addText(String, String, long)} at {@code wallTime}, seconds since the epoch. */
    public void addText(String tag, String text, long step, double wallTime) {
        write(fileWriter, Summaries.text(checkTag(tag), text), step, wallTime);
    }

    /**
     * Records a run's hyperparameters and resulting metrics for TensorBoard's HParams tab
     * ({@code add_hparams}), in a new run named by the current time, as PyTorch does.
     *
     * @param hparams values: numbers, strings or booleans (null values are left out)
     * @param metrics final metric values, also written as scalars under their names
     */
    public void addHparams(Map<String, ?> hparams, Map<String, ? extends Number> metrics) {
        addHparams(hparams, metrics, Map.of(), null, 0);
    }

    /**
     * {@link #addHparams(Map, Map)} in the run {@code runName}, a sub-folder of the log folder; {@code "."}
     * puts the hparams in this writer's own run.
     */
    public void addHparams(Map<String, ?> hparams, Map<String, ? extends Number> metrics, String runName) {
        addHparams(hparams, metrics, Map.of(), runName, 0);
    }

    /**
     * {@link #addHparams(Map, Map, String)} with, for some hyperparameters, the list of every value they can
     * take ({@code hparam_domain_discrete}), and a global step. A null {@code runName} means the current time.
     */
    public void addHparams(Map<String, ?> hparams, Map<String, ? extends Number> metrics,
                           Map<String, ? extends List<?>> domainDiscrete, String runName, long step) {
        List<Summary> summaries = Summaries.hparams(hparams, metrics.keySet(), domainDiscrete);
        String run = runName == null || runName.isEmpty()
                ? new BigDecimal(Double.toString(now())).toPlainString() // Python's str(time.time())
                : runName;
        synchronized (this) {
            checkOpen();
        }
        try (SummaryWriter w = new SummaryWriter(logDir.resolve(run), options().maxQueue(options.maxQueue)
                .flushSecs(options.flushSecs).filenameSuffix(options.filenameSuffix), opener)) {
            double wallTime = now();
            for (Summary s : summaries) w.write(w.fileWriter, s, step, wallTime);
            for (Map.Entry<String, ? extends Number> m : metrics.entrySet()) {
                w.addScalar(m.getKey(), m.getValue().doubleValue(), step);
            }
        }
    }

    /** Writes every pending event of this writer and its sub-folder writers to disk. */
    public synchronized void flush() {
        checkOpen();
        fileWriter.flush();
        for (EventFileWriter w : scalarsWriters.values()) w.flush();
    }

    /** Flushes and closes every event file; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        for (EventFileWriter w : allWriters()) {
            try {
                w.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    private List<EventFileWriter> allWriters() {
        List<EventFileWriter> all = new java.util.ArrayList<>();
        all.add(fileWriter);
        all.addAll(scalarsWriters.values());
        return all;
    }

    private EventFileWriter newFileWriter(Path dir) {
        return new EventFileWriter(dir, options.maxQueue, options.flushSecs, options.filenameSuffix, opener);
    }

    private void write(EventFileWriter writer, Summary summary, long step, double wallTime) {
        synchronized (this) {
            checkOpen();
        }
        writer.add(Event.newBuilder().setWallTime(wallTime).setStep(step).setSummary(summary).build());
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("SummaryWriter for " + logDir + " is closed");
    }

    private static String checkTag(String tag) {
        if (tag == null || tag.isEmpty()) throw new IllegalArgumentException("SummaryWriter: a tag must not be empty");
        return tag;
    }

    /** Seconds since the epoch, as Python's {@code time.time()}. */
    static double now() {
        Instant t = Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    /** Writer options (PyTorch's constructor arguments); every default is declared here once. */
    public static final class Options {
        private int maxQueue = 10;
        private double flushSecs = 120;
        private String filenameSuffix = "";
        private Long purgeStep;

        private Options() {}

        /** Events kept in memory before they are written to the file (default 10). */
        public Options maxQueue(int events) {
            if (events < 1) throw new IllegalArgumentException("maxQueue must be at least 1, got " + events);
            this.maxQueue = events;
            return this;
        }

        /** Seconds between background flushes (default 120). */
        public Options flushSecs(double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("flushSecs must be positive and finite, got " + seconds);
            }
            this.flushSecs = seconds;
            return this;
        }

        /** Appended to every event file name (default none). */
        public Options filenameSuffix(String suffix) {
            if (suffix.contains("/") || suffix.contains("\\")) {
                throw new IllegalArgumentException("filenameSuffix must not contain a path separator: " + suffix);
            }
            this.filenameSuffix = suffix;
            return this;
        }

        /**
         * After a crash and resume from step T: TensorBoard hides every event of this run recorded at a step
         * of T or more before this writer started (default none).
         */
        public Options purgeStep(long step) {
            this.purgeStep = step;
            return this;
        }

        private Options copy() {
            Options o = new Options();
            o.maxQueue = maxQueue;
            o.flushSecs = flushSecs;
            o.filenameSuffix = filenameSuffix;
            o.purgeStep = purgeStep;
            return o;
        }
    }
}
