package org.kindling.tabular;

/**
 * Parses an ASCII decimal number straight from bytes when the answer is certain to be
 * {@code (float) Double.parseDouble(text)}, bit for bit; says "not sure" otherwise.
 *
 * <p>The fast path is Clinger's: when the decimal significand {@code m} has at most 15 significant
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
        int i = from;
        if (i == to) {
            return UNSURE;
        }
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int significant = 0; // digits counted from the first non-zero one
        int digits = 0;
        int scale = 0; // digits after the point, which divide m by 10 each
        while (i < to && isDigit(b[i])) {
            int d = b[i] - '0';
            if (significant > 0 || d != 0) {
                if (++significant > MAX_DIGITS) {
                    return UNSURE;
                }
            }
            m = m * 10 + d;
            digits++;
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && isDigit(b[i])) {
                int d = b[i] - '0';
                if (significant > 0 || d != 0) {
                    if (++significant > MAX_DIGITS) {
                        return UNSURE;
                    }
                }
                m = m * 10 + d;
                digits++;
                scale++;
                i++;
            }
        }
        if (digits == 0) {
            return UNSURE;
        }
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int start = i;
            while (i < to && isDigit(b[i])) {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + (b[i] - '0');
                }
                i++;
            }
            if (i == start) {
                return UNSURE;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            return UNSURE;
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
            return UNSURE;
        }
        float f = (float) (negative ? -value : value);
        return Float.isInfinite(f) ? UNSURE : f; // the slow path words the range error
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
