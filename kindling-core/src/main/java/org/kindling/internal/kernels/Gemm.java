package org.kindling.internal.kernels;

/** TEMPORARY plain GEMM until the packed kernels land (same signatures). */
public final class Gemm {
    private Gemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float y = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    s += x * y;
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = (float) (alpha * s + (beta == 0 ? 0 : beta * c[ci]));
            }
        }
    }

    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
                             double beta, double[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double y = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    s += x * y;
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = alpha * s + (beta == 0 ? 0 : beta * c[ci]);
            }
        }
    }
}
