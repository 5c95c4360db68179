package org.kindling.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kindling.internal.format.Excerpt;

/**
 * Strict recursive-descent JSON reader (RFC 8259) behind {@link Json#parse}.
 *
 * <p>Recursion is bounded by {@link Json.Options#maxDepth()}, so hostile input cannot overflow the stack;
 * everything else is linear in the input length. Number literals are limited to {@value #MAX_NUMBER_LENGTH}
 * characters: converting a million digits to {@code BigInteger} takes tens of seconds. The {@code skip} methods
 * check syntax without building values, for callers ({@link JsonCursor}) that ignore parts of a document.
 */
final class JsonReader {
    /** Longest number literal accepted; far above any number a serializer writes (a double needs 24). */
    static final int MAX_NUMBER_LENGTH = 1000;

    final String text;
    final int length;
    final int maxDepth;
    private final boolean exactNumbers;
    private final boolean nonFiniteNumbers;
    int pos;

    JsonReader(CharSequence text, Json.Options options) {
        this.text = text.toString();
        this.length = this.text.length();
        this.maxDepth = options.maxDepth();
        this.exactNumbers = options.exactNumbers();
        this.nonFiniteNumbers = options.nonFiniteNumbers();
    }

    static Object parse(CharSequence text, Json.Options options) {
        JsonReader reader = new JsonReader(text, options);
        reader.skipWhitespace();
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.pos < reader.length) {
            throw reader.error("unexpected " + reader.describe(reader.pos) + " after the JSON value", reader.pos);
        }
        return value;
    }

    Object readValue(int depth) {
        if (pos >= length) {
            throw error("expected a JSON value, found end of input", pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject(depth + 1);
            case '[' -> readArray(depth + 1);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            case 'N' -> nonFiniteNumbers ? readLiteral("NaN", Double.NaN) : invalidValue();
            case 'I' -> nonFiniteNumbers ? readLiteral("Infinity", Double.POSITIVE_INFINITY) : invalidValue();
            default -> {
                if (c == '-' && nonFiniteNumbers && text.startsWith("-Infinity", pos)) {
                    yield readLiteral("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                yield invalidValue();
            }
        };
    }

    private Object invalidValue() {
        throw error("expected a JSON value (object, array, string, number, true, false or null), found "
                + describe(pos), pos);
    }

    private Map<String, Object> readObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (peek() != '"') {
                String expected = map.isEmpty() ? "expected a string key or '}'" : "expected a string key";
                throw error(expected + ", found " + describe(pos), pos);
            }
            int keyStart = pos;
            String key = readString();
            if (map.containsKey(key)) {
                throw error("duplicate key \"" + Excerpt.of(key) + "\"", keyStart);
            }
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':' after object key, found " + describe(pos), pos);
            }
            pos++;
            skipWhitespace();
            map.put(key, readValue(depth));
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' after object member, found " + describe(pos), pos);
            }
            skipWhitespace();
        }
    }

    private List<Object> readArray(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(readValue(depth));
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' after array element, found " + describe(pos), pos);
            }
            skipWhitespace();
        }
    }

    String readString() {
        return readString(true);
    }

    /** Checks a string's syntax without building it. */
    void skipString() {
        readString(false);
    }

    private String readString(boolean keep) {
        int open = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= length) {
                throw error("unterminated string (opened at offset " + open + ")", pos);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = !keep ? null
                        : sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c == '\\') {
                if (sb == null && keep) {
                    sb = new StringBuilder();
                }
                if (keep) {
                    sb.append(text, runStart, pos);
                }
                readEscape(sb);
                runStart = pos;
            } else if (c < 0x20) {
                throw error("control character " + describe(pos) + " must be escaped in a string", pos);
            } else if (Character.isHighSurrogate(c)) {
                if (pos + 1 >= length || !Character.isLowSurrogate(text.charAt(pos + 1))) {
                    throw error("unpaired surrogate " + describe(pos) + " in a string", pos);
                }
                pos += 2;
            } else if (Character.isLowSurrogate(c)) {
                throw error("unpaired surrogate " + describe(pos) + " in a string", pos);
            } else {
                pos++;
            }
        }
    }

    /** Reads one escape sequence starting at the backslash and appends its character(s) to {@code sb} if not null. */
    private void readEscape(StringBuilder sb) {
        if (sb == null) {
            readEscape(new StringBuilder(2));
            return;
        }
        int start = pos;
        pos++; // backslash
        if (pos >= length) {
            throw error("unterminated escape sequence", pos);
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                char unit = readHex4();
                if (Character.isHighSurrogate(unit)) {
                    // NOTE: a supplementary character must arrive as a \\uD8xx\\uDCxx pair; a lone half is not text.
                    if (pos + 1 < length && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                        pos += 2;
                        char low = readHex4();
                        if (Character.isLowSurrogate(low)) {
                            sb.append(unit).append(low);
                            return;
                        }
                    }
                    throw error(String.format("unpaired surrogate escape \\u%04X", (int) unit), start);
                }
                if (Character.isLowSurrogate(unit)) {
                    throw error(String.format("unpaired surrogate escape \\u%04X", (int) unit), start);
                }
                sb.append(unit);
            }
            default -> throw error(c >= 0x20 && c < 0x7f
                    ? "invalid escape sequence '\\" + c + "'"
                    : "invalid escape sequence: backslash followed by " + printable(c), start);
        }
    }

    private char readHex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int d = pos < length ? hexValue(text.charAt(pos)) : -1;
            if (d < 0) {
                throw error("expected 4 hexadecimal digits after \\u, found " + describe(pos), pos);
            }
            value = (value << 4) | d;
            pos++;
        }
        return (char) value;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    Object readNumber() {
        int start = pos;
        int end = scanNumber();
        String literal = text.substring(start, end);
        boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        if (integral && literal.length() <= 20) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException outOfRange) {
                // fall through: integral but beyond the long range
            }
        }
        if (exactNumbers) {
            try {
                return integral ? new BigInteger(literal) : new BigDecimal(literal);
            } catch (NumberFormatException | ArithmeticException e) {
                throw error("number " + abbreviate(literal) + " is out of range", start);
            }
        }
        double d = Double.parseDouble(literal);
        if (Double.isInfinite(d)) {
            throw error("number " + abbreviate(literal) + " is out of the range of a double", start);
        }
        return d;
    }

    /** Checks the syntax and length of the number at {@code pos}, moves past it and returns where it ends. */
    int scanNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zeros are not allowed in a number", start);
            }
        } else if (isDigit(c)) {
            skipDigits();
        } else {
            throw error("expected a digit after '-', found " + describe(pos), pos);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point, found " + describe(pos), pos);
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent, found " + describe(pos), pos);
            }
            skipDigits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("number " + text.substring(start, start + 20) + "... is " + (pos - start)
                    + " characters long (at most " + MAX_NUMBER_LENGTH + ")", start);
        }
        return pos;
    }

    /** Checks the syntax of the value at {@code pos} without building it and moves past it. */
    void skipValue(int depth) {
        if (pos >= length) {
            throw error("expected a JSON value, found end of input", pos);
        }
        switch (text.charAt(pos)) {
            case '{' -> skipObject(depth + 1);
            case '[' -> skipArray(depth + 1);
            case '"' -> skipString();
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> scanNumber();
            default -> readValue(depth); // a literal, or the error for a character that starts no value
        }
    }

    private void skipObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        boolean first = true;
        while (true) {
            if (peek() != '"') {
                throw error((first ? "expected a string key or '}'" : "expected a string key") + ", found "
                        + describe(pos), pos);
            }
            first = false;
            skipString();
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':' after object key, found " + describe(pos), pos);
            }
            pos++;
            skipWhitespace();
            skipValue(depth);
            skipWhitespace();
            int c = peek();
            if (c == '}') {
                pos++;
                return;
            }
            if (c != ',') {
                throw error("expected ',' or '}' after object member, found " + describe(pos), pos);
            }
            pos++;
            skipWhitespace();
        }
    }

    private void skipArray(int depth) {
        checkDepth(depth);
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            skipValue(depth);
            skipWhitespace();
            int c = peek();
            if (c == ']') {
                pos++;
                return;
            }
            if (c != ',') {
                throw error("expected ',' or ']' after array element, found " + describe(pos), pos);
            }
            pos++;
            skipWhitespace();
        }
    }

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a JSON value (object, array, string, number, true, false or null), found "
                    + describe(pos), pos);
        }
        pos += word.length();
        return value;
    }

    void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + (maxDepth == 1 ? " level" : " levels"), pos);
        }
    }

    void skipWhitespace() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    int peek() {
        return pos < length ? text.charAt(pos) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    String describe(int at) {
        return at >= length ? "end of input" : printable(text.charAt(at));
    }

    private static String printable(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private static String abbreviate(String literal) {
        return Excerpt.of(literal, 40);
    }

    JsonParseException error(String reason, int offset) {
        return errorAt(text, reason, offset);
    }

    /** An exception for {@code reason} at {@code offset} of {@code text}, with its line and column. */
    static JsonParseException errorAt(CharSequence text, String reason, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonParseException(reason, offset, line, offset - lineStart + 1);
    }
}
