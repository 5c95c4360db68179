package org.kindling.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON writer behind {@link Json#write} and {@link Json#writePretty}: compact or two-space indented output,
 * raw UTF-8 for non-ASCII text, and floating-point numbers in Python's {@code repr} style.
 */
final class JsonWriter {
    /** Deep enough for any real document, shallow enough to turn a cyclic structure into a clear error. */
    static final int MAX_DEPTH = 512;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private final boolean nonFinite;

    private JsonWriter(boolean pretty, boolean nonFinite) {
        this.pretty = pretty;
        this.nonFinite = nonFinite;
    }

    static String write(Object value, boolean pretty) {
        return write(value, pretty, false);
    }

    static String write(Object value, boolean pretty, boolean nonFinite) {
        JsonWriter writer = new JsonWriter(pretty, nonFinite);
        writer.writeValue(value, 0);
        return writer.out.toString();
    }

    private void writeValue(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Double d && nonFinite && !Double.isFinite(d)) {
            out.append(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        } else if (value instanceof Double d) {
            out.append(JsonNumberFormat.formatDouble(d));
        } else if (value instanceof Float f) {
            out.append(JsonNumberFormat.formatFloat(f));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal bd) {
            out.append(bd.toString()); // scientific form like 1E+3 is valid JSON
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, depth + 1);
        } else if (value instanceof List<?> list) {
            writeArray(list, depth + 1);
        } else {
            throw new IllegalArgumentException("Json.write: cannot write a " + value.getClass().getName()
                    + " (supported: Map with String keys, List, String, Boolean, Long, Integer, Short, Byte,"
                    + " BigInteger, BigDecimal, Double, Float, null)");
        }
    }

    private void writeObject(Map<?, ?> map, int depth) {
        checkDepth(depth);
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("Json.write: object keys must be Strings, found "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName() + " " + e.getKey()));
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(depth);
            writeString(key);
            out.append(pretty ? ": " : ":");
            writeValue(e.getValue(), depth);
        }
        newline(depth - 1);
        out.append('}');
    }

    private void writeArray(List<?> list, int depth) {
        checkDepth(depth);
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(depth);
            writeValue(list.get(i), depth);
        }
        newline(depth - 1);
        out.append(']');
    }

    private void newline(int indentLevel) {
        if (pretty) {
            out.append('\n');
            out.repeat(' ', 2 * indentLevel);
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "Json.write: nesting deeper than " + MAX_DEPTH + " levels (is the structure cyclic?)");
        }
    }

    private void writeString(String s) {
        out.append('"');
        int runStart = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            if (escape == null && c < 0x20) {
                escape = "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
            } else if (escape == null && Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 encoding; writing it would produce a file no strict reader accepts.
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException(String.format(
                            "Json.write: string has an unpaired surrogate U+%04X at index %d", (int) c, i));
                }
                i++;
                continue;
            }
            if (escape != null) {
                out.append(s, runStart, i).append(escape);
                runStart = i + 1;
            }
        }
        out.append(s, runStart, s.length()).append('"');
    }
}
