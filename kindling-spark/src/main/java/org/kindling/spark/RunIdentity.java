package org.kindling.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kindling.train.Checkpoint;

/** What a checkpoint must match to be resumed: the data's size, the split over tasks, the batch, seed and columns. */
final class RunIdentity {
    private RunIdentity() {}

    static Map<String, String> of(RowAssignment assignment, DataParallelOptions options, Columns columns) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rows", Long.toString(assignment.rows()));
        m.put("tasks", Integer.toString(assignment.tasks()));
        m.put("batch_size", Integer.toString(assignment.batchSize()));
        m.put("seed", Long.toString(options.seed()));
        m.put("shuffle", Boolean.toString(options.shuffle()));
        m.put("columns", columns.features() + " -> " + columns.targets());
        return m;
    }

    /** Fails when {@code checkpoint} was written by a run with other settings: resuming it would train another problem. */
    static void check(Path file, Checkpoint checkpoint, Map<String, String> expected) {
        for (var e : expected.entrySet()) {
            String found = checkpoint.metadata().get(e.getKey());
            if (!e.getValue().equals(found)) {
                throw new IllegalArgumentException(file + " belongs to another run: its " + e.getKey() + " is " + found
                        + ", this run's is " + e.getValue() + "; give a fresh checkpoint directory");
            }
        }
    }
}
