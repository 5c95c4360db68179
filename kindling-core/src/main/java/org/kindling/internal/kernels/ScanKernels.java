package org.kindling.internal.kernels;

/**
 * Running sums over the middle axis of a contiguous {@code [outer, n, inner]} layout, first to
 * last (or last to first with {@code reverse}, for cumsum's backward). Floats accumulate in double.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class ScanKernels {
    private ScanKernels() {}

    public static void cumsum(float[] x, int xo, int outer, int n, int inner, boolean reverse, float[] y) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = 0;
                for (int s = 0; s < n; s++) {
                    int j = reverse ? n - 1 - s : s;
                    int at = (o * n + j) * inner + i;
                    acc += x[xo + at];
                    y[at] = (float) acc;
                }
            }
        }
    }

    public static void cumsum(double[] x, int xo, int outer, int n, int inner, boolean reverse, double[] y) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = 0;
                for (int s = 0; s < n; s++) {
                    int j = reverse ? n - 1 - s : s;
                    int at = (o * n + j) * inner + i;
                    acc += x[xo + at];
                    y[at] = acc;
                }
            }
        }
    }

    public static void cumsum(long[] x, int xo, int outer, int n, int inner, boolean reverse, long[] y) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                long acc = 0;
                for (int s = 0; s < n; s++) {
                    int j = reverse ? n - 1 - s : s;
                    int at = (o * n + j) * inner + i;
                    acc += x[xo + at];
                    y[at] = acc;
                }
            }
        }
    }
}
