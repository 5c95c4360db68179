package org.kindling.internal.json;

import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer (RFC 8259), so that core needs no JSON library at run time.
 *
 * <p>Reading maps objects to {@code LinkedHashMap<String, Object>} (key order preserved), arrays to
 * {@code List<Object>}, strings to {@code String}, {@code true}/{@code false} to {@code Boolean}, {@code null}
 * to {@code null}, and numbers to {@code Long} when written without fraction or exponent and within the long
 * range, else to {@code Double} (correctly rounded). With {@link Options#exactNumbers()} the latter become
 * {@code BigInteger} (integers beyond the long range) and {@code BigDecimal} (everything with a fraction or an
 * exponent), which keep the exact value of the text.
 *
 * <p>The reader is hardened for untrusted input: nesting is limited ({@link Options#maxDepth()}, 64 by
 * default), duplicate keys, trailing content, unescaped control characters, unpaired surrogates, leading
 * zeros, {@code NaN}/{@code Infinity}, numbers beyond the double range and number literals longer than 1000
 * characters are rejected, and every error is a {@link JsonParseException} naming the position and what was
 * expected (quoting at most a short excerpt of the input). A parsed tree costs tens of bytes per input byte:
 * to read only parts of a large untrusted document, use {@link JsonCursor}.
 */
public final class Json {
    /** Default limit on nested objects and arrays; the top-level container is depth 1. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private Json() {}

    /**
     * Reader settings.
     *
     * @param maxDepth          most nested objects/arrays accepted (at least 1)
     * @param exactNumbers      read non-long numbers as {@code BigInteger}/{@code BigDecimal} instead of {@code Double}
     * @param nonFiniteNumbers  also accept the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}
     *                          that Python's {@code json} module writes (as Doubles); not JSON, so off by default
     */
    public record Options(int maxDepth, boolean exactNumbers, boolean nonFiniteNumbers) {
        /** Depth 64, numbers as {@code Long} or {@code Double}, strict JSON. */
        public static final Options DEFAULT = new Options(DEFAULT_MAX_DEPTH, false, false);

        public Options {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("Json.Options: maxDepth must be at least 1, got " + maxDepth);
            }
        }

        public Options(int maxDepth, boolean exactNumbers) {
            this(maxDepth, exactNumbers, false);
        }

        /** These options with another depth limit. */
        public Options withMaxDepth(int depth) {
            return new Options(depth, exactNumbers, nonFiniteNumbers);
        }

        /** These options with exact numbers turned on or off. */
        public Options withExactNumbers(boolean exact) {
            return new Options(maxDepth, exact, nonFiniteNumbers);
        }

        /** These options with {@code NaN}/{@code Infinity} tokens accepted or refused. */
        public Options withNonFiniteNumbers(boolean accept) {
            return new Options(maxDepth, exactNumbers, accept);
        }
    }

    /** Parses a complete JSON text with the default options; throws {@link JsonParseException} on any error. */
    public static Object parse(CharSequence text) {
        return parse(text, Options.DEFAULT);
    }

    /** Parses a complete JSON text; throws {@link JsonParseException} on any error. */
    public static Object parse(CharSequence text, Options options) {
        return JsonReader.parse(text, options);
    }

    /** Parses a JSON text whose top-level value must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(CharSequence text, Options options) {
        Object value = parse(text, options);
        if (!(value instanceof Map<?, ?>)) {
            int start = 0;
            while (start < text.length() && " \t\r\n".indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            throw JsonReader.errorAt(text, "expected a JSON object at the top level, found " + typeName(value), start);
        }
        return (Map<String, Object>) value;
    }

    /** Parses a JSON text whose top-level value must be an object, with the default options. */
    public static Map<String, Object> parseObject(CharSequence text) {
        return parseObject(text, Options.DEFAULT);
    }

    /**
     * Writes a value as compact JSON ({@code {"a":[1,2.5]}}), with no whitespace between tokens.
     *
     * <p>Accepts {@code Map} with {@code String} keys (in iteration order), {@code List}, {@code String},
     * {@code Boolean}, the integer boxes, {@code BigInteger}, {@code BigDecimal}, {@code Double}, {@code Float}
     * and {@code null}. Doubles and floats are written as the shortest text that reads back to the same value
     * ({@link #formatDouble}). Throws {@code IllegalArgumentException} for NaN, infinities, other types, unpaired
     * surrogates and cyclic structures.
     */
    public static String write(Object value) {
        return JsonWriter.write(value, false);
    }

    /**
     * Like {@link #write}, but writes NaN and infinities as the bare tokens {@code NaN},
     * {@code Infinity} and {@code -Infinity}, as Python's {@code json} does (read back with
     * {@link Options#withNonFiniteNumbers}): for logs where a diverged value must stay what it was.
     */
    public static String writeAllowingNonFinite(Object value) {
        return JsonWriter.write(value, false, true);
    }

    /** Writes a value as JSON indented by two spaces per level, like Python's {@code json.dumps(v, indent=2)}. */
    public static String writePretty(Object value) {
        return JsonWriter.write(value, true);
    }

    /** The shortest round-trip text of a finite double, laid out as Python's {@code repr} ({@code 1e-05}). */
    public static String formatDouble(double value) {
        return JsonNumberFormat.formatDouble(value);
    }

    /** The shortest text that reads back (as a float) to this finite float, laid out as {@link #formatDouble}. */
    public static String formatFloat(float value) {
        return JsonNumberFormat.formatFloat(value);
    }

    /** A short name of a parsed value's JSON type, for error messages: object, array, string, number, ... */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "number";
        }
        return value.getClass().getSimpleName();
    }
}
