package org.kindling.spark;

import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.kindling.Tensor;
import scala.Tuple2;

/**
 * One task's rows as tensors: inputs {@code [n_k, features]} float32, targets {@code [n_k, targets]}
 * float32 or {@code [n_k]} int64 class indices. Rows arrive as (row index, row) sorted by index, so
 * local position j is row {@code task + N·j}.
 *
 * @param inputs  the input columns
 * @param targets the target columns
 */
record PartitionTensors(Tensor inputs, Tensor targets) {

    static PartitionTensors read(Iterator<Tuple2<Long, Row>> rows, int task, RowAssignment assignment, Columns columns,
                                 boolean classTargets) {
        int n = assignment.rowsOf(task);
        int f = columns.featureIndexes().length;
        int t = columns.targetIndexes().length;
        float[] x = new float[n * f];
        float[] y = classTargets ? null : new float[n * t];
        long[] classes = classTargets ? new long[n] : null;
        int j = 0;
        while (rows.hasNext()) {
            Tuple2<Long, Row> next = rows.next();
            long index = next._1();
            if (j >= n || index != task + (long) assignment.tasks() * j) {
                throw new IllegalStateException("task " + task + " got row " + index + " at position " + j
                        + "; expected row " + (task + (long) assignment.tasks() * j) + " of " + assignment.rows());
            }
            Row row = next._2();
            for (int c = 0; c < f; c++) x[j * f + c] = number(row, columns.featureIndexes()[c], columns.features().get(c), index);
            if (classTargets) {
                double v = number(row, columns.targetIndexes()[0], columns.targets().get(0), index);
                if (v != Math.rint(v) || v < 0) {
                    throw new IllegalArgumentException("row " + index + ", column '" + columns.targets().get(0)
                            + "': class targets must be whole numbers >= 0, got " + v);
                }
                classes[j] = (long) v;
            } else {
                for (int c = 0; c < t; c++) y[j * t + c] = number(row, columns.targetIndexes()[c], columns.targets().get(c), index);
            }
            j++;
        }
        if (j == 0) throw new IllegalStateException("task " + task + " received an empty partition (expected " + n + " rows)");
        if (j != n) throw new IllegalStateException("task " + task + " received " + j + " rows, expected " + n);
        return new PartitionTensors(Tensor.fromArray(x, n, f),
                classTargets ? Tensor.fromArray(classes, n) : Tensor.fromArray(y, n, t));
    }

    private static float number(Row row, int at, String column, long index) {
        Object v = row.get(at);
        if (v == null) throw new IllegalArgumentException("row " + index + ", column '" + column + "' is null; drop or fill missing values first");
        if (!(v instanceof Number num)) {
            throw new IllegalArgumentException("row " + index + ", column '" + column + "' holds " + v.getClass().getSimpleName() + ", not a number");
        }
        return num.floatValue();
    }
}
