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

    ChunkParser(String source, char delimiter, List<String> header, int[] featureColumns, int[] targetColumns) {
        this.source = source;
        this.delimiter = (byte) delimiter;
        this.header = header;
        this.featureColumns = featureColumns;
        this.targetColumns = targetColumns;
        this.width = header.size();
        this.fieldStart = new int[width];
        this.fieldEnd = new int[width];
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
            int end = at;
            while (end < length && b[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > at && b[end - 1] == '\r') {
                end--;
            }
            if (end > at) {
                split(b, at, end, line);
                for (int j = 0; j < nf; j++) {
                    features[featureAt++] = cell(b, featureColumns[j], line);
                }
                for (int j = 0; j < nt; j++) {
                    targets[targetAt++] = cell(b, targetColumns[j], line);
                }
                rows++;
            }
            line++;
            at = next;
        }
        return rows;
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
