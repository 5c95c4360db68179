package org.kindling.plot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tidies the SVG that XChart writes through VectorGraphics2D. */
final class SvgText {
    private SvgText() {}

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[^>]*>\\s*");

    /**
     * Rounds coordinates to 1/100 pixel (VectorGraphics2D writes up to 16 digits, tripling the file for
     * nothing visible) and drops the DOCTYPE, whose external DTD some XML parsers try to download.
     * XChart draws text as outlines, so the SVG looks the same without the fonts installed.
     */
    static String compact(String svg) {
        String noDoctype = DOCTYPE.matcher(svg).replaceFirst("");
        Matcher m = LONG_DECIMAL.matcher(noDoctype);
        StringBuilder out = new StringBuilder(noDoctype.length());
        char[] digits = new char[32];
        int last = 0;
        while (m.find()) {
            out.append(noDoctype, last, m.start());
            digits = hundredths(noDoctype, m.start(), m.end(), digits, out);
            last = m.end();
        }
        return out.append(noDoctype, last, noDoctype.length()).toString();
    }

    /** {@link #hundredths(CharSequence, int, int, char[], StringBuilder)} of a whole string, for tests. */
    static String hundredths(String s) {
        StringBuilder out = new StringBuilder();
        hundredths(s, 0, s.length(), new char[4], out);
        return out.toString();
    }

    /**
     * Appends {@code s[from, to)}, a decimal {@code -?\d+\.\d{3,}}, rounded to two places, half to even,
     * without trailing zeros and without the sign of a zero: what {@code new BigDecimal(s).setScale(2, HALF_EVEN).stripTrailingZeros()
     * .toPlainString()} gives, done on the digits without allocating (BigDecimal made this a slow step of
     * writing an SVG while the code is still cold, and an SVG has tens of thousands of numbers). Returns the
     * digit buffer to pass to the next call (grown if the number needed more room).
     */
    static char[] hundredths(CharSequence s, int from, int to, char[] buffer, StringBuilder out) {
        boolean negative = s.charAt(from) == '-';
        int start = negative ? from + 1 : from;
        int dot = start;
        while (s.charAt(dot) != '.') {
            dot++;
        }
        // kept[1..n]: the integer digits and two decimals, one number to round up in place; kept[0]
        // takes a carry out of the top digit.
        int n = dot - start + 2;
        char[] kept = buffer.length > n ? buffer : new char[n + 1];
        kept[0] = '0';
        for (int i = start; i < dot; i++) {
            kept[1 + i - start] = s.charAt(i);
        }
        kept[n - 1] = s.charAt(dot + 1);
        kept[n] = s.charAt(dot + 2);
        char next = s.charAt(dot + 3);
        boolean beyondHalf = false;
        for (int i = dot + 4; i < to && !beyondHalf; i++) {
            beyondHalf = s.charAt(i) != '0';
        }
        if (next > '5' || (next == '5' && (beyondHalf || (kept[n] - '0') % 2 == 1))) {
            int i = n;
            while (kept[i] == '9') {
                kept[i--] = '0';
            }
            kept[i]++;
        }
        int wholeEnd = n - 1;                          // decimals are kept[n - 1], kept[n]
        int wholeStart = 0;
        while (wholeStart < wholeEnd - 1 && kept[wholeStart] == '0') {
            wholeStart++;
        }
        int decimalsEnd = n + 1;
        while (decimalsEnd > wholeEnd && kept[decimalsEnd - 1] == '0') {
            decimalsEnd--;
        }
        boolean zero = wholeEnd - wholeStart == 1 && kept[wholeStart] == '0' && decimalsEnd == wholeEnd;
        if (negative && !zero) {
            out.append('-');
        }
        out.append(kept, wholeStart, wholeEnd - wholeStart);
        if (decimalsEnd > wholeEnd) {
            out.append('.').append(kept, wholeEnd, decimalsEnd - wholeEnd);
        }
        return kept;
    }
}
