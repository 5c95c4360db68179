package org.kindling.internal.kernels;

/**
 * Statistics and gradient sums for batch and layer normalization, in double, two-pass (mean, then
 * squared deviations from it) and in index order, so results do not depend on threads.
 * Batch layout: contiguous {@code [n, c, inner]}; layer layout: contiguous {@code [rows, d]}.

 */
public final class NormKernels {
    private NormKernels() {}

    /** Per-channel mean and biased variance of {@code x} laid out {@code [n, c, inner]}. */
    public static void channelStats(double[] x, int n, int c, int inner, double[] mean, double[] var) {
        double count = (double) n * inner;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * inner;
                for (int i = 0; i < inner; i++) s += x[base + i];
            }
            double m = s / count, q = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    double dev = x[base + i] - m;
                    q += dev * dev;
                }
            }
            mean[ch] = m;
            var[ch] = q / count;
        }
    }

    /** Per channel: {@code Σ g} and {@code Σ g·x̂} with {@code x̂ = (x - mean)·invstd}. */
    public static void channelGradSums(double[] x, double[] g, int n, int c, int inner, double[] mean, double[] invstd,
                                       double[] sumG, double[] sumGXhat) {
        for (int ch = 0; ch < c; ch++) {
            double sg = 0, sgx = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    sg += g[base + i];
                    sgx += g[base + i] * (x[base + i] - mean[ch]) * invstd[ch];
                }
            }
            sumG[ch] = sg;
            sumGXhat[ch] = sgx;
        }
    }

    /**
     * float32 input from {@code off}: the same sums as {@link #channelStats(double[], int, int, int, double[], double[])}
     * with each element widened to double in the same order, so the same bits, without a double copy of x.
     */
    public static void channelStats(float[] x, int off, int n, int c, int inner, double[] mean, double[] var) {
        double count = (double) n * inner;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) {
                int base = off + (b * c + ch) * inner;
                for (int i = 0; i < inner; i++) s += x[base + i];
            }
            double m = s / count, q = 0;
            for (int b = 0; b < n; b++) {
                int base = off + (b * c + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    double dev = x[base + i] - m;
                    q += dev * dev;
                }
            }
            mean[ch] = m;
            var[ch] = q / count;
        }
    }

    /** float32 x and g: the sums of the double version, element by element in the same order. */
    public static void channelGradSums(float[] x, int xOff, float[] g, int gOff, int n, int c, int inner, double[] mean,
                                       double[] invstd, double[] sumG, double[] sumGXhat) {
        for (int ch = 0; ch < c; ch++) {
            double sg = 0, sgx = 0;
            for (int b = 0; b < n; b++) {
                int xb = xOff + (b * c + ch) * inner, gb = gOff + (b * c + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    sg += g[gb + i];
                    sgx += g[gb + i] * (x[xb + i] - mean[ch]) * invstd[ch];
                }
            }
            sumG[ch] = sg;
            sumGXhat[ch] = sgx;
        }
    }

    /** Batch-norm output {@code ((x - mean)·invstd)·w + b} per channel in double, rounded once to float; w, b null mean 1, 0. */
    public static void batchNormApply(float[] x, int xOff, int n, int c, int inner, double[] mean, double[] invstd,
                                      double[] w, double[] b, float[] out, int outOff) {
        for (int bt = 0; bt < n; bt++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (bt * c + ch) * inner;
                double m = mean[ch], is = invstd[ch], wc = w == null ? 1 : w[ch], bc = b == null ? 0 : b[ch];
                for (int i = 0; i < inner; i++) {
                    double y = (x[xOff + base + i] - m) * is;
                    out[outOff + base + i] = (float) (y * wc + bc);
                }
            }
        }
    }

    /** Batch-norm input gradient (training: through the batch statistics; eval: {@code w·invstd·g}), float32. */
    public static void batchNormInputGrad(float[] x, int xOff, float[] g, int gOff, int n, int c, int inner, boolean training,
                                          double[] mean, double[] invstd, double[] w, double[] sumG, double[] sumGXhat,
                                          float[] dx, int dxOff) {
        double m = (double) n * inner;
        for (int bt = 0; bt < n; bt++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (bt * c + ch) * inner;
                double scale = (w == null ? 1 : w[ch]) * invstd[ch];
                for (int i = 0; i < inner; i++) {
                    double gi = g[gOff + base + i];
                    double v = training
                            ? scale * (gi - sumG[ch] / m - (x[xOff + base + i] - mean[ch]) * invstd[ch] * sumGXhat[ch] / m)
                            : scale * gi;
                    dx[dxOff + base + i] = (float) v;
                }
            }
        }
    }

    /** Per row of {@code [rows, d]}: the mean, and the biased variance (written into {@code var}). */
    public static void rowStats(double[] x, int rows, int d, double[] mean, double[] var) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += x[r * d + j];
            double m = s / d, q = 0;
            for (int j = 0; j < d; j++) {
                double dev = x[r * d + j] - m;
                q += dev * dev;
            }
            mean[r] = m;
            var[r] = q / d;
        }
    }

    /**
     * Layer-norm backward: with {@code ĝ = g·w}, {@code dx = rstd·(ĝ - mean(ĝ) - x̂·mean(ĝ·x̂))};
     * {@code dw = Σ_rows g·x̂}, {@code db = Σ_rows g}. {@code w} null means no affine weight.
     */
    public static void layerNormBackward(double[] x, double[] g, double[] w, int rows, int d, double[] mean, double[] rstd,
                                         double[] dx, double[] dw, double[] db) {
        for (int r = 0; r < rows; r++) {
            double sum = 0, sumXhat = 0;
            for (int j = 0; j < d; j++) {
                int i = r * d + j;
                double xhat = (x[i] - mean[r]) * rstd[r];
                double gh = g[i] * (w == null ? 1 : w[j]);
                sum += gh;
                sumXhat += gh * xhat;
                dw[j] += g[i] * xhat;
                db[j] += g[i];
            }
            for (int j = 0; j < d; j++) {
                int i = r * d + j;
                double xhat = (x[i] - mean[r]) * rstd[r];
                double gh = g[i] * (w == null ? 1 : w[j]);
                dx[i] = rstd[r] * (gh - sum / d - xhat * sumXhat / d);
            }
        }
    }
}
