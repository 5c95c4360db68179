package org.kindling.tabular;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.kindling.internal.format.Excerpt;

/**
 * Splits CSV text into records (RFC 4180): fields separated by a delimiter, records by LF, CRLF or CR;
 * a field in double quotes may hold delimiters, line breaks and doubled quotes ({@code ""}). Blank
 * lines are skipped, and a UTF-8 byte order mark at the start is ignored. A quote inside an unquoted
 * field is kept as text, as Python's {@code csv} module does. A record may have at most
 * {@value #MAX_FIELDS} fields of at most {@value #MAX_FIELD_LENGTH} characters each, so that a hostile file
 * fails with a message instead of exhausting memory.
 */
final class CsvParser {
    /** Most fields in a record: a header of millions of names would cost gigabytes of strings. */
    static final int MAX_FIELDS = 1 << 17;
    /** Longest field: no number needs more, and a field is held whole in memory. */
    static final int MAX_FIELD_LENGTH = 1 << 20;
    private static final int BUFFER = 1 << 16;

    private final Reader reader;
    private final String source;
    private final char delimiter;
    private final char[] buffer = new char[BUFFER];
    private int length;
    private int at;
    private int line = 1;
    private boolean started;

    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private int recordLine;
    // The current record's characters as written, when asked for (CsvRecords passes rows through unchanged).
    private StringBuilder text;
    private boolean recording;

    CsvParser(Reader reader, String source, char delimiter) {
        this.reader = reader;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** Reads the next non-blank record; returns false at the end of the input. */
    boolean next() {
        while (true) {
            fields.clear();
            int c = read();
            if (c < 0) {
                return false;
            }
            recordLine = line;
            if (isLineBreak(c)) {
                endLine(c);
                continue; // a blank line
            }
            if (text != null) {
                text.setLength(0);
                text.append((char) c);
                recording = true;
            }
            readRecord(c);
            return true;
        }
    }

    /** Returns the fields of the current record (valid until the next call to {@link #next()}). */
    List<String> fields() {
        return fields;
    }

    /** Keeps each record's text as written, for {@link #text()}; call before the first {@link #next()}. */
    CsvParser keepText() {
        text = new StringBuilder();
        return this;
    }

    /** Returns the current record's text as written, without its line break (needs {@link #keepText()}). */
    String text() {
        return text.toString();
    }

    /** Returns the 1-based line on which the current record starts. */
    int line() {
        return recordLine;
    }

    private void readRecord(int c) {
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = readQuoted();
            } else {
                while (c >= 0 && c != delimiter && !isLineBreak(c)) {
                    append(c);
                    c = read();
                }
            }
            if (fields.size() == MAX_FIELDS) {
                throw new CsvException(source, recordLine, null, "more than " + MAX_FIELDS
                        + " fields in one row (the limit; is the delimiter right?)");
            }
            fields.add(field.toString());
            if (c == delimiter) {
                c = read();
                continue;
            }
            if (recording) {
                recording = false;
                if (c >= 0) {
                    text.setLength(text.length() - 1); // the line break that ended the record
                }
            }
            if (c >= 0) {
                endLine(c);
            }
            return;
        }
    }

    // Reads a quoted field after its opening quote; returns the character after the closing quote.
    private int readQuoted() {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new CsvException(source, recordLine, null, "a quoted field (field " + (fields.size() + 1)
                        + ") is not closed before the end of the file");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after >= 0 && after != delimiter && !isLineBreak(after)) {
                        throw new CsvException(source, recordLine, null, "unexpected character '" + Excerpt.of(String.valueOf((char) after))
                                + "' after the closing quote of field " + (fields.size() + 1)
                                + " (a quote inside a quoted field must be doubled)");
                    }
                    return after;
                }
                append('"');
            } else {
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                append(c);
            }
        }
    }

    private void append(int c) {
        if (field.length() == MAX_FIELD_LENGTH) {
            throw new CsvException(source, recordLine, null, "field " + (fields.size() + 1) + " is longer than "
                    + MAX_FIELD_LENGTH + " characters (the limit; an unclosed quote?)");
        }
        field.append((char) c);
    }

    private static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r';
    }

    private void endLine(int c) {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() {
        if (at == length && !fill()) {
            return -1;
        }
        return buffer[at];
    }

    private int read() {
        if (at == length && !fill()) {
            return -1;
        }
        char c = buffer[at++];
        if (recording) {
            text.append(c);
        }
        return c;
    }

    private boolean fill() {
        try {
            length = reader.read(buffer, 0, BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
        at = 0;
        if (length <= 0) {
            length = 0;
            return false;
        }
        if (!started) {
            started = true;
            if (buffer[0] == '\uFEFF') {
                at = 1;
                return at < length || fill();
            }
        }
        return true;
    }
}
