package org.kindling.internal.json;

/**
 * Thrown when text is not valid JSON or breaks one of the reader's limits; carries the offending position.
 *
 * <p>The message reads like {@code expected ',' or '}' after object member, found 'x' at offset 17 (line 2,
 * column 5)}. {@link #reason()} is the same text without the position, for callers that wrap it.
 */
public final class JsonParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int offset;
    private final int line;
    private final int column;

    JsonParseException(String reason, int offset, int line, int column) {
        super(reason + " at offset " + offset + " (line " + line + ", column " + column + ")");
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** What was wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** Zero-based index of the offending {@code char} in the parsed text. */
    public int offset() {
        return offset;
    }

    /** One-based line of {@link #offset()}; lines end at LF, CR or CRLF. */
    public int line() {
        return line;
    }

    /** One-based column (in {@code char}s) of {@link #offset()} within its line. */
    public int column() {
        return column;
    }
}
