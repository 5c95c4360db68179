package org.kindling.internal.kernels;

import org.junit.jupiter.api.Test;
import org.kindling.internal.AllocationMeter;
import org.kindling.internal.parallel.Parallel;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The im2col convolution against a direct seven-loop convolution, its steady-state allocation
 * (none), and its bits under different thread counts (identical).
 */
class Im2colConvolutionTest {
    /** A problem: batch, channels, out channels, groups and the window. */
    private record Conv(int n, int c, int o, int groups, Window2d w) {
        static Conv of(int n, int c, int o, int groups, int inH, int inW, int kh, int kw, int s, int p, int d) {
            int outH = (inH + 2 * p - d * (kh - 1) - 1) / s + 1, outW = (inW + 2 * p - d * (kw - 1) - 1) / s + 1;
            return new Conv(n, c, o, groups, new Window2d(inH, inW, outH, outW, kh, kw, s, s, p, p, d, d));
        }

        int xLen() { return n * c * w.inPlane(); }
        int wLen() { return o * (c / groups) * w.kernelArea(); }
        int yLen() { return n * o * w.outPlane(); }
    }

    private static final Conv[] CASES = {
        Conv.of(2, 3, 4, 1, 6, 7, 3, 3, 1, 0, 1),
        Conv.of(1, 4, 6, 2, 7, 7, 3, 2, 2, 1, 1),
        Conv.of(2, 2, 3, 1, 8, 8, 3, 3, 1, 2, 2),
        Conv.of(3, 4, 5, 1, 3, 4, 1, 1, 1, 0, 1), // pointwise: no unrolling
        Conv.of(1, 6, 6, 3, 5, 5, 1, 1, 1, 0, 1),
    };

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    /** y[n, o, oy, ox] = b[o] + Σ x[n, g·cg + ci, oy·s - p + ki·d, ox·s - p + kj·d] · w[o, ci, ki, kj]. */
    private static double[] direct(Conv cv, float[] x, float[] w, float[] b) {
        Window2d win = cv.w;
        int cg = cv.c / cv.groups, og = cv.o / cv.groups;
        double[] y = new double[cv.yLen()];
        for (int n = 0; n < cv.n; n++) for (int o = 0; o < cv.o; o++) for (int oy = 0; oy < win.outH(); oy++) {
            for (int ox = 0; ox < win.outW(); ox++) {
                double sum = b == null ? 0 : b[o];
                for (int ci = 0; ci < cg; ci++) for (int ki = 0; ki < win.kh(); ki++) for (int kj = 0; kj < win.kw(); kj++) {
                    int iy = oy * win.strideH() - win.padH() + ki * win.dilationH();
                    int ix = ox * win.strideW() - win.padW() + kj * win.dilationW();
                    if (iy < 0 || iy >= win.inH() || ix < 0 || ix >= win.inW()) continue;
                    int c = (o / og) * cg + ci;
                    sum += (double) x[((n * cv.c + c) * win.inH() + iy) * win.inW() + ix]
                            * w[((o * cg + ci) * win.kh() + ki) * win.kw() + kj];
                }
                y[((n * cv.o + o) * win.outH() + oy) * win.outW() + ox] = sum;
            }
        }
        return y;
    }

    @Test
    void forwardAndGradientsMatchTheDirectConvolution() {
        Random r = new Random(11);
        for (Conv cv : CASES) {
            float[] x = random(r, cv.xLen()), w = random(r, cv.wLen()), b = random(r, cv.o), g = random(r, cv.yLen());
            float[] y = new float[cv.yLen()];
            Im2colConvolution.forward(x, 0, w, 0, b, 0, y, 0, cv.n, cv.c, cv.o, cv.groups, cv.w);
            assertClose(direct(cv, x, w, b), y, cv + " forward");
            // Gradients by linearity: <g, conv(e_i)> for every unit input and unit weight.
            float[] dx = new float[cv.xLen()], dw = new float[cv.wLen()], db = new float[cv.o];
            Im2colConvolution.backwardInput(g, 0, w, 0, dx, 0, cv.n, cv.c, cv.o, cv.groups, cv.w);
            Im2colConvolution.backwardWeight(g, 0, x, 0, dw, 0, db, 0, cv.n, cv.c, cv.o, cv.groups, cv.w);
            assertClose(vjp(cv, g, x, w, true), dx, cv + " input gradient");
            assertClose(vjp(cv, g, x, w, false), dw, cv + " weight gradient");
            double[] dbExpected = new double[cv.o];
            for (int i = 0; i < g.length; i++) dbExpected[(i / cv.w.outPlane()) % cv.o] += g[i];
            assertClose(dbExpected, db, cv + " bias gradient");
        }
    }

