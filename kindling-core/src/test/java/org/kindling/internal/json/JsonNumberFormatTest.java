package org.kindling.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonNumberFormatTest {

    /** Expected texts are Python 3.11's repr(float) of the same value. */
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1",
        "1e-5, 1e-05",
        "1e16, 1e+16",
        "1e15, 1000000000000000.0",
        "1234567890123456.0, 1234567890123456.0",
        "12345678901234567.0, 1.2345678901234568e+16",
        "0.0001, 0.0001",
        "0.00012345, 0.00012345",
        "4.9e-324, 5e-324",
        "1e23, 1e+23",
        "2.5e-7, 2.5e-07",
        "123.456, 123.456",
        "100.0, 100.0",
        "1e300, 1e+300",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "-0.0, -0.0",
        "0.0, 0.0",
        "-1.5, -1.5",
        "0.3333333333333333, 0.3333333333333333",
        "9007199254740993.0, 9007199254740992.0",
        "1e22, 1e+22",
        "0.00030000000000000003, 0.00030000000000000003",
        "-3.0e-10, -3e-10",
    })
    void doublesMatchPythonRepr(double value, String expected) {
        assertEquals(expected, JsonNumberFormat.formatDouble(value));
    }

    @Test
    void floatsAreShortestForTheFloat() {
        assertEquals("0.1", JsonNumberFormat.formatFloat(0.1f));
        assertEquals("1e-45", JsonNumberFormat.formatFloat(Float.MIN_VALUE)); // Java prints 1.4E-45
        assertEquals("3.4028235e+38", JsonNumberFormat.formatFloat(Float.MAX_VALUE));
        assertEquals("0.33333334", JsonNumberFormat.formatFloat(1f / 3));
        assertEquals("16777216.0", JsonNumberFormat.formatFloat(16777216f));
        assertEquals("-0.0", JsonNumberFormat.formatFloat(-0f));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonNumberFormat.formatDouble(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonNumberFormat.formatDouble(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> JsonNumberFormat.formatFloat(Float.POSITIVE_INFINITY));
    }

    @Test
    void randomDoublesRoundTripWithTheFewestDigits() {
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 30_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String text = JsonNumberFormat.formatDouble(v);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            assertEquals(v, Json.parse(text), text);
            if (v != 0) {
                assertNoShorterDecimal(v, text);
            }
        }
    }

    @Test
    void subnormalsAndPowersOfTwoAreShortest() {
        for (long bits = 1; bits < 2000; bits++) {
            double v = Double.longBitsToDouble(bits);
            String text = JsonNumberFormat.formatDouble(v);
            assertEquals(v, Double.parseDouble(text), text);
            assertNoShorterDecimal(v, text);
        }
        for (int e = -1074; e <= 1023; e++) {
            double v = Math.scalb(1.0, e);
            String text = JsonNumberFormat.formatDouble(v);
            assertEquals(v, Double.parseDouble(text), text);
            assertNoShorterDecimal(v, text);
        }
    }

    @Test
    void randomFloatsRoundTrip() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            float v = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(v)) {
                String text = JsonNumberFormat.formatFloat(v);
                assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(Float.parseFloat(text)), text);
                assertEquals(v, (float) (double) (Double) Json.parse(text), text);
            }
        }
    }

    /** Every float in the parity fixtures was written by Python's json module; we must write the same text. */
    @Test
    void matchesPythonOnEveryFloatInTheParityFixtures() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/parity/manifest.json").toURI()).getParent();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        JsonFactory factory = new JsonFactory();
        int checked = 0;
        for (Path file : files) {
            try (JsonParser p = factory.createParser(file.toFile())) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                        String text = p.getText();
                        assertEquals(text, JsonNumberFormat.formatDouble(Double.parseDouble(text)), file.toString());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 10_000, "only " + checked + " floats found");
    }

    /** No decimal with one digit fewer than {@code text} reads back to {@code v}. */
    private static void assertNoShorterDecimal(double v, String text) {
        int digits = new BigDecimal(text).stripTrailingZeros().precision();
        if (digits <= 1) {
            return;
        }
        BigDecimal exact = new BigDecimal(Math.abs(v));
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal shorter = exact.round(new MathContext(digits - 1, mode));
            assertNotEquals(Math.abs(v), shorter.doubleValue(), () -> text + " is not shortest: " + shorter);
        }
    }
}
