package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SvgTextTest {
    /** The rounding SvgText promises, by BigDecimal: two places, half to even, no trailing zeros, no "-0". */
    private static String byBigDecimal(String s) {
        String r = new BigDecimal(s).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return r.equals("-0") ? "0" : r;
    }

    @Test
    void roundsEveryDecimalAsBigDecimalDoes() {
        List<String> cases = new ArrayList<>(List.of("0.000", "-0.000", "-0.005", "0.005", "0.015", "0.0051",
                "9.995", "-9.995", "99.9951", "0.125", "0.135", "100.000", "-100.004", "007.123", "0.0049",
                "1.00500", "1.015000000001", "-0.0050", "999.999", "123456789012345678901234567890.999"));
        Random rng = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double scale = Math.pow(10, rng.nextInt(7) - 2);
            cases.add(String.format(Locale.ROOT, "%." + (3 + rng.nextInt(14)) + "f", (rng.nextDouble() - 0.5) * scale));
            // Exact and near halves, where half-to-even decides.
            cases.add((rng.nextBoolean() ? "-" : "") + rng.nextInt(1000) + "." + String.format(Locale.ROOT, "%02d",
                    rng.nextInt(100)) + "5" + (rng.nextBoolean() ? "" : "000" + rng.nextInt(2)));
        }
        for (String c : cases) {
            assertEquals(byBigDecimal(c), SvgText.hundredths(c), c);
        }
    }

    @Test
    void compactRoundsOnlyLongDecimalsAndDropsTheDoctype() {
        String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
                + "<svg width=\"640\" height=\"400\"><path d=\"M10.5 -3.14159 L 0.0049 99.995 L2.25 7\"/></svg>";
        assertEquals("<?xml version=\"1.0\"?>\n<svg width=\"640\" height=\"400\"><path d=\"M10.5 -3.14 L 0 100 L2.25 7\"/></svg>",
                SvgText.compact(svg));
    }
}
