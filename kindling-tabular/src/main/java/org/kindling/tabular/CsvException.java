package org.kindling.tabular;

import org.kindling.internal.format.Excerpt;

/**
 * A CSV file that cannot be read as the table asked for: malformed, empty, ragged, a missing column
 * or a cell that is not a number. The message names the file, the row and the column.
 */
public final class CsvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int row;
    private final String column;

    /** A problem at {@code row} (0: the whole file) and {@code column} (may be null): {@code source: row R, column 'C': problem}. */
    CsvException(String source, int row, String column, String problem) {
        this(source + ": " + (row > 0 ? "row " + row + (column != null ? ", column '" + Excerpt.of(column) + "'" : "") + ": " : "")
                + problem, source, row, column);
    }

    private CsvException(String message, String source, int row, String column) {
        super(message);
        this.source = source;
        this.row = row;
        this.column = column;
    }

    /** A file whose bytes are not UTF-8. */
    static CsvException notUtf8(String source, Throwable cause) {
        CsvException e = new CsvException(source, 0, null, "not UTF-8 text");
        e.initCause(cause);
        return e;
    }

    /** A row whose field count differs from the header's. */
    static CsvException ragged(String source, int row, int fields, int width) {
        return new CsvException(source + ": row " + row + " has " + fields + " field" + (fields == 1 ? "" : "s")
                + ", but the header has " + width, source, row, null);
    }

    /** Returns the file name (or the source name given to {@link Csv#read(java.io.Reader, String, Csv.Options)}). */
    public String source() {
        return source;
    }

    /** Returns the 1-based line number where the problem row starts (the header is row 1), or 0 for the whole file. */
    public int row() {
        return row;
    }

    /** Returns the column name, or null when the problem is not in one column. */
    public String column() {
        return column;
    }
}
