package org.kindling.tabular;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses the rows of one chunk of a plain CSV file (see {@link ChunkedCsv}) from bytes straight into
 * float32 arrays: no {@code String} per cell, numbers by {@link DecimalBytes} with
 * {@code Double.parseDouble} behind it. Checks and words errors exactly as {@link Csv} does with
 * {@link CsvParser}: the same limits, the same order (a row's fields, then its width, then its feature
 * cells in feature order, then its target cells), the same messages.
 */
final class ChunkParser {
    private final String source;
    private final byte delimiter;
    private final List<String> header;
    private final int[] featureColumns;
    private final int[] targetColumns;
    private final int width;
    private final int[] fieldStart;
    private final int[] fieldEnd;
    private final boolean[] selected;
    private final float[] row;

    ChunkParser(String source, char delimiter, List<String> header, int[] featureColumns, int[] targetColumns) {
        this.source = source;
        this.delimiter = (byte) delimiter;
        this.header = header;
        this.featureColumns = featureColumns;
        this.targetColumns = targetColumns;
        this.width = header.size();
        this.fieldStart = new int[width];
        this.fieldEnd = new int[width];
        this.selected = new boolean[width];
        for (int c : featureColumns) {
            selected[c] = true;
        }
        for (int c : targetColumns) {
            selected[c] = true;
        }
        this.row = new float[width];
    }

    /**
     * Parses the rows of {@code b[0, length)}, whose first line is line {@code line} of the file, into
     * {@code features} from index {@code featureAt} and {@code targets} from {@code targetAt} (row-major);
     * returns the number of rows parsed (blank lines are skipped).
     *
     * @throws CsvException at the first bad row
     */
    int parse(byte[] b, int length, int line, float[] features, int featureAt, float[] targets, int targetAt) {
        int nf = featureColumns.length;
        int nt = targetColumns.length;
        int rows = 0;
        int at = 0;
        while (at < length) {
            int next = fastRow(b, at, length);
            if (next < 0) {
                next = carefulRow(b, at, length, line);
            }
            if (next > 0) { // not a blank line
                for (int j = 0; j < nf; j++) {
                    features[featureAt++] = row[featureColumns[j]];
                }
                for (int j = 0; j < nt; j++) {
                    targets[targetAt++] = row[targetColumns[j]];
                }
                rows++;
            }
            line++;
            at = Math.abs(next);
        }
        return rows;
    }

    /**
     * The common case in one pass: a row of plain numbers (no spaces, no text in the selected columns,
     * nothing the fast path declines) into {@code row}; returns the index after the row's line break,
     * or -1 to leave the row to {@link #carefulRow}, which decides and words any error.
     */
    private int fastRow(byte[] b, int at, int length) {
        int i = at;
        for (int c = 0; c < width; c++) {
            if (selected[c]) {
                long scanned = DecimalBytes.scan(b, i, length);
                float value = DecimalBytes.value(scanned);
                int end = (int) scanned;
                if (value != value || end == i) {
                    return -1;
                }
                row[c] = value;
                i = end;
            } else {
                while (i < length && b[i] != delimiter && b[i] != '\n' && b[i] != '\r') {
                    i++;
                }
            }
            if (c < width - 1) {
                if (i >= length || b[i] != delimiter) {
                    return -1;
                }
                i++;
            }
        }
        if (i == length) {
            return length;
        }
        if (b[i] == '\r' && i + 1 < length) {
            i++;
        }
        return b[i] == '\n' ? i + 1 : -1;
    }

    /**
     * A row the fast path declined: its cells into {@code row}, or the error {@link Csv} gives for it;
     * returns the index after its line break, negated for a blank line.
     */
    private int carefulRow(byte[] b, int at, int length, int line) {
        int end = at;
        while (end < length && b[end] != '\n') {
            end++;
        }
        int next = end + 1;
        if (end > at && b[end - 1] == '\r') {
            end--;
        }
        if (end == at) {
            return -Math.min(next, length);
        }
        split(b, at, end, line);
        for (int c : featureColumns) {
            row[c] = cell(b, c, line);
        }
        for (int c : targetColumns) {
            row[c] = cell(b, c, line);
        }
        return Math.min(next, length);
    }

    // Finds the fields of the row b[from, to); fails as CsvParser and Csv do on too many, too long or a ragged count.
    private void split(byte[] b, int from, int to, int line) {
        int count = 0;
        int start = from;
        for (int i = from; ; i++) {
            if (i == to || b[i] == delimiter) {
                if (i - start > CsvParser.MAX_FIELD_LENGTH) {
                    throw new CsvException(source, line, null, "field " + (count + 1) + " is longer than "
                            + CsvParser.MAX_FIELD_LENGTH + " characters (the limit; an unclosed quote?)");
                }
                if (count == CsvParser.MAX_FIELDS) {
                    throw new CsvException(source, line, null, "more than " + CsvParser.MAX_FIELDS
                            + " fields in one row (the limit; is the delimiter right?)");
                }
                if (count < width) {
                    fieldStart[count] = start;
                    fieldEnd[count] = i;
                }
                count++;
                start = i + 1;
                if (i == to) {
                    break;
                }
            }
        }
        if (count != width) {
            throw CsvException.ragged(source, line, count, width);
        }
    }

    private float cell(byte[] b, int column, int line) {
        int from = fieldStart[column];
        int to = fieldEnd[column];
        int s = from;
        int e = to;
        while (s < e && isSpace(b[s])) {
            s++;
        }
        while (e > s && isSpace(b[e - 1])) {
            e--;
        }
        float value = DecimalBytes.parse(b, s, e);
        if (value == value) { // not UNSURE (NaN)
            return value;
        }
        // ASCII only in a plain file, so ISO-8859-1 gives the same text as UTF-8.
        return Csv.number(new String(b, from, to - from, StandardCharsets.ISO_8859_1), source, line, header.get(column));
    }

    // What String.strip removes, restricted to ASCII: Character.isWhitespace's ASCII members.
    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
}
