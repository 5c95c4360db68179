package org.kindling.tabular;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.kindling.Tensor;
import org.kindling.internal.format.Excerpt;

/**
 * Reads numeric CSV files with a header row into float32 feature and target tensors.
 *
 * <pre>{@code
 * CsvTable table = Csv.read(Path.of("diabetes.csv"), "progression"); // features: every other column
 * TensorDataset data = table.dataset();
 * }</pre>
 *
 * <p>The text is UTF-8, RFC 4180 style (see {@link CsvParser}): comma-separated, optional double
 * quotes. Cells are decimal numbers ({@code 12}, {@code -0.5}, {@code 1e-3}; spaces around them are
 * allowed), parsed to the nearest double and then rounded to float32, as NumPy's
 * {@code float64 -> float32} conversion does. Empty cells, {@code NaN}, infinities and values beyond
 * float32's range are errors. Every error is a {@link CsvException} naming the file, the row (its
 * 1-based line number, the header being row 1) and the column; text quoted from the file is cut to 80
 * characters with its control characters escaped, so a hostile cell cannot flood or rewrite a terminal.
 *
 * <p>A plain numeric file (no double quote, ASCII after the header, LF or CRLF line ends) given by path
 * is read from bytes, in chunks split at line breaks and parsed in parallel, one thread per core,
 * straight into the tensors' arrays: about the data's size in memory, no {@code String} per cell. Any
 * other file, and any {@code Reader}, is read character by character. Both give the same values and
 * the same errors (the first bad row in file order).
 */
public final class Csv {
    private static final int LISTED_COLUMNS = 20;
    /** Threads that parse a plain file's chunks: one per core. */
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private Csv() {}

    /** Returns a fresh options object: no target, every column a feature, comma-delimited. */
    public static Options options() {
        return new Options();
    }

    /** Reads {@code file} with {@code targets} as the target columns and every other column as a feature. */
    public static CsvTable read(Path file, String... targets) {
        return read(file, options().targets(targets));
    }

    /**
     * Reads {@code file} as {@code options} select.
     *
     * @throws CsvException for a malformed file or one that is not UTF-8, a missing column or a cell that is not a number
     * @throws UncheckedIOException if the file cannot be read (the message names it)
     */
    public static CsvTable read(Path file, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String source = file.toString();
        try {
            ChunkedCsv layout = ChunkedCsv.open(file, source, options.delimiter, THREADS);
            if (layout != null) {
                return ChunkedRead.read(layout, options, THREADS);
            }
        } catch (IOException e) {
            throw CsvFiles.failure(source, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e.getCause());
        }
        // Quotes, non-ASCII text or lone carriage returns: the general reader, character by character.
        return CsvFiles.withReader(file, source, reader -> read(reader, source, options));
    }

