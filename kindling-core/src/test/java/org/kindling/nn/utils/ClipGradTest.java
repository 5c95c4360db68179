package org.kindling.nn.utils;

import org.junit.jupiter.api.Test;
import org.kindling.Parameter;
import org.kindling.DType;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipGradTest {
    private static Parameter withGrad(Tensor value, Tensor grad) {
        Parameter p = new Parameter(value);
        p.setGrad(grad);
        return p;
    }

    /** Grads (3, 4) and (12): total 2-norm sqrt(9 + 16 + 144) = 13. */
    private static List<Parameter> thirteen() {
        return List.of(withGrad(Tensor.zeros(2), Tensor.of(3f, 4f)), withGrad(Tensor.zeros(1), Tensor.of(12f)));
    }

    @Test
    void scalesAllGradientsTogether() {
        List<Parameter> ps = thirteen();
        double total = ClipGrad.clipGradNorm(ps, 6.5);
        assertEquals(13.0, total);
        double coef = 6.5 / (13 + 1e-6); // PyTorch's max_norm / (total + 1e-6)
        assertArrayEquals(new float[] {(float) (3 * coef), (float) (4 * coef)}, ps.get(0).grad().toFloatArray(), 1e-6f);
        assertEquals(12 * coef, ps.get(1).grad().get(0), 1e-6);
        assertEquals(6.5, Math.sqrt(Math.pow(ps.get(0).grad().get(0), 2) + Math.pow(ps.get(0).grad().get(1), 2)
                + Math.pow(ps.get(1).grad().get(0), 2)), 1e-5);
    }

    @Test
    void leavesSmallGradientsAlone() {
        List<Parameter> ps = thirteen();
        assertEquals(13.0, ClipGrad.clipGradNorm(ps, 13.5));
        assertArrayEquals(new float[] {3, 4}, ps.get(0).grad().toFloatArray());
        // At exactly max_norm the coefficient 13 / (13 + 1e-6) is just below 1: PyTorch scales anyway.
        ClipGrad.clipGradNorm(ps, 13.0);
        assertTrue(ps.get(1).grad().get(0) < 12);
    }

    @Test
    void otherNorms() {
        List<Parameter> ps = thirteen();
        assertEquals(12.0, ClipGrad.clipGradNorm(ps, 100, Double.POSITIVE_INFINITY));
        assertEquals(19.0, ClipGrad.clipGradNorm(ps, 100, 1));
        assertEquals(Math.cbrt(27 + 64 + 1728), ClipGrad.clipGradNorm(ps, 100, 3), 1e-12);
        assertEquals(12.0, ClipGrad.clipGradNorm(ps, 6, Double.POSITIVE_INFINITY));
        assertEquals(6.0, ps.get(1).grad().get(0), 1e-5); // scaled by 6 / 12
        assertEquals(1.5, ps.get(0).grad().get(0), 1e-5);
    }

    @Test
    void float64AndMissingGradients() {
        Parameter none = new Parameter(Tensor.zeros(3));
        Parameter p = withGrad(Tensor.zeros(2).toDouble(), Tensor.of(DType.FLOAT64, 6.0, 8.0));
        assertEquals(10.0, ClipGrad.clipGradNorm(List.of(none, p), 5));
        assertEquals(6 * 5 / (10 + 1e-6), p.grad().get(0), 1e-15);
        assertNull(none.grad());
        assertEquals(0.0, ClipGrad.clipGradNorm(List.of(none), 1));
    }

    @Test
    void nonFiniteNorms() {
        List<Parameter> ps = List.of(withGrad(Tensor.zeros(2), Tensor.of(Float.NaN, 1f)), withGrad(Tensor.zeros(1), Tensor.of(2f)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClipGrad.clipGradNorm(ps, 1, 2, true));
        assertTrue(e.getMessage().startsWith("The total norm of order 2.0 for gradients from `parameters` is non-finite"));
        assertEquals(2f, ps.get(1).grad().get(0)); // nothing scaled before the error
        assertTrue(Double.isNaN(ClipGrad.clipGradNorm(ps, 1))); // PyTorch scales by NaN
        assertTrue(Double.isNaN(ps.get(1).grad().get(0)));
        assertTrue(Double.isNaN(ClipGrad.clipGradNorm(
                List.of(withGrad(Tensor.zeros(2), Tensor.of(1f, Float.NaN))), 1, Double.POSITIVE_INFINITY)));
    }

    @Test
    void clipGradValueClamps() {
        Parameter p = withGrad(Tensor.zeros(4), Tensor.of(-3f, -0.5f, 0.25f, 2f));
        ClipGrad.clipGradValue(List.of(p, new Parameter(Tensor.zeros(1))), 1);
        assertArrayEquals(new float[] {-1f, -0.5f, 0.25f, 1f}, p.grad().toFloatArray());
    }

    @Test
    void rejectsBadArguments() {
        List<Parameter> ps = thirteen();
        assertEquals("clipGradNorm: normType must be positive or infinity, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> ClipGrad.clipGradNorm(ps, 1, 0)).getMessage());
        assertEquals("clipGradNorm: maxNorm must be non-negative, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ClipGrad.clipGradNorm(ps, -1)).getMessage());
        assertEquals("clipGradValue: clipValue must be non-negative, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ClipGrad.clipGradValue(ps, -1)).getMessage());
    }
}
