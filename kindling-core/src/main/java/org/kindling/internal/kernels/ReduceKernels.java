package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.VectorElementwise;

/**
 * Reductions over the middle axis of a contiguous {@code [outer, n, inner]} layout, which covers
 * reducing any single dim (or several adjacent ones) of a contiguous tensor.
 *
 * <p>Float sums accumulate in double: PyTorch's float32 sums use a cascade whose error is about
 * that of double accumulation rounded once, so results stay well inside parity tolerances.
 */
public final class ReduceKernels {
    private ReduceKernels() {}

    /** {@code out[o, i] = scale * Σ_j x[o, j, i]}. {@code acc} is scratch of length ≥ inner. */
    public static void sum(float[] x, int xo, int outer, int n, int inner, double scale, float[] out, int oo, double[] acc) {
        if (VectorSupport.AVAILABLE) {
            float[] tmp = FLOAT_SCRATCH.get();
            if (tmp.length < inner) FLOAT_SCRATCH.set(tmp = new float[inner]);
            for (int o = 0; o < outer; o++) {
                int base = xo + o * n * inner;
                if (inner == 1) {
                    out[oo + o] = (float) (VectorElementwise.sum(x, base, n) * scale);
                    continue;
                }
                java.util.Arrays.fill(acc, 0, inner, 0.0);
                VectorElementwise.sumRows(x, base, n, inner, acc, tmp);
                for (int i = 0; i < inner; i++) out[oo + o * inner + i] = (float) (acc[i] * scale);
            }
            return;
        }
        sumScalar(x, xo, outer, n, inner, scale, out, oo, acc);
    }

    private static final ThreadLocal<float[]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[64]);

    /** The plain-loop sum, whatever {@link VectorSupport} says. */
    static void sumScalar(float[] x, int xo, int outer, int n, int inner, double scale, float[] out, int oo, double[] acc) {
        for (int o = 0; o < outer; o++) {
            int base = xo + o * n * inner;
            if (inner == 1) {
                double s = 0;
                for (int j = 0; j < n; j++) s += x[base + j];
                out[oo + o] = (float) (s * scale);
                continue;
            }
            java.util.Arrays.fill(acc, 0, inner, 0.0);
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) acc[i] += x[row + i];
            }
            for (int i = 0; i < inner; i++) out[oo + o * inner + i] = (float) (acc[i] * scale);
        }
    }

    /** Double version of {@link #sum(float[], int, int, int, int, double, float[], int, double[])}. */
    public static void sum(double[] x, int xo, int outer, int n, int inner, double scale, double[] out, int oo, double[] acc) {
        for (int o = 0; o < outer; o++) {
            int base = xo + o * n * inner;
            java.util.Arrays.fill(acc, 0, inner, 0.0);
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) acc[i] += x[row + i];
            }
            for (int i = 0; i < inner; i++) out[oo + o * inner + i] = acc[i] * scale;
        }
    }

    /** Int64 sum (no scaling). */
    public static void sum(long[] x, int xo, int outer, int n, int inner, long[] out, int oo) {
        for (int o = 0; o < outer; o++) {
            int base = xo + o * n * inner;
            for (int i = 0; i < inner; i++) {
                long s = 0;
                for (int j = 0; j < n; j++) s += x[base + j * inner + i];
                out[oo + o * inner + i] = s;
            }
        }
    }

    /**
     * Largest (or smallest) value along the middle axis and its first index; NaN wins, as in
     * PyTorch. {@code x} is a float[] or double[]; {@code values} the same type.
     */
    public static void argExtreme(Object x, int xo, int outer, int n, int inner, boolean max,
                                  Object values, long[] indices) {
        double[] xd = x instanceof double[] d ? d : null;
        float[] xf = x instanceof float[] f ? f : null;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = xo + o * n * inner + i;
                double best = xd != null ? xd[p] : xf[p];
                int bestJ = 0;
                for (int j = 1; j < n && !Double.isNaN(best); j++) {
                    p += inner;
                    double v = xd != null ? xd[p] : xf[p];
                    if (Double.isNaN(v) || (max ? v > best : v < best)) {
                        best = v;
                        bestJ = j;
                    }
                }
                int q = o * inner + i;
                if (values instanceof double[] vd) vd[q] = best;
                else ((float[]) values)[q] = (float) best;
                indices[q] = bestJ;
            }
        }
    }

    /** Long version of {@link #argExtreme} (no NaN). */
    public static void argExtreme(long[] x, int xo, int outer, int n, int inner, boolean max, long[] values, long[] indices) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = xo + o * n * inner + i;
                long best = x[p];
                int bestJ = 0;
                for (int j = 1; j < n; j++) {
                    p += inner;
                    if (max ? x[p] > best : x[p] < best) {
                        best = x[p];
                        bestJ = j;
                    }
                }
                values[o * inner + i] = best;
                indices[o * inner + i] = bestJ;
            }
        }
    }
}
