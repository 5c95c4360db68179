package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.VectorElementwise;

/** The fused squared-error kernels behind MSE (the loss of every regression workload). */
public final class LossKernels {
    private LossKernels() {}

    /** {@code Σ (x[i] - t[i])²}, accumulated in double. */
    public static double squaredError(float[] x, int xo, float[] t, int to, int n) {
        if (VectorSupport.AVAILABLE) return VectorElementwise.squaredError(x, xo, t, to, n);
        return squaredErrorScalar(x, xo, t, to, n);
    }

    static double squaredErrorScalar(float[] x, int xo, float[] t, int to, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float d = x[xo + i] - t[to + i];
            s += d * d;
        }
        return s;
    }

    /** {@code out[i] = scale * (x[i] - t[i])}. */
    public static void scaledDifference(float[] x, int xo, float[] t, int to, float scale, float[] out, int oo, int n) {
        if (VectorSupport.AVAILABLE) {
            VectorElementwise.scaledDifference(x, xo, t, to, scale, out, oo, n);
            return;
        }
        scaledDifferenceScalar(x, xo, t, to, scale, out, oo, n);
    }

    static void scaledDifferenceScalar(float[] x, int xo, float[] t, int to, float scale, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = scale * (x[xo + i] - t[to + i]);
    }
}
