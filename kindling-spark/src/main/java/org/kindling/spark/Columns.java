package org.kindling.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * The input and target columns of a run, checked against the data's schema on the driver (so a typo
 * fails at once, before any task starts) and located by position for the tasks.
 *
 * @param features       input column names, in tensor order
 * @param targets        target column names, in tensor order
 * @param featureIndexes their positions in the row
 * @param targetIndexes  their positions in the row
 */
record Columns(List<String> features, List<String> targets, int[] featureIndexes, int[] targetIndexes)
        implements Serializable {

    static Columns resolve(StructType schema, DataParallelOptions options) {
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> targets = options.targets();
        if (targets.isEmpty()) throw new IllegalArgumentException("no target column given (DataParallelOptions.targets)");
        if (options.classTargets() && targets.size() != 1) {
            throw new IllegalArgumentException("class targets need exactly one target column, got " + targets);
        }
        List<String> features = options.features();
        if (features == null) {
            features = new ArrayList<>(names);
            features.removeAll(targets);
        }
        if (features.isEmpty()) throw new IllegalArgumentException("no input columns: the data has only " + names);
        for (String t : targets) {
            if (features.contains(t)) throw new IllegalArgumentException("column '" + t + "' is both an input and a target");
        }
        return new Columns(List.copyOf(features), List.copyOf(targets), indexes(schema, names, features),
                indexes(schema, names, targets));
    }

    private static int[] indexes(StructType schema, List<String> names, List<String> wanted) {
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            String name = wanted.get(i);
            int at = names.indexOf(name);
            if (at < 0) throw new IllegalArgumentException("no column '" + name + "' in the data (columns: " + names + ")");
            DataType type = schema.fields()[at].dataType();
            if (!(type instanceof NumericType)) {
                throw new IllegalArgumentException("column '" + name + "' is " + type.simpleString()
                        + ", not numeric; cast it (or encode it) in Spark before training");
            }
            out[i] = at;
        }
        return out;
    }
}