    /** The gradient of Σ g · conv(x, w) with respect to x (or w), one unit vector at a time. */
    private static double[] vjp(Conv cv, float[] g, float[] x, float[] w, boolean wrtInput) {
        float[] unit = new float[wrtInput ? x.length : w.length];
        double[] out = new double[unit.length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = 1;
            double[] y = wrtInput ? direct(cv, unit, w, null) : direct(cv, x, unit, null);
            for (int j = 0; j < y.length; j++) out[i] += y[j] * g[j];
            unit[i] = 0;
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 + 1e-5 * Math.abs(expected[i]), what + " element " + i);
        }
    }

    @Test
    void warmCallsAllocateNothing() {
        Random r = new Random(5);
        for (Conv cv : new Conv[] {Conv.of(4, 8, 16, 1, 12, 12, 3, 3, 1, 1, 1), Conv.of(2, 4, 4, 2, 6, 6, 1, 1, 1, 0, 1)}) {
            float[] x = random(r, cv.xLen()), w = random(r, cv.wLen()), b = random(r, cv.o), g = random(r, cv.yLen());
            float[] y = new float[cv.yLen()], dx = new float[cv.xLen()], dw = new float[cv.wLen()], db = new float[cv.o];
            assertNoAllocation(cv + " forward", () -> Im2colConvolution.forward(x, 0, w, 0, b, 0, y, 0, cv.n, cv.c, cv.o, cv.groups, cv.w));
            assertNoAllocation(cv + " input gradient",
                    () -> Im2colConvolution.backwardInput(g, 0, w, 0, dx, 0, cv.n, cv.c, cv.o, cv.groups, cv.w));
            assertNoAllocation(cv + " weight gradient",
                    () -> Im2colConvolution.backwardWeight(g, 0, x, 0, dw, 0, db, 0, cv.n, cv.c, cv.o, cv.groups, cv.w));
        }
    }

    private static void assertNoAllocation(String what, Runnable call) {
        assertEquals(0, AllocationMeter.warmAllocation(call, 20, 30), what + ": bytes allocated by 20 warm calls");
    }

    /** Large enough that GEMM splits across threads: the bits must not change with the thread count. */
    @Test
    void sameBitsWhateverTheThreadCount() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 processors");
        Conv cv = Conv.of(2, 32, 64, 1, 32, 32, 3, 3, 1, 1, 1);
        Random r = new Random(9);
        float[] x = random(r, cv.xLen()), w = random(r, cv.wLen()), b = random(r, cv.o), g = random(r, cv.yLen());
        int before = Parallel.threads();
        try {
            float[][] one = run(cv, x, w, b, g, 1), two = run(cv, x, w, b, g, 2);
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "result " + i + " with 1 and 2 threads");
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[][] run(Conv cv, float[] x, float[] w, float[] b, float[] g, int threads) {
        Parallel.setThreads(threads);
        float[] y = new float[cv.yLen()], dx = new float[cv.xLen()], dw = new float[cv.wLen()], db = new float[cv.o];
        Im2colConvolution.forward(x, 0, w, 0, b, 0, y, 0, cv.n, cv.c, cv.o, cv.groups, cv.w);
        Im2colConvolution.backwardInput(g, 0, w, 0, dx, 0, cv.n, cv.c, cv.o, cv.groups, cv.w);
        Im2colConvolution.backwardWeight(g, 0, x, 0, dw, 0, db, 0, cv.n, cv.c, cv.o, cv.groups, cv.w);
        return new float[][] {y, dx, dw, db};
    }
}
