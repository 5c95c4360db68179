package org.kindling.tabular;

/**
 * Parses an ASCII decimal number straight from bytes when the answer is certain to be
 * {@code (float) Double.parseDouble(text)}, bit for bit; says "not sure" otherwise.
 *
 * <p>The fast path is Clinger's: when the decimal significand {@code m} has at most 15
 * digits (so it is an exact double, below 2^53) and the decimal exponent {@code e} is in [-22, 22]
 * (so 10^|e| is an exact double), {@code m * 10^e} or {@code m / 10^e} is one IEEE operation on exact
 * operands, hence correctly rounded: it is the double nearest the text, which is what
 * {@code Double.parseDouble} returns. Casting that double to float then matches the slow path. Anything
 * else (more digits, larger exponents, malformed text) returns {@link Float#NaN}, and the caller falls
 * back to {@code Double.parseDouble}, which also words the error for text that is not a number.
 */
final class DecimalBytes {
    /** Returned when the fast path cannot vouch for the result; never a parsed value (NaN cells are errors). */
    static final float UNSURE = Float.NaN;

    private static final int MAX_DIGITS = 15;
    private static final int MAX_EXPONENT = 22;
    private static final double[] POWERS = new double[MAX_EXPONENT + 1];

    static {
        double p = 1;
        for (int i = 0; i <= MAX_EXPONENT; i++) {
            POWERS[i] = p; // exact: 10^22 < 2^53 * 2^22 and 5^22 < 2^53
            p *= 10;
        }
    }

    private DecimalBytes() {}

    /**
     * Parses {@code b[from, to)}, already stripped of surrounding spaces, as
     * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}; returns {@link #UNSURE} when the
     * text does not have that form or the fast path cannot round it exactly.
     */
    static float parse(byte[] b, int from, int to) {
        long scanned = scan(b, from, to);
        return (int) scanned == to ? value(scanned) : UNSURE;
    }

    /**
     * Reads the longest number at {@code b[from, limit)} and returns both where it ends and its value,
     * packed in a long (one call, no allocation, for the row parser's inner loop): {@code (int) result}
     * is the end index, {@link #value(long)} the value or {@link #UNSURE}.
     */
    static long scan(byte[] b, int from, int limit) {
        int i = from;
        boolean negative = false;
        if (i < limit && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0; // leading zeros count too: a rare "0.0000000000001" takes the slow path
        int scale = 0; // digits after the point, which divide m by 10 each
        int d;
        while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
            m = m * 10 + d;
            digits++;
            i++;
        }
        if (i < limit && b[i] == '.') {
            i++;
            while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
                m = m * 10 + d;
                digits++;
                scale++;
                i++;
            }
        }
        int exponent = 0;
        boolean valid = digits > 0 && digits <= MAX_DIGITS;
        if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < limit && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int start = i;
            while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + d;
                }
                i++;
            }
            valid &= i > start;
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (!valid) {
            return pack(i, UNSURE);
        }
        int e = exponent - scale;
        double value;
        if (m == 0) {
            value = 0;
        } else if (e >= 0 && e <= MAX_EXPONENT) {
            value = m * POWERS[e];
        } else if (e < 0 && e >= -MAX_EXPONENT) {
            value = m / POWERS[-e];
        } else {
            return pack(i, UNSURE);
        }
        float f = (float) (negative ? -value : value);
        return pack(i, Float.isInfinite(f) ? UNSURE : f); // the slow path words the range error
    }

    /** The value half of a {@link #scan} result. */
    static float value(long scanned) {
        return Float.intBitsToFloat((int) (scanned >>> 32));
    }

    private static long pack(int end, float value) {
        return ((long) Float.floatToRawIntBits(value) << 32) | (end & 0xFFFFFFFFL);
    }
}
