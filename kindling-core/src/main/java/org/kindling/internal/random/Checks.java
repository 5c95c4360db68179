package org.kindling.internal.random;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Argument checks of PyTorch's random ops, with PyTorch's messages ({@code normal_impl_},
 * {@code uniform_impl_} in {@code ATen/native/DistributionTemplates.h}).
 */
public final class Checks {
    private Checks() {}

    /** Throws unless {@code [offset, offset + length)} lies inside an array of {@code arrayLength}. */
    public static void range(String op, int arrayLength, int offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException(op + ": length must be non-negative, got " + length);
        }
        if (offset < 0 || offset > arrayLength - length) {
            throw new IndexOutOfBoundsException(op + ": range [" + offset + ", " + ((long) offset + length)
                    + ") out of bounds for array of length " + arrayLength);
        }
    }

    /** {@code CHECK_NORMAL_STD}: std must be {@code >= 0} (NaN fails too). */
    public static void normalStd(double std) {
        if (!(std >= 0.0)) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + cpp(std));
        }
    }

    /**
     * The bounds checks of {@code uniform_} for a float32 ({@code isDouble == false}) or float64
     * tensor: both ends finite in the dtype, {@code from <= to}, and {@code to - from} finite.
     */
    public static void uniformBounds(double from, double to, boolean isDouble) {
        double max = isDouble ? Double.MAX_VALUE : Float.MAX_VALUE;
        String dtype = isDouble ? "double" : "float";
        if (!(from >= -max && from <= max)) {
            throw new IllegalArgumentException("from is out of bounds for " + dtype);
        }
        if (!(to >= -max && to <= max)) {
            throw new IllegalArgumentException("to is out of bounds for " + dtype);
        }
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from="
                    + cpp(from) + " > to=" + cpp(to));
        }
        if (!(to - from <= max)) {
            throw new IllegalArgumentException("uniform_ expects to-from <= std::numeric_limits<"
                    + (isDouble ? "Double" : "Float") + ">::max(), but found to=" + cpp(to)
                    + " and from=" + cpp(from) + " which result in to-from to exceed the limit");
        }
    }

    /**
     * Formats a double the way C++'s {@code operator<<} does by default ({@code %g}: six
     * significant digits, trailing zeros dropped), so messages read like PyTorch's:
     * {@code -1.0 -> "-1"}, {@code 2.5 -> "2.5"}, {@code 3.4028234663852886E38 -> "3.40282e+38"}.
     */
    public static String cpp(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        // The exact binary value rounded half-even to 6 digits, as glibc's printf does.
        BigDecimal r = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - r.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = stripZeros(r.movePointLeft(exponent).toPlainString());
            int a = Math.abs(exponent);
            return mantissa + (exponent < 0 ? "e-" : "e+") + (a < 10 ? "0" : "") + a;
        }
        return stripZeros(r.toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
