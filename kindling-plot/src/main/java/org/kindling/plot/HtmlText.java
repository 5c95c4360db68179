package org.kindling.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;

/** Text for HTML pages: escaping, and values written the way a person reads them. */
final class HtmlText {
    private HtmlText() {}

    /** Escapes the five characters that matter in HTML text and attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A value as text: floating-point numbers to 6 significant digits, arrays element by element. */
    static String value(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        if (v instanceof double[] a) {
            return join(Arrays.stream(a).mapToObj(HtmlText::number).toArray(String[]::new));
        }
        if (v instanceof float[] a) {
            String[] parts = new String[a.length];
            for (int i = 0; i < a.length; i++) {
                parts[i] = number(a[i]);
            }
            return join(parts);
        }
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof boolean[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        return String.valueOf(v);
    }

    /** A number to 6 significant digits, plain between 1e-4 and 1e9, scientific outside. */
    static String number(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        double abs = Math.abs(x);
        if (x == 0 || (abs >= 1e-4 && abs < 1e9)) {
            return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", x).replaceFirst("\\.?0+e", "e");
    }

    private static String join(String[] parts) {
        return "[" + String.join(", ", parts) + "]";
    }
}
