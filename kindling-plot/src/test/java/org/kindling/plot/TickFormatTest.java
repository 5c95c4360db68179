package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TickFormatTest {
    @Test
    void plainDecimalsInTheUsualRangeAndPowersOfTenBeyond() {
        assertEquals("0.02", TickFormat.format(0.02));
        assertEquals("0.3", TickFormat.format(0.1 * 3));
        assertEquals("150", TickFormat.format(150));
        assertEquals("25,000", TickFormat.format(25_000));
        assertEquals("0", TickFormat.format(0));
        assertEquals("-0.5", TickFormat.format(-0.5));
        assertEquals("2×10⁻⁵", TickFormat.format(2e-5));
        assertEquals("10¹²", TickFormat.format(1e12));
        assertEquals("2.5×10⁶", TickFormat.format(2.5e6));
        assertEquals("−3×10⁷", TickFormat.format(-3e7));
    }

    @Test
    void logTicksSuitTheNumberOfDecades() {
        assertArrayEquals(new double[] {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5}, LogTicks.between(0.0025, 0.6));
        assertArrayEquals(new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, LogTicks.between(0.28, 1.05));
        assertArrayEquals(new double[] {0.36, 0.37, 0.38, 0.39}, LogTicks.between(0.355, 0.395), 1e-12);
        assertArrayEquals(new double[] {1e-3, 1e-2, 0.1, 1, 10, 100}, LogTicks.between(5e-4, 200));
        double[] many = LogTicks.between(1e-3, 1e13);
        assertEquals(6, many.length, java.util.Arrays.toString(many));
        assertEquals(1e12, many[many.length - 1]);
    }

    @Test
    void neighbouringTicksNeverReadAlike() {
        var format = TickFormat.forRange(1234567.1, 1234567.3);
        assertNotEquals(format.apply(1234567.12), format.apply(1234567.14));
        assertNotEquals(LogAxis.placeholder("0.5", 41), LogAxis.placeholder("0.5", 42));
        assertEquals(LogAxis.placeholder("10¹²", 7).length(), LogAxis.placeholder("10¹²", 907).length());
    }
}
