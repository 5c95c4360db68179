package org.kindling.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict recursive-descent JSON reader (RFC 8259) behind {@link Json#parse}.
 *
 * <p>Recursion is bounded by {@link Json.Options#maxDepth()}, so hostile input cannot overflow the stack;
 * everything else is linear in the input length.
 */
final class JsonReader {
    private final String text;
    private final int length;
    private final int maxDepth;
    private final boolean exactNumbers;
    private int pos;

    private JsonReader(CharSequence text, Json.Options options) {
        this.text = text.toString();
        this.length = this.text.length();
        this.maxDepth = options.maxDepth();
        this.exactNumbers = options.exactNumbers();
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

    private Object readValue(int depth) {
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
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw error("expected a JSON value (object, array, string, number, true, false or null), found "
                        + describe(pos), pos);
            }
        };
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
                throw error("duplicate key \"" + key + "\"", keyStart);
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

    private String readString() {
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
                String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
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

    /** Reads one escape sequence starting at the backslash and appends its character(s). */
    private void readEscape(StringBuilder sb) {
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

    private Object readNumber() {
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
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point, found " + describe(pos), pos);
            }
            skipDigits();
            integral = false;
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
            integral = false;
        }
        String literal = text.substring(start, pos);
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

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a JSON value (object, array, string, number, true, false or null), found "
                    + describe(pos), pos);
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels", pos);
        }
    }

    private void skipWhitespace() {
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

    private int peek() {
        return pos < length ? text.charAt(pos) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private String describe(int at) {
        return at >= length ? "end of input" : printable(text.charAt(at));
    }

    private static String printable(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private static String abbreviate(String literal) {
        return literal.length() <= 40 ? literal : literal.substring(0, 20) + "..." + " (" + literal.length() + " chars)";
    }

    private JsonParseException error(String reason, int offset) {
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
