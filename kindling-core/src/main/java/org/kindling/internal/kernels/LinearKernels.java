package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.VectorLinear;

/**
 * The linear layer's fused kernels ({@code y = x Wᵀ + b} and its weight and bias gradients) for
 * narrow inputs, with plain-loop twins; wide layers go through {@link Gemm}.
 */
public final class LinearKernels {
    /** Inputs up to this many features use the fused kernels. */
    public static final int NARROW_IN = 4;

    private LinearKernels() {}

    /** {@code y = x Wᵀ + b}, then {@code max(y, 0)} when {@code relu}. Shapes: x [rows, in], w [out, in], b [out] or null, y [rows, out]. */
    public static void forwardNarrow(float[] x, int xo, int rows, int in, float[] w, int wo, float[] b, int bo,
                                     float[] y, int yo, int out, float[] scratch, boolean relu) {
        if (!VectorSupport.AVAILABLE) {
            forwardNarrowScalar(x, xo, rows, in, w, wo, b, bo, y, yo, out, relu);
            return;
        }
        for (int j = 0; j < out; j++) {
            for (int p = 0; p < in; p++) scratch[p * out + j] = w[wo + j * in + p];
        }
        VectorLinear.forwardNarrow(x, xo, rows, in, scratch, b, bo, y, yo, out, relu);
    }

    /**
     * {@code y = x · wt} with {@code wt} already [in, out] row-major (no bias): the input gradient
     * {@code g · W} of a layer with few outputs, where W [out, in] is exactly that layout.
     */
    public static void forwardNarrowTransposed(float[] x, int xo, int rows, int in, float[] wt, int wto,
                                               float[] y, int yo, int out) {
        if (VectorSupport.AVAILABLE && wto == 0) {
            VectorLinear.forwardNarrow(x, xo, rows, in, wt, null, 0, y, yo, out, false);
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                float acc = 0f;
                for (int p = 0; p < in; p++) acc = Math.fma(x[xo + i * in + p], wt[wto + p * out + j], acc);
                y[yo + i * out + j] = acc;
            }
        }
    }

    static void forwardNarrowScalar(float[] x, int xo, int rows, int in, float[] w, int wo, float[] b, int bo,
                                    float[] y, int yo, int out, boolean relu) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                float acc = b == null ? 0f : b[bo + j];
                for (int p = 0; p < in; p++) acc = Math.fma(x[xo + i * in + p], w[wo + j * in + p], acc);
                y[yo + i * out + j] = relu ? Math.max(acc, 0f) : acc;
            }
        }
    }

    /**
     * {@code gw = gᵀ x} ([out, in]) and {@code gb = Σ_rows g} ([out], when non-null) in one pass,
     * with g masked by {@code y > 0} first when a ReLU output {@code y} is given (else null).
     * Shapes: g and y [rows, out], x [rows, in].
     */
    public static void weightGradNarrow(float[] g, int go, float[] y, int yo, float[] x, int xo, int rows, int in,
                                        int out, float[] gw, int gwo, float[] gb, int gbo, Workspace work) {
        double[] accW = work.weightSums(in * out), accB = work.biasSums(out);
        if (VectorSupport.AVAILABLE) {
            VectorLinear.weightGradNarrow(g, go, y, yo, x, xo, rows, in, out, accW, accB, work.floats((in + 1) * out));
        } else {
            weightGradNarrowScalar(g, go, y, yo, x, xo, rows, in, out, accW, accB);
        }
        for (int j = 0; j < out; j++) {
            for (int p = 0; p < in; p++) gw[gwo + j * in + p] = (float) accW[p * out + j];
            if (gb != null) gb[gbo + j] = (float) accB[j];
        }
    }

    /** The plain-loop accumulation of {@link #weightGradNarrow} into {@code accW} [in, out] and {@code accB} [out]. */
    static void weightGradNarrowScalar(float[] g, int go, float[] y, int yo, float[] x, int xo, int rows, int in,
                                       int out, double[] accW, double[] accB) {
        java.util.Arrays.fill(accW, 0, in * out, 0.0);
        java.util.Arrays.fill(accB, 0, out, 0.0);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                float gij = y == null || y[yo + i * out + j] > 0 ? g[go + i * out + j] : 0f;
                accB[j] += gij;
                for (int p = 0; p < in; p++) accW[p * out + j] += gij * x[xo + i * in + p];
            }
        }
    }

    /** Per-thread scratch for the fused kernels, grown as needed (no allocation once warm). */
    public static final class Workspace {
        private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);
        private double[] weightSums = new double[64], biasSums = new double[64];
        private float[] floats = new float[64];

        /** This thread's workspace. */
        public static Workspace get() {
            return LOCAL.get();
        }

        /** Accumulators for a weight gradient of n elements. */
        double[] weightSums(int n) {
            if (weightSums.length < n) weightSums = new double[n];
            return weightSums;
        }

        /** Accumulators for a bias gradient of n elements. */
        double[] biasSums(int n) {
            if (biasSums.length < n) biasSums = new double[n];
            return biasSums;
        }

        /** Float scratch of at least n elements (a transposed weight, packed rows). */
        public float[] floats(int n) {
            if (floats.length < n) floats = new float[n];
            return floats;
        }
    }
}
