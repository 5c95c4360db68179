package org.kindling.internal.kernels;

/**
 * Plain-loop SGEMM: the path taken without the Vector API. Loop orders keep the innermost loop on
 * contiguous memory; arguments are validated by {@link Gemm}, and m, n, k >= 1, alpha != 0.
 */
final class ScalarGemm {
    private ScalarGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (!transB) {
                // C[i, :] = beta * C[i, :] + sum_p (alpha * A(i, p)) * B[p, :]
                for (int j = 0; j < n; j++) {
                    c[row + j] = beta == 0f ? 0f : beta * c[row + j];
                }
                for (int p = 0; p < k; p++) {
                    float x = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                    int bi = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += x * b[bi + j];
                    }
                }
            } else {
                // Bᵀ rows are contiguous: C[i, j] is a dot product along k.
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float sum = 0f;
                    if (transA) {
                        for (int p = 0, ai = aOff + i; p < k; p++, ai += lda) {
                            sum += a[ai] * b[bj + p];
                        }
                    } else {
                        int ai = aOff + i * lda;
                        for (int p = 0; p < k; p++) {
                            sum += a[ai + p] * b[bj + p];
                        }
                    }
                    c[row + j] = beta == 0f ? alpha * sum : alpha * sum + beta * c[row + j];
                }
            }
        }
    }
}
