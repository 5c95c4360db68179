package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.VectorGemm;

/**
 * Row-major BLAS-style matrix multiply: {@code C[m, n] = alpha * op(A) · op(B) + beta * C}.
 *
 * <p>{@code op(X)} is X, or Xᵀ when its {@code trans} flag is set. Shapes: op(A) [m, k],
 * op(B) [k, n], C [m, n]; A is stored [m, k] (or [k, m] when transposed) with row stride
 * {@code lda} from {@code aOffset}, likewise B and C. {@code lda} and {@code ldb} may be smaller
 * than a stored row (even 0: rows overlap, as in a broadcast view); {@code ldc} must be at least n
 * when m > 1. C must not overlap A or B. When {@code beta == 0} C is not read (NaN in it is
 * overwritten); when {@code alpha == 0} or {@code k == 0}, A and B are not read (BLAS semantics).
 *
 * <p>float32 runs the Vector API kernels when {@link VectorSupport#AVAILABLE}, else plain loops.
 * Large problems may be split across {@link org.kindling.internal.parallel.Parallel#threads()}.
 */
public final class Gemm {
    private Gemm() {}

    /** C[m, n] = alpha * op(A) · op(B) + beta * C in float32; only C is modified. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        GemmChecks.check("sgemm", transA, transB, m, n, k, a == null ? -1 : a.length, aOffset, lda,
                b == null ? -1 : b.length, bOffset, ldb, c == null ? -1 : c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        if (VectorSupport.AVAILABLE) {
            VectorGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc);
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc);
        }
    }

    /** C[m, n] = alpha * op(A) · op(B) + beta * C in float64 (plain loops: gradient checks); only C is modified. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
                             double beta, double[] c, int cOffset, int ldc) {
        GemmChecks.check("dgemm", transA, transB, m, n, k, a == null ? -1 : a.length, aOffset, lda,
                b == null ? -1 : b.length, bOffset, ldb, c == null ? -1 : c.length, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0.0 ? 0.0 : beta * c[row + j];
            }
            if (alpha == 0.0) {
                continue;
            }
            if (!transB) {
                // i-p-j: the inner loop runs along contiguous rows of B and C.
                for (int p = 0; p < k; p++) {
                    double x = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                    int bi = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += x * b[bi + j];
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = bOffset + j * ldb;
                    double sum = 0.0;
                    for (int p = 0; p < k; p++) {
                        sum += (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]) * b[bj + p];
                    }
                    c[row + j] += alpha * sum;
                }
            }
        }
    }

    /** C = beta * C, writing zeros (not reading C) when beta is 0. */
    static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }
}
