package org.kindling.spark;

import org.apache.spark.Partitioner;

/** Sends row {@code i} (the key) to partition {@code i mod N}: the assignment of {@link RowAssignment}. */
final class TaskPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int tasks;

    TaskPartitioner(int tasks) {
        this.tasks = tasks;
    }

    @Override
    public int numPartitions() {
        return tasks;
    }

    @Override
    public int getPartition(Object key) {
        return (int) Math.floorMod((Long) key, (long) tasks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskPartitioner p && p.tasks == tasks;
    }

    @Override
    public int hashCode() {
        return tasks;
    }
}
