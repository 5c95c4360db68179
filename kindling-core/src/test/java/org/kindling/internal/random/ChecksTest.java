package org.kindling.internal.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChecksTest {

    // Expected strings are C's printf("%g") output (what C++'s operator<< prints by default).
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "-1.0, -1",
        "2.0, 2",
        "2.2, 2.2",
        "0.1, 0.1",
        "0.5, 0.5",
        "1e-5, 1e-05",
        "-2.5e-7, -2.5e-07",
        "0.0001, 0.0001",
        "0.00012345678, 0.000123457",
        "123456.0, 123456",
        "1234567.0, 1.23457e+06",
        "1234565.0, 1.23456e+06",
        "999999.5, 1e+06",
        "3.4028234663852886e38, 3.40282e+38",
        "-3e38, -3e+38",
        "1e100, 1e+100",
    })
    void cppFormatsLikePrintfG(double value, String expected) {
        assertEquals(expected, Checks.cpp(value));
    }

    @Test
    void cppFormatsSpecialValues() {
        assertEquals("nan", Checks.cpp(Double.NaN));
        assertEquals("inf", Checks.cpp(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Checks.cpp(Double.NEGATIVE_INFINITY));
        assertEquals("0", Checks.cpp(0.0));
        assertEquals("-0", Checks.cpp(-0.0));
    }

    @Test
    void rangeRejectsNegativeLengthAndOutOfBoundsRanges() {
        assertEquals("op: length must be non-negative, got -2",
                assertThrows(IllegalArgumentException.class, () -> Checks.range("op", 4, 0, -2)).getMessage());
        assertEquals("op: range [3, 6) out of bounds for array of length 5",
                assertThrows(IndexOutOfBoundsException.class, () -> Checks.range("op", 5, 3, 3)).getMessage());
        assertEquals("op: range [-1, 1) out of bounds for array of length 5",
                assertThrows(IndexOutOfBoundsException.class, () -> Checks.range("op", 5, -1, 2)).getMessage());
        assertEquals("op: range [2147483647, 2147483648) out of bounds for array of length 5",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> Checks.range("op", 5, Integer.MAX_VALUE, 1)).getMessage());
        Checks.range("op", 5, 5, 0); // empty range at the end is fine
        Checks.range("op", 5, 0, 5);
    }
}
