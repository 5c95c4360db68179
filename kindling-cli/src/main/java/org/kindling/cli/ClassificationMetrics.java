package org.kindling.cli;

import org.kindling.io.AtomicFiles;
import org.kindling.tabular.CsvRecords;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How well a classifier did on some rows: the confusion matrix (rows true class, columns predicted),
 * accuracy, and per-class precision, recall and F1 with their unweighted (macro) averages, as
 * scikit-learn's {@code classification_report} computes them (0 where a ratio has nothing to count).
 */
record ClassificationMetrics(List<String> classes, long[][] confusion) {

    static ClassificationMetrics of(List<String> classes, double[] truth, double[] predicted) {
        int k = classes.size();
        long[][] m = new long[k][k];
        for (int i = 0; i < truth.length; i++) m[(int) truth[i]][(int) predicted[i]]++;
        return new ClassificationMetrics(classes, m);
    }

    long rows() {
        long n = 0;
        for (long[] row : confusion) for (long v : row) n += v;
        return n;
    }

    double accuracy() {
        long right = 0;
        for (int c = 0; c < confusion.length; c++) right += confusion[c][c];
        return rows() == 0 ? Double.NaN : (double) right / rows();
    }

    long support(int c) {
        long n = 0;
        for (long v : confusion[c]) n += v;
        return n;
    }

    double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) predicted += row[c];
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) confusion[c][c] / s;
    }

    double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    double macro(java.util.function.IntToDoubleFunction perClass) {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) sum += perClass.applyAsDouble(c);
        return sum / confusion.length;
    }

    /** {@code class-metrics.csv}: one row per class, then the macro average and the accuracy. */
    void writeClassMetrics(Path file) {
        StringBuilder csv = new StringBuilder("class,precision,recall,f1,support\n");
        for (int c = 0; c < classes.size(); c++) {
            csv.append(CsvRecords.quote(classes.get(c))).append(',').append(f(precision(c))).append(',').append(f(recall(c)))
                    .append(',').append(f(f1(c))).append(',').append(support(c)).append('\n');
        }
        csv.append("macro average,").append(f(macro(this::precision))).append(',').append(f(macro(this::recall))).append(',')
                .append(f(macro(this::f1))).append(',').append(rows()).append('\n');
        csv.append("accuracy,,,").append(f(accuracy())).append(',').append(rows()).append('\n');
        write(file, csv.toString());
    }

    /** {@code confusion-matrix.csv}: a header of predicted classes, then one row per true class. */
    void writeConfusion(Path file) {
        StringBuilder csv = new StringBuilder("true \\ predicted");
        for (String c : classes) csv.append(',').append(CsvRecords.quote(c));
        csv.append('\n');
        for (int i = 0; i < classes.size(); i++) {
            csv.append(CsvRecords.quote(classes.get(i)));
            for (long v : confusion[i]) csv.append(',').append(v);
            csv.append('\n');
        }
        write(file, csv.toString());
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static void write(Path file, String text) {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(text);
            w.flush();
        });
    }
}
