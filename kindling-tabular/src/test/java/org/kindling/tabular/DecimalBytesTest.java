package org.kindling.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalBytesTest {
    private static float parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DecimalBytes.parse(b, 0, b.length);
    }

    /** The fast path either declines or gives exactly (float) Double.parseDouble(text). */
    private static void agrees(String s) {
        float fast = parse(s);
        if (fast == fast) {
            float slow = (float) Double.parseDouble(s);
            assertEquals(Float.floatToRawIntBits(slow), Float.floatToRawIntBits(fast), s);
        }
    }

    @Test
    void parsesTheUsualFormsExactly() {
        for (String s : new String[] {"0", "-0", "+0", "1", "-1.5", "12.", ".5", "-.5", "1e3", "1E-3", "-1.23457e-05",
                "0.000123457", "3.14159", "123456789012345", "0.1", "0.2", "0.3", "16777217", "3.4028235e38",
                "1.4e-45", "7e-46", "9007199254740993", "1e22", "1e-22", "0000001.5000"}) {
            agrees(s);
        }
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(parse("-0")));
        assertEquals(-1.5f, parse("-1.5"));
        assertEquals(0.1f, parse("0.1"));
    }

    @Test
    void declinesWhatItCannotVouchFor() {
        for (String s : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "abc", "NaN", "Infinity", "0x10",
                "1d", "1f", " 1", "1 ", "1234567890123456", "1e23", "1e-23", "1e39", "1,5"}) {
            assertTrue(Float.isNaN(parse(s)), s);
        }
    }

    @Test
    void agreesWithDoubleParseDoubleOnRandomDecimals() {
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 100_000; k++) {
            StringBuilder s = new StringBuilder();
            if (random.nextInt(3) == 0) s.append(random.nextBoolean() ? '-' : '+');
            int before = random.nextInt(10), after = random.nextInt(12);
            for (int i = 0; i < before; i++) s.append((char) ('0' + random.nextInt(10)));
            if (after > 0 || before == 0) s.append('.');
            for (int i = 0; i < after; i++) s.append((char) ('0' + random.nextInt(10)));
            if (random.nextInt(3) == 0) s.append('e').append(random.nextInt(-30, 31));
            String text = s.toString();
            if (text.matches("[+-]?\\.?(e.*)?")) continue; // no digits: not a number, checked above
            agrees(text);
        }
    }

    @Test
    void agreesOnRandomFloatsPrintedShort() {
        SplittableRandom random = new SplittableRandom(5);
        int fast = 0;
        for (int k = 0; k < 60_000; k++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(f)) continue;
            for (String s : new String[] {Float.toString(f), String.format(java.util.Locale.ROOT, "%.6g", f), String.format(java.util.Locale.ROOT, "%.9e", f)}) {
                agrees(s);
                if (!Float.isNaN(parse(s))) fast++;
            }
        }
        assertTrue(fast > 50_000, "the fast path took only " + fast + " of the numbers");
    }
}
