package org.kindling.spark;

import java.io.Serializable;
import org.kindling.Generator;
import org.kindling.Tensor;

/**
 * Which rows each task trains on, and in which order: the contract that makes N tasks with batch B
 * train like one process with batch N·B.
 *
 * <ul>
 *   <li>Rows are numbered 0..n-1 in the order of the input {@code Dataset} (its partitions in order, rows
 *       in partition order: {@code zipWithIndex}).
 *   <li>Row {@code i} belongs to task {@code i mod N}, at local position {@code i / N}; so task k holds
 *       {@code n/N} rows, one more when {@code k < n mod N}.
 *   <li>In epoch e (0-based) task k visits its rows in the order {@code randperm(n_k)} drawn from
 *       {@code new Generator(seed + 1 + e·N + k)} (or in local order when not shuffling).
 *   <li>Step s of an epoch takes positions {@code [s·B, (s+1)·B)} of that order on every task; an epoch
 *       has {@code ceil(n_0 / B)} steps, so in its last step some tasks may have fewer rows, or none.
 *   <li>The global batch of step s is task 0's rows, then task 1's, ..., then task N-1's:
 *       {@link #globalBatch}. One process training on exactly these batches, with a mean loss, follows the
 *       same curve.
 * </ul>
 */
public final class RowAssignment implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long rows;
    private final int tasks;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;

    /**
     * @param rows      n, rows in the data
     * @param tasks     N, the number of tasks
     * @param batchSize B, rows per task per step
     * @param seed      the run's seed
     * @param shuffle   whether each epoch visits a task's rows in a new random order
     */
    public RowAssignment(long rows, int tasks, int batchSize, long seed, boolean shuffle) {
        if (tasks <= 0 || batchSize <= 0) throw new IllegalArgumentException("tasks and batchSize must be positive");
        if (rows < tasks) {
            throw new IllegalArgumentException("the data has " + rows + " rows, fewer than the " + tasks
                    + " tasks: some task would get an empty partition; use fewer tasks");
        }
        if (rows / tasks > Integer.MAX_VALUE) throw new IllegalArgumentException("too many rows per task: " + rows / tasks);
        this.rows = rows;
        this.tasks = tasks;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** n. */
    public long rows() { return rows; }

    /** N. */
    public int tasks() { return tasks; }

    /** B. */
    public int batchSize() { return batchSize; }

    /** The task that trains on row {@code index}. */
    public int taskOf(long index) {
        return (int) (index % tasks);
    }

    /** How many rows task {@code task} holds. */
    public int rowsOf(int task) {
        return (int) (rows / tasks + (task < rows % tasks ? 1 : 0));
    }

    /** Steps in every epoch. */
    public int stepsPerEpoch() {
        return (rowsOf(0) + batchSize - 1) / batchSize;
    }

    /** Rows of task {@code task} in step {@code step}: B, fewer in an epoch's last step, possibly 0. */
    public int batchRows(int task, int step) {
        long left = (long) rowsOf(task) - (long) step * batchSize;
        return (int) Math.max(0, Math.min(batchSize, left));
    }

    /** Rows in step {@code step}'s global batch, summed over all tasks. */
    public int globalBatchRows(int step) {
        int sum = 0;
        for (int k = 0; k < tasks; k++) sum += batchRows(k, step);
        return sum;
    }

    /** Task {@code task}'s local positions in the order it visits them in epoch {@code epoch} (0-based). */
    public int[] localOrder(int epoch, int task) {
        int n = rowsOf(task);
        int[] order = new int[n];
        if (!shuffle) {
            for (int j = 0; j < n; j++) order[j] = j;
            return order;
        }
        long[] perm = Tensor.randperm(n, new Generator(seed + 1 + (long) epoch * tasks + task)).toLongArray();
        for (int j = 0; j < n; j++) order[j] = (int) perm[j];
        return order;
    }

    /** The row indices (0..n-1) of step {@code step}'s global batch in epoch {@code epoch}, task by task. */
    public long[] globalBatch(int epoch, int step) {
        long[] out = new long[globalBatchRows(step)];
        int at = 0;
        for (int k = 0; k < tasks; k++) {
            int[] order = localOrder(epoch, k);
            int from = step * batchSize;
            for (int j = 0; j < batchRows(k, step); j++) out[at++] = k + (long) tasks * order[from + j];
        }
        return out;
    }
}
