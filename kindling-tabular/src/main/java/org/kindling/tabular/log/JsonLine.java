package org.kindling.tabular.log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and parses one flat JSON object per line: string keys, values that are numbers, strings or null.
 *
 * <p>Numbers follow JSON, plus the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}
 * that Python's {@code json} module writes and reads, so a diverged loss is recorded as what it was.
 * Core has no dependencies, hence this small codec instead of a JSON library.
 */
final class JsonLine {
    private final String text;
    private int pos;

    private JsonLine(String text) {
        this.text = text;
    }

    /** Appends {@code "key":} with the key escaped. */
    static void key(StringBuilder out, String key) {
        string(out, key);
        out.append(':');
    }

    /** Appends a number, using the shortest decimal that reads back as the same double. */
    static void number(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "Infinity" : "-Infinity");
        } else {
            out.append(Double.toString(value));
        }
    }

    /** Appends a JSON string literal. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses a flat object; values are {@code Double}, {@code String} or {@code null}, in file order.
     *
     * @throws IllegalArgumentException with the column of the problem
     */
    static Map<String, Object> parse(String line) {
        JsonLine p = new JsonLine(line);
        Map<String, Object> fields = new LinkedHashMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipSpace();
                int keyAt = p.pos;
                if (p.peek() != '"') {
                    throw p.error("expected a quoted key");
                }
                String key = p.readString();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                Object value = p.readValue();
                if (fields.containsKey(key)) {
                    p.pos = keyAt;
                    throw p.error("duplicate key \"" + key + "\"");
                }
                fields.put(key, value);
                p.skipSpace();
                char c = p.peek();
                p.pos++;
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    p.pos--;
                    throw p.error("expected ',' or '}'");
                }
            }
        }
        p.skipSpace();
        if (p.pos < p.text.length()) {
            throw p.error("unexpected text after the closing '}'");
        }
        return fields;
    }

    private Object readValue() {
        char c = peek();
        if (c == '"') {
            return readString();
        }
        if (c == '{' || c == '[') {
            throw error("nested objects and arrays are not supported");
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        if (text.startsWith("NaN", pos)) {
            pos += 3;
            return Double.NaN;
        }
        if (text.startsWith("Infinity", pos)) {
            pos += 8;
            return Double.POSITIVE_INFINITY;
        }
        if (text.startsWith("-Infinity", pos)) {
            pos += 9;
            return Double.NEGATIVE_INFINITY;
        }
        return readNumber();
    }

    private Double readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = skipDigits();
        if (peek() == '.') {
            pos++;
            if (skipDigits() == 0) {
                throw error("expected digits after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (skipDigits() == 0) {
                throw error("expected digits in the exponent");
            }
        }
        if (digits == 0) {
            pos = start;
            throw error("expected a number, string or null");
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private int skipDigits() {
        int n = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private String readString() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> {
                    pos--;
                    throw error("bad escape '\\" + e + "'");
                }
            }
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of line";
        return new IllegalArgumentException(what + " at column " + (pos + 1) + ", found " + found);
    }
}
