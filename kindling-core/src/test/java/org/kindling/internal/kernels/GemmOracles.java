package org.kindling.internal.kernels;

/** The GEMM paths the tests compare with the dispatched one: the plain loops, and a textbook triple loop. */
final class GemmOracles {
    private GemmOracles() {}

    /** The plain-loop path, whatever {@link VectorSupport} says. */
    static void scalar(boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("sgemm", transA, transB, m, n, k, a.length, aOffset, lda, b.length, bOffset, ldb,
                c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            Gemm.scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** The textbook triple loop the fast paths are tested against (float accumulation, same semantics). */
    static void reference(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                            float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("sgemm", transA, transB, m, n, k, a.length, aOffset, lda, b.length, bOffset, ldb,
                c.length, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                if (alpha != 0f) {
                    for (int p = 0; p < k; p++) {
                        float x = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                        float y = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                        sum += x * y;
                    }
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
            }
        }
    }
}
