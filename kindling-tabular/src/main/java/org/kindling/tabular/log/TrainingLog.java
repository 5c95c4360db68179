package org.kindling.tabular.log;

import org.kindling.internal.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Records the loss of every training step and the metrics of every epoch, in memory and, if opened on a
 * file, appended to it as it goes.
 *
 * <p>Usage from a hand-written loop:
 * <pre>{@code
 * try (var log = TrainingLog.create(runDir.resolve("metrics.jsonl"))) {
 *     for (int epoch = 1; epoch <= epochs; epoch++) {
 *         for (...) { ...; log.step(epoch, batch, loss); }
 *         log.epoch(epoch, trainLoss, valLoss);
 *     }
 * }
 * }</pre>
 *
 * <p><b>File format: JSON Lines</b>, one object per record, written with one write call per line:
 * <pre>
 * {"kind":"step","epoch":1,"step":0,"loss":0.734,"lr":0.01}
 * {"kind":"epoch","epoch":1,"train_loss":0.52,"val_loss":0.55,"accuracy":0.81}
 * </pre>
 * JSON Lines rather than CSV because (1) every line names its fields, so a metric that first appears in
 * epoch 7 needs no header rewrite, and step and epoch records share one file; (2) a line cut short by a
 * crash is detectable (no closing brace), while a cut CSV line like {@code step,1,37,0.12} reads as a
 * valid, wrong number; (3) pandas reads it as is: {@code pd.read_json(path, lines=True)}. Absent optional
 * values are omitted; non-finite numbers are written {@code NaN}, {@code Infinity}, {@code -Infinity} as
 * Python's {@code json} module does. No fsync per line: a process crash keeps every line, a power
 * loss may not.
 *
 * <p>Not thread-safe. Closing releases the file; recording after {@link #close()} fails.
 */
public final class TrainingLog implements AutoCloseable {
    static final Set<String> RESERVED =
            Set.of("kind", "epoch", "step", "loss", "lr", "train_loss", "val_loss");

    /** One training step: the loss of one batch, and the learning rate if it was recorded. */
    public record Step(int epoch, long step, double loss, OptionalDouble lr) {
        public Step {
            Objects.requireNonNull(lr, "lr");
        }
    }

    /** One finished epoch: mean training loss, validation loss if any, and extra named metrics. */
    public record Epoch(int epoch, double trainLoss, OptionalDouble valLoss, Map<String, Double> metrics) {
        public Epoch {
            Objects.requireNonNull(valLoss, "valLoss");
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** A log file that cannot be read back; the message starts with {@code file:line:}. */
    public static final class FormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final long line;

        FormatException(Path file, long line, String problem) {
            super(file + ":" + line + ": " + problem);
            this.file = file;
            this.line = line;
        }

        /** The file that failed to parse. */
        public Path file() {
            return file;
        }

        /** The 1-based line number of the bad record. */
        public long line() {
            return line;
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();
    private final Set<String> metricNames = new LinkedHashSet<>();
    private final Path file;
    private OutputStream out;
    private boolean closed;

    /** Creates a log kept in memory only. */
    public TrainingLog() {
        this(null, null);
    }

    private TrainingLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Creates (or truncates) {@code file}, creating missing parent directories, and logs to it. */
    public static TrainingLog create(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new TrainingLog(file, Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("training log: cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads an existing log (as {@link #read}) and appends new records to it, for a resumed run.
     * A torn last line left by a crash is cut off first (a whole one missing its newline gets one), so
     * the file stays readable.
     */
    public static TrainingLog openForAppend(Path file) {
        return openForAppend(file, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #openForAppend(Path)}, but first cuts off the records of epochs after {@code lastEpoch}:
     * a run resumed from the checkpoint of that epoch repeats them. The file is cut in place, never
     * rewritten, so opening costs one read of it however long it is. Records are expected in epoch order
     * (as this class writes them): the cut starts at the first record of a later epoch.
     *
     * @throws FormatException naming the file and line of a malformed record, before the file is changed
     */
    public static TrainingLog openForAppend(Path file, int lastEpoch) {
        TrainingLog log = new TrainingLog(file, null);
        try {
            TrainingLogTail.keepUpTo(file, lastEpoch, log);
            log.out = Files.newOutputStream(file, StandardOpenOption.APPEND);
            return log;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("training log: " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("training log: cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a log written by this class into an in-memory log (further records are not written back).
     * A last line without its newline that does not parse is the trace of a crash mid-write and is
     * skipped; any other bad line fails.
     *
     * @throws FormatException naming the file and line of a malformed record
     */
    public static TrainingLog read(Path file) {
        TrainingLog log = new TrainingLog();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            TrainingLogReader.readInto(reader, file, log);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("training log: " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("training log: cannot read " + file + ": " + e.getMessage(), e);
        }
        return log;
    }

    /** Records the loss of one step (batch); {@code step} may count within the epoch or globally. */
    public void step(int epoch, long step, double loss) {
        addStep(new Step(epoch, step, loss, OptionalDouble.empty()));
    }

    /** Records the loss of one step together with the learning rate used for it. */
    public void step(int epoch, long step, double loss, double lr) {
        addStep(new Step(epoch, step, loss, OptionalDouble.of(lr)));
    }

    /** Records a finished epoch without validation. */
    public void epoch(int epoch, double trainLoss) {
        addEpoch(new Epoch(epoch, trainLoss, OptionalDouble.empty(), Map.of()));
    }

    /** Records a finished epoch with its validation loss. */
    public void epoch(int epoch, double trainLoss, double valLoss) {
        addEpoch(new Epoch(epoch, trainLoss, OptionalDouble.of(valLoss), Map.of()));
    }

    /** Records a finished epoch without validation loss but with extra metrics such as {@code "accuracy"}. */
    public void epoch(int epoch, double trainLoss, Map<String, ? extends Number> metrics) {
        addEpoch(new Epoch(epoch, trainLoss, OptionalDouble.empty(), toDoubles(metrics)));
    }

    /** Records a finished epoch with validation loss and extra metrics such as {@code "accuracy"}. */
    public void epoch(int epoch, double trainLoss, double valLoss, Map<String, ? extends Number> metrics) {
        addEpoch(new Epoch(epoch, trainLoss, OptionalDouble.of(valLoss), toDoubles(metrics)));
    }

    void addStep(Step s) {
        checkOpen();
        if (s.epoch() < 0 || s.step() < 0) {
            throw new IllegalArgumentException(
                    "training log: epoch and step must be >= 0, got epoch " + s.epoch() + ", step " + s.step());
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "step");
        line.put("epoch", (long) s.epoch());
        line.put("step", s.step());
        line.put("loss", s.loss());
        if (s.lr().isPresent()) line.put("lr", s.lr().getAsDouble());
        write(line);
        steps.add(s);
    }

    void addEpoch(Epoch e) {
        checkOpen();
        if (e.epoch() < 0) {
            throw new IllegalArgumentException("training log: epoch must be >= 0, got " + e.epoch());
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "epoch");
        line.put("epoch", (long) e.epoch());
        line.put("train_loss", e.trainLoss());
        if (e.valLoss().isPresent()) line.put("val_loss", e.valLoss().getAsDouble());
        line.putAll(e.metrics());
        write(line);
        epochs.add(e);
        metricNames.addAll(e.metrics().keySet());
    }

    private static Map<String, Double> toDoubles(Map<String, ? extends Number> metrics) {
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Number> m : metrics.entrySet()) {
            String name = Objects.requireNonNull(m.getKey(), "metric name");
            if (name.isEmpty() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("training log: metric name \"" + name
                        + "\" is empty or reserved (reserved: kind, epoch, step, loss, lr, train_loss, val_loss)");
            }
            copy.put(name, Objects.requireNonNull(m.getValue(), "value of metric " + name).doubleValue());
        }
        return copy;
    }

    /** One JSON object per line; a diverged loss is written as NaN or Infinity, as Python's json does. */
    private void write(Map<String, Object> record) {
        if (out == null) {
            return;
        }
        String line = Json.writeAllowingNonFinite(record) + "\n";
        try {
            // One write of the whole line: the file stream is unbuffered, so the line reaches the OS now.
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("training log: cannot write to " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("training log" + (file == null ? "" : " " + file) + " is closed");
        }
    }

    /** The file this log appends to, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** All step records in order (a read-only view). */
    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** All epoch records in order (a read-only view). */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Whether nothing has been recorded. */
    public boolean isEmpty() {
        return steps.isEmpty() && epochs.isEmpty();
    }

    /** Names of the extra epoch metrics, in the order they first appeared. */
    public Set<String> metricNames() {
        return Collections.unmodifiableSet(metricNames);
    }

    /** Epoch numbers of the epoch records. Shapes: [epochs]. */
    public double[] epochNumbers() {
        double[] r = new double[epochs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = epochs.get(i).epoch();
        }
        return r;
    }

    /** Training loss per epoch record. Shapes: [epochs]. */
    public double[] trainLosses() {
        double[] r = new double[epochs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = epochs.get(i).trainLoss();
        }
        return r;
    }

    /** Validation loss per epoch record, NaN where none was recorded. Shapes: [epochs]. */
    public double[] valLosses() {
        double[] r = new double[epochs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = epochs.get(i).valLoss().orElse(Double.NaN);
        }
        return r;
    }

    /** Whether any epoch record has a validation loss. */
    public boolean hasValLoss() {
        for (Epoch e : epochs) {
            if (e.valLoss().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Values of one extra metric per epoch record, NaN where absent. Shapes: [epochs]. */
    public double[] metric(String name) {
        if (!metricNames.contains(name)) {
            throw new IllegalArgumentException("training log: no metric \"" + name + "\" (have " + metricNames + ")");
        }
        double[] r = new double[epochs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = epochs.get(i).metrics().getOrDefault(name, Double.NaN);
        }
        return r;
    }

    /** Loss of every step record. Shapes: [steps]. */
    public double[] stepLosses() {
        double[] r = new double[steps.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = steps.get(i).loss();
        }
        return r;
    }

    /**
     * Position of every step on the epoch axis: the i-th of the n steps recorded for epoch e sits at
     * {@code e - 1 + (i + 1) / n}, so an epoch's steps fill the interval that ends at its epoch record.
     * Shapes: [steps].
     */
    public double[] stepPositions() {
        Map<Integer, int[]> counts = new HashMap<>();
        for (Step s : steps) {
            counts.computeIfAbsent(s.epoch(), k -> new int[2])[0]++;
        }
        double[] r = new double[steps.size()];
        for (int i = 0; i < r.length; i++) {
            int epoch = steps.get(i).epoch();
            int[] c = counts.get(epoch); // c[0] = steps in the epoch, c[1] = seen so far
            r[i] = epoch - 1 + (double) ++c[1] / c[0];
        }
        return r;
    }

    /** Closes the file, if any; the records stay readable, recording fails afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("training log: cannot close " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

    @Override
    public String toString() {
        return "TrainingLog(" + (file == null ? "in memory" : file) + ", " + epochs.size() + " epochs, "
                + steps.size() + " steps)";
    }
}
