package org.kindling.parity;

import org.kindling.Tensor;
import org.kindling.testing.Fixtures;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Fixture comparisons: {@code |actual - expected| <= atol + rtol * |expected|} elementwise, shapes exactly. */
final class Compare {
    private Compare() {}

    static void close(String what, Fixtures.TensorData expected, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.doubles(), a = actual.toDoubleArray();
        StringBuilder bad = new StringBuilder();
        int count = 0;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                if (count++ < 5) bad.append(String.format("%n  [%d] expected %s, got %s (|diff| %.3g)", i, e[i], a[i], Math.abs(a[i] - e[i])));
            }
        }
        if (count > 0) fail(what + ": " + count + " of " + e.length + " elements differ (rtol " + rtol + ", atol " + atol + ")" + bad);
    }

    static void exact(String what, long[] expected, long[] actual) {
        if (!Arrays.equals(expected, actual)) {
            fail(what + ": expected " + Arrays.toString(expected) + " but got " + Arrays.toString(actual));
        }
    }
}
