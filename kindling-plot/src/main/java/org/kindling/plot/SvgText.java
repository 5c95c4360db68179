package org.kindling.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
        while (m.find()) {
            String rounded = new BigDecimal(m.group()).setScale(2, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString();
            m.appendReplacement(out, rounded.equals("-0") ? "0" : rounded);
        }
        m.appendTail(out);
        return out.toString();
    }
}
