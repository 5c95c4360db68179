package org.kindling.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Tick labels people read without decoding: plain decimals ({@code 0.02}, {@code 150}, {@code 25,000})
 * within a sensible range, and {@code 2×10⁻⁵} or {@code 10¹²} beyond it, never {@code 1E12}.
 */
final class TickFormat {
    private static final double PLAIN_MIN = 1e-4;
    private static final double PLAIN_MAX = 1e6;
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private TickFormat() {}

    static String format(double v) {
        return format(v, 6);
    }

    /**
     * A formatter for ticks within {@code lo..hi}: enough significant digits that neighbouring ticks (about a
     * tenth of the span apart) never read alike, since XChart retries forever on equal labels.
     */
    static java.util.function.Function<Double, String> forRange(double lo, double hi) {
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        double span = Math.abs(hi - lo);
        int needed = span > 0 && magnitude > 0 ? (int) Math.ceil(Math.log10(magnitude / (span / 10))) + 1 : 3;
        int significant = Math.max(3, Math.min(17, needed));
        return v -> format(v, significant);
    }

    static String format(double v, int significant) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= PLAIN_MIN && a < PLAIN_MAX) {
            // Six significant digits hide floating-point dust (0.30000000000000004) but keep real ticks.
            BigDecimal d = new BigDecimal(v).round(new MathContext(Math.max(6, significant))).stripTrailingZeros();
            String plain = d.toPlainString();
            return a >= 10_000 ? group(plain) : plain;
        }
        int exponent = (int) Math.floor(Math.log10(a));
        double mantissa = v / Math.pow(10, exponent);
        if (Math.abs(mantissa) >= 9.995) {
            mantissa /= 10;
            exponent++;
        }
        String m = new BigDecimal(mantissa).round(new MathContext(significant)).stripTrailingZeros().toPlainString();
        String power = "10" + superscript(exponent);
        return m.equals("1") ? power : m.equals("-1") ? "−" + power : m.replace('-', '−') + "×" + power;
    }

    private static String superscript(int exponent) {
        StringBuilder s = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            s.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return s.toString();
    }

    private static String group(String plain) {
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String rest = dot < 0 ? "" : plain.substring(dot);
        boolean negative = whole.startsWith("-");
        StringBuilder digits = new StringBuilder(negative ? whole.substring(1) : whole);
        for (int i = digits.length() - 3; i > 0; i -= 3) {
            digits.insert(i, ',');
        }
        return (negative ? "-" : "") + digits + rest;
    }
}