    /**
     * Reads CSV text from {@code reader} (not closed); {@code source} names it in error messages.
     *
     * @throws CsvException for malformed text, a missing column or a cell that is not a number
     */
    public static CsvTable read(Reader reader, String source, Options options) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        CsvParser parser = new CsvParser(reader, source, options.delimiter);
        if (!parser.next()) {
            throw new CsvException(source, 0, null, "the file is empty; expected a header row of column names");
        }
        List<String> header = header(parser.fields(), parser.line(), source);
        int[] featureColumns = select(header, options, source);
        int[] targetColumns = columns(header, options.targets, "target", source);
        int width = header.size();
        int nf = featureColumns.length;
        int nt = targetColumns.length;
        float[] features = new float[16 * Math.max(nf, 1)];
        float[] targets = new float[16 * Math.max(nt, 1)];
        int rows = 0;
        while (parser.next()) {
            List<String> fields = parser.fields();
            int line = parser.line();
            if (fields.size() != width) {
                throw CsvException.ragged(source, line, fields.size(), width);
            }
            if ((long) (rows + 1) * Math.max(nf, nt) > Integer.MAX_VALUE - 16) {
                throw new CsvException(source, line, null, "too many rows for one tensor");
            }
            features = ensure(features, (rows + 1) * nf);
            targets = ensure(targets, (rows + 1) * nt);
            for (int j = 0; j < nf; j++) {
                int c = featureColumns[j];
                features[rows * nf + j] = number(fields.get(c), source, line, header.get(c));
            }
            for (int j = 0; j < nt; j++) {
                int c = targetColumns[j];
                targets[rows * nt + j] = number(fields.get(c), source, line, header.get(c));
            }
            rows++;
        }
        if (rows == 0) {
            throw new CsvException(source, 0, null, "no data rows after the header");
        }
        return new CsvTable(Tensor.fromArray(Arrays.copyOf(features, rows * nf), rows, nf),
                Tensor.fromArray(Arrays.copyOf(targets, rows * nt), rows, nt),
                names(header, featureColumns), names(header, targetColumns));
    }

    static List<String> header(List<String> fields, int line, String source) {
        List<String> header = new ArrayList<>(fields.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip();
            if (name.isEmpty()) {
                throw new CsvException(source, line, null, "header column " + (i + 1)
                        + " has no name (every column needs a name to be selected)");
            }
            Integer before = seen.putIfAbsent(name, i);
            if (before != null) {
                throw new CsvException(source, line, null, "the header names column '" + Excerpt.of(name) + "' twice (columns "
                        + (before + 1) + " and " + (i + 1) + ")");
            }
            header.add(name);
        }
        return header;
    }

    // The feature columns: those named, or every column that is not a target.
    static int[] select(List<String> header, Options options, String source) {
        for (String t : options.targets) {
            if (options.features != null && options.features.contains(t)) {
                throw new CsvException(source, 0, null, "column '" + t + "' is selected as both a feature and a target");
            }
        }
        if (options.features != null) {
            if (options.features.isEmpty()) {
                throw new CsvException(source, 0, null, "no feature columns selected");
            }
            return columns(header, options.features, "feature", source);
        }
        boolean[] isTarget = new boolean[header.size()];
        int[] targets = columns(header, options.targets, "target", source);
        for (int t : targets) {
            isTarget[t] = true;
        }
        int[] features = new int[header.size() - targets.length];
        int k = 0;
        for (int c = 0; c < header.size(); c++) {
            if (!isTarget[c]) {
                features[k++] = c;
            }
        }
        if (features.length == 0) {
            throw new CsvException(source, 0, null, "no feature columns left: every column ("
                    + columnList(header) + ") is a target");
        }
        return features;
    }

    static int[] columns(List<String> header, List<String> names, String role, String source) {
        int[] columns = new int[names.size()];
        for (int i = 0; i < columns.length; i++) {
            String name = names.get(i);
            columns[i] = header.indexOf(name);
            if (columns[i] < 0) {
                throw new CsvException(source, 0, null, "no " + role + " column '" + Excerpt.of(name) + "'; available columns: "
                        + columnList(header));
            }
            if (names.subList(0, i).contains(name)) {
                throw new CsvException(source, 0, null, role + " column '" + Excerpt.of(name) + "' is selected twice");
            }
        }
        return columns;
    }

    /** The header's names for a message: each cut short, at most {@value #LISTED_COLUMNS} of them. */
    private static String columnList(List<String> header) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(header.size(), LISTED_COLUMNS); i++) {
            out.append(i > 0 ? ", " : "").append(Excerpt.of(header.get(i)));
        }
        if (header.size() > LISTED_COLUMNS) {
            out.append(", ... (").append(header.size()).append(" columns)");
        }
        return out.toString();
    }

    static List<String> names(List<String> header, int[] columns) {
        List<String> names = new ArrayList<>(columns.length);
        for (int c : columns) {
            names.add(header.get(c));
        }
        return names;
    }

    private static float[] ensure(float[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(needed, 2L * a.length)));
    }

    /** Parses one cell as a decimal number rounded to float32. */
    static float number(String text, String source, int line, String column) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new CsvException(source, line, column, "empty cell (missing value), expected a number");
        }
        if (!isDecimal(s)) {
            throw new CsvException(source, line, column, "cannot parse \"" + Excerpt.of(text) + "\" as a number");
        }
        float value = (float) Double.parseDouble(s);
        if (Float.isInfinite(value)) {
            throw new CsvException(source, line, column, "\"" + Excerpt.of(text) + "\" is beyond the float32 range (about 3.4e38)");
        }
        return value;
    }

    // [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?  -- what Double.parseDouble accepts
    // minus its extras (hex, NaN, Infinity, 'd'/'f' suffixes).
    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Which columns to read: targets by name, features by name or every other column. */
    public static final class Options {
        List<String> targets = List.of();
        List<String> features = null;
        char delimiter = ',';
        LongConsumer progress = null;

        private Options() {}

        /**
         * Told the bytes parsed so far, chunk by chunk, from any thread (default: no one); for a progress
         * bar on large files. Files that are not plain numeric text (quotes, non-ASCII) report nothing.
         */
        public Options progress(LongConsumer bytesParsed) {
            this.progress = bytesParsed;
            return this;
        }

        /** The target column names, in output order (default: none). */
        public Options targets(String... targets) {
            return targets(Arrays.asList(Objects.requireNonNull(targets, "targets")));
        }

        /** The target column names, in output order (default: none). */
        public Options targets(List<String> targets) {
            this.targets = List.copyOf(targets);
            return this;
        }

        /** The feature column names, in output order (default: every column that is not a target). */
        public Options features(String... features) {
            return features(Arrays.asList(Objects.requireNonNull(features, "features")));
        }

        /** The feature column names, in output order; null restores the default (every non-target column). */
        public Options features(List<String> features) {
            this.features = features == null ? null : List.copyOf(features);
            return this;
        }

        /** The field delimiter (default {@code ','}); not a quote or a line break. */
        public Options delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("Csv: the delimiter cannot be a quote or a line break");
            }
            this.delimiter = delimiter;
            return this;
        }
    }
}
