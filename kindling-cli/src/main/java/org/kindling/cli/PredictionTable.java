package org.kindling.cli;

import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvTable;
import org.kindling.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a run with their predictions, in original units: the validation rows (every row with
 * {@code --predictions all}, or when there is no validation split), so the file grows with the
 * validation split, not with training data; saved as {@code predictions.csv} so {@code kindling plot}
 * can redraw the pictures without the model.
 * Columns: {@code validation} (1 or 0), the features, the targets, then {@code predicted_<target>}.
 */
record PredictionTable(List<String> featureNames, List<String> targetNames, boolean[] validation,
                       float[][] features, float[][] targets, float[][] predicted) {
    static final String VALIDATION = "validation";
    static final String PREFIX = "predicted_";

    int rows() {
        return validation.length;
    }

    /** Whether some row is a validation row (a table of validation rows only has nothing but). */
    boolean hasValidation() {
        for (boolean v : validation) if (v) return true;
        return false;
    }

    /** The rows to judge the model on: validation rows, or all rows when there are none. */
    boolean[] evaluationRows() {
        for (boolean v : validation) if (v) return validation.clone();
        boolean[] all = new boolean[rows()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    double[] column(float[][] m, int col, boolean[] keep) {
        int count = 0;
        for (boolean k : keep) if (k) count++;
        double[] out = new double[count];
        for (int i = 0, j = 0; i < m.length; i++) if (keep[i]) out[j++] = m[i][col];
        return out;
    }

    void write(Path file) {
        AtomicFiles.write(file, stream -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            List<String> header = new ArrayList<>();
            header.add(VALIDATION);
            header.addAll(featureNames);
            header.addAll(targetNames);
            for (String t : targetNames) header.add(PREFIX + t);
            w.write(String.join(",", header.stream().map(PredictionTable::quote).toList()));
            w.write('\n');
            for (int i = 0; i < rows(); i++) {
                StringBuilder line = new StringBuilder(validation[i] ? "1" : "0");
                for (float v : features[i]) line.append(',').append(v);
                for (float v : targets[i]) line.append(',').append(v);
                for (float v : predicted[i]) line.append(',').append(v);
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
    }

    static PredictionTable read(Path file, RunConfig config) {
        List<String> predictedNames = config.targets().stream().map(t -> PREFIX + t).toList();
        List<String> targets = new ArrayList<>(config.targets());
        targets.add(0, VALIDATION);
        targets.addAll(predictedNames);
        CsvTable t = Csv.read(file, Csv.options().targets(targets).features(config.features()));
        int n = t.rows(), k = config.targets().size();
        float[] x = t.features().toFloatArray(), y = t.targets().toFloatArray();
        int fx = config.features().size(), fy = targets.size();
        boolean[] val = new boolean[n];
        float[][] features = new float[n][fx], truth = new float[n][k], predicted = new float[n][k];
        for (int i = 0; i < n; i++) {
            val[i] = y[i * fy] != 0;
            System.arraycopy(x, i * fx, features[i], 0, fx);
            System.arraycopy(y, i * fy + 1, truth[i], 0, k);
            System.arraycopy(y, i * fy + 1 + k, predicted[i], 0, k);
        }
        return new PredictionTable(config.features(), config.targets(), val, features, truth, predicted);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
