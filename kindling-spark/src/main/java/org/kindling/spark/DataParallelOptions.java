package org.kindling.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a data-parallel run: which columns are inputs and targets, the per-task batch, epochs,
 * seed, number of tasks, checkpoints and the all-reduce. Setters return this; the whole object is
 * shipped to every task, so it holds only plain values.
 */
public final class DataParallelOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<String> features;
    private List<String> targets = List.of();
    private boolean classTargets;
    private int batchSize = 32;
    private int epochs = 10;
    private long seed = 42;
    private boolean shuffle = true;
    private int tasks;
    private String checkpointDir;
    private int checkpointEvery = 1;
    private AllReduceKind allReduce = AllReduceKind.RING;
    private int threadsPerTask = 1;
    private int socketTimeoutMillis = 600_000;
    private TensorBlob validationInputs;
    private TensorBlob validationTargets;
    private int failAtEpoch = -1;
    private int failTask = -1;

    /** Input columns, in this order (default: every column but the targets). */
    public DataParallelOptions features(List<String> columns) {
        this.features = columns == null ? null : List.copyOf(columns);
        return this;
    }

    /** Target columns, in this order (required). */
    public DataParallelOptions targets(List<String> columns) {
        this.targets = List.copyOf(Objects.requireNonNull(columns, "targets"));
        return this;
    }

    /**
     * Reads the single target column as int64 class indices (for cross-entropy) instead of float32
     * values; its values must be whole numbers.
     */
    public DataParallelOptions classTargets(boolean value) {
        this.classTargets = value;
        return this;
    }

    /** Rows per task per step, B; a step's global batch has up to N·B rows (default 32). */
    public DataParallelOptions batchSize(int rows) {
        this.batchSize = positive("batchSize", rows);
        return this;
    }

    /** Passes over the data (default 10). */
    public DataParallelOptions epochs(int value) {
        this.epochs = positive("epochs", value);
        return this;
    }

    /** Seeds initialization ({@code Kindling.manualSeed}) and the per-epoch row order (default 42). */
    public DataParallelOptions seed(long value) {
        this.seed = value;
        return this;
    }

    /** Shuffles each task's rows every epoch (default true); false keeps them in row-index order. */
    public DataParallelOptions shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** Number of barrier tasks, N (default: the Spark context's default parallelism). */
    public DataParallelOptions tasks(int value) {
        this.tasks = positive("tasks", value);
        return this;
    }

    /**
     * Directory where task 0 writes {@value SparkDataParallel#CHECKPOINT_FILE} (atomically), and from which
     * every task resumes when a stage is retried or the run is started again. On a cluster it must be a
     * path every executor can read (a shared file system). Default: none, so a retried stage starts over.
     */
    public DataParallelOptions checkpointDir(String dir) {
        this.checkpointDir = dir;
        return this;
    }

    /** Epochs between checkpoints (default 1); the last epoch is always saved when checkpointing. */
    public DataParallelOptions checkpointEvery(int epochsBetween) {
        this.checkpointEvery = positive("checkpointEvery", epochsBetween);
        return this;
    }

    /** How gradients are summed across tasks (default {@link AllReduceKind#RING}). */
    public DataParallelOptions allReduce(AllReduceKind kind) {
        this.allReduce = Objects.requireNonNull(kind, "allReduce");
        return this;
    }

    /** Kindling compute threads per task (default 1: Spark already runs one task per core). */
    public DataParallelOptions threadsPerTask(int value) {
        this.threadsPerTask = positive("threadsPerTask", value);
        return this;
    }

    /** How long a ring socket waits for a peer before the task fails (default 10 minutes). */
    public DataParallelOptions socketTimeoutMillis(int value) {
        this.socketTimeoutMillis = positive("socketTimeoutMillis", value);
        return this;
    }

    /**
     * Held-out rows that task 0 scores after every epoch (model in eval mode, no grad), as PyTorch users do on
     * rank 0: {@link DataParallelResult#validationLosses()}. Shipped with the job, so keep them small.
     */
    public DataParallelOptions validation(org.kindling.Tensor inputs, org.kindling.Tensor targets) {
        this.validationInputs = inputs == null ? null : TensorBlob.of(inputs);
        this.validationTargets = targets == null ? null : TensorBlob.of(targets);
        return this;
    }

    /** For fault tests: task {@code task} throws in its first attempt when it reaches {@code epoch} (1-based). */
    DataParallelOptions failInFirstAttempt(int epoch, int task) {
        this.failAtEpoch = epoch;
        this.failTask = task;
        return this;
    }

    List<String> features() { return features; }
    List<String> targets() { return targets; }
    boolean classTargets() { return classTargets; }
    int batchSize() { return batchSize; }
    int epochs() { return epochs; }
    long seed() { return seed; }
    boolean shuffle() { return shuffle; }
    int tasks() { return tasks; }
    String checkpointDir() { return checkpointDir; }
    int checkpointEvery() { return checkpointEvery; }
    AllReduceKind allReduce() { return allReduce; }
    int threadsPerTask() { return threadsPerTask; }
    int socketTimeoutMillis() { return socketTimeoutMillis; }
    TensorBlob validationInputs() { return validationInputs; }
    TensorBlob validationTargets() { return validationTargets; }
    int failAtEpoch() { return failAtEpoch; }
    int failTask() { return failTask; }

    private static int positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, got " + value);
        return value;
    }
}
