package org.kindling.internal.kernels;

import org.junit.jupiter.api.Test;
import org.kindling.internal.AllocationMeter;
import org.kindling.internal.kernels.vector.VectorElementwise;
import org.kindling.internal.kernels.vector.VectorLinear;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Vector API elementwise, reduction, loss and narrow-linear kernels against their plain-loop
 * twins, over lengths that exercise the vector body and the scalar tail, with offsets; and zero
 * bytes allocated per call once warm.
 */
class VectorKernelsTest {
    private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 31, 33, 64, 100, 1000, 1031};
    private final SplittableRandom random = new SplittableRandom(11);

    private float[] data(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) random.nextDouble(-3, 3);
        if (n > 3) a[1] = 0f; // exact zeros matter for relu
        return a;
    }

    @Test
    void theVectorPathIsOnInTheseTests() {
        assertTrue(VectorSupport.AVAILABLE, "tests run with --add-modules=jdk.incubator.vector");
    }

    @Test
    void activationsAndTheirGradientsMatchThePlainLoops() {
        for (int n : LENGTHS) {
            float[] x = data(n + 3), g = data(n + 5);
            for (UnaryOp kind : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.TANH}) {
                float[] y = new float[n + 2], yRef = new float[n + 2];
                Unary.forward(kind, 0, x, 3, y, 2, n);
                Unary.forwardScalar(kind, 0, x, 3, yRef, 2, n);
                assertArrayEquals(yRef, y, 1e-6f, "forward kind " + kind + " n " + n);
                float[] dx = new float[n + 1], dxRef = new float[n + 1];
                Unary.backward(kind, 0, g, 5, y, 2, dx, 1, n);
                Unary.backwardScalar(kind, 0, g, 5, y, 2, dxRef, 1, n);
                assertArrayEquals(dxRef, dx, 1e-6f, "backward kind " + kind + " n " + n);
            }
        }
    }

    @Test
    void sameShapeAndScalarArithmeticMatchThePlainLoops() {
        for (int n : LENGTHS) {
            float[] a = data(n + 1), b = data(n + 3);
            for (BinaryOp op : BinaryOp.values()) {
                for (int bs = 0; bs <= 1; bs++) {
                    float[] out = new float[n], ref = new float[n];
                    Binary.floatRow(op, a, 1, 1, b, 2, bs, out, 0, n);
                    Binary.floatRowScalar(op, a, 1, 1, b, 2, bs, ref, 0, n);
                    assertArrayEquals(ref, out, 0f, "op " + op + " b stride " + bs + " n " + n);
                }
            }
        }
    }

    @Test
    void sumsMatchThePlainLoopsWithinFloatRounding() {
        for (int rows : new int[] {1, 5, 64, 65, 300}) {
            for (int cols : new int[] {1, 3, 16, 17, 64}) {
                float[] x = data(rows * cols + 4);
                float[] out = new float[cols], ref = new float[cols];
                double[] acc = new double[cols];
                ReduceKernels.sum(x, 4, 1, rows, cols, 0.5, out, 0, acc);
                ReduceKernels.sumScalar(x, 4, 1, rows, cols, 0.5, ref, 0, acc);
                for (int j = 0; j < cols; j++) assertEquals(ref[j], out[j], 1e-5 * rows, "rows " + rows + " cols " + cols);
            }
        }
    }

    @Test
    void squaredErrorKernelsMatchThePlainLoops() {
        for (int n : LENGTHS) {
            float[] x = data(n + 2), t = data(n + 3);
            double s = LossKernels.squaredError(x, 2, t, 3, n), ref = LossKernels.squaredErrorScalar(x, 2, t, 3, n);
            assertEquals(ref, s, 1e-5 * Math.max(1, ref), "n " + n);
            float[] d = new float[n], dRef = new float[n];
            LossKernels.scaledDifference(x, 2, t, 3, 0.25f, d, 0, n);
            LossKernels.scaledDifferenceScalar(x, 2, t, 3, 0.25f, dRef, 0, n);
            assertArrayEquals(dRef, d, 0f, "n " + n);
        }
    }

    @Test
    void narrowLinearKernelsMatchThePlainLoops() {
        for (int in = 1; in <= LinearKernels.NARROW_IN; in++) {
            for (int out : new int[] {1, 5, 16, 64, 70}) {
                int rows = 37;
                float[] x = data(rows * in + 1), w = data(out * in + 2), b = data(out + 3);
                float[] y = new float[rows * out], yRef = new float[rows * out];
                for (boolean relu : new boolean[] {false, true}) {
                    LinearKernels.forwardNarrow(x, 1, rows, in, w, 2, b, 3, y, 0, out, new float[in * out], relu);
                    LinearKernels.forwardNarrowScalar(x, 1, rows, in, w, 2, b, 3, yRef, 0, out, relu);
                    assertArrayEquals(yRef, y, 1e-5f, "forward in " + in + " out " + out + " relu " + relu);
                }

                float[] g = data(rows * out), mask = data(rows * out + 2);
                for (float[] relu : new float[][] {null, mask}) {
                    double[] accW = new double[in * out], accB = new double[out];
                    double[] refW = new double[in * out], refB = new double[out];
                    VectorLinear.weightGradNarrow(g, 0, relu, 2, x, 1, rows, in, out, accW, accB, new float[(in + 1) * out]);
                    LinearKernels.weightGradNarrowScalar(g, 0, relu, 2, x, 1, rows, in, out, refW, refB);
                    String what = " in " + in + " out " + out + (relu == null ? "" : " masked");
                    for (int k = 0; k < refW.length; k++) assertEquals(refW[k], accW[k], 1e-4, "dW" + what);
                    for (int k = 0; k < out; k++) assertEquals(refB[k], accB[k], 1e-4, "db" + what);
                }
            }
        }
    }

    @Test
    void warmKernelCallsAllocateNothing() {
        int n = 64_000;
        float[] x = data(n), g = data(n), y = new float[n], dx = new float[n];
        double[] acc = new double[64];
        float[] wt = data(64), bias = data(64), small = data(1000), tmp = new float[64];
        assertNoAllocation("relu", () -> Unary.forward(UnaryOp.RELU, 0, x, 0, y, 0, n));
        assertNoAllocation("relu backward", () -> Unary.backward(UnaryOp.RELU, 0, g, 0, y, 0, dx, 0, n));
        assertNoAllocation("sigmoid backward", () -> Unary.backward(UnaryOp.SIGMOID, 0, g, 0, y, 0, dx, 0, n));
        for (BinaryOp op : BinaryOp.values()) {
            BinaryOp o = op;
            assertNoAllocation("binary " + op, () -> Binary.floatRow(o, x, 0, 1, g, 0, 1, dx, 0, n));
            assertNoAllocation("binary scalar " + op, () -> Binary.floatRow(o, x, 0, 1, g, 0, 0, dx, 0, n));
        }
        assertNoAllocation("column sums", () -> ReduceKernels.sum(x, 0, 1, 1000, 64, 1.0, tmp, 0, acc));
        assertNoAllocation("squared error", () -> LossKernels.squaredError(x, 0, g, 0, n));
        assertNoAllocation("scaled difference", () -> LossKernels.scaledDifference(x, 0, g, 0, 0.5f, dx, 0, n));
        assertNoAllocation("narrow linear", () -> VectorLinear.forwardNarrow(small, 0, 1000, 1, wt, bias, 0, y, 0, 64, true));
        double[] accW = new double[128], accB = new double[64];
        float[] t2 = new float[128];
        assertNoAllocation("narrow weight grad", () -> VectorLinear.weightGradNarrow(x, 0, g, 0, small, 0, 1000, 1, 64, accW, accB, t2));
        float[] t3 = new float[160];
        assertNoAllocation("narrow weight grad, 3 inputs", () -> VectorLinear.weightGradNarrow(x, 0, null, 0, small, 0, 300, 3, 40, accW, accB, t3));
        assertNoAllocation("sum", () -> VectorElementwise.sum(x, 0, n));
    }

    private static void assertNoAllocation(String what, Runnable call) {
        assertEquals(0, AllocationMeter.warmAllocation(call, 50, 30), what + ": bytes allocated by 50 warm calls");
    }
}
