package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.MicroKernels.MR;
import static org.kindling.internal.kernels.vector.Species.L;

/**
 * Vector API SGEMM: picks a kernel by shape. Only {@link org.kindling.internal.kernels.Gemm} calls
 * this, after validating the arguments and handling empty problems, and only when
 * {@link org.kindling.internal.kernels.VectorSupport#AVAILABLE} is true.
 */
public final class VectorGemm {
    /** Below this m·n·k the packing overhead outweighs what the packed kernel gains. */
    static final long PACKED_MIN_VOLUME = 64L * 64 * 64;
    /** Below this m·n·k waking a worker costs more than it saves. */
    static final long PARALLEL_MIN_VOLUME = 1L << 20;
    /** Largest transposed copy of B the unpacked path makes; larger ones go through the packed path. */
    static final int TRANSPOSE_MAX = 1 << 16;
    private static final int GATHER_CHUNK = 4096;

    private VectorGemm() {}

    /**
     * C[m, n] = alpha * op(A) · op(B) + beta * C (row-major, see Gemm.sgemm); requires m, n, k >= 1
     * and validated arguments.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (n == 1) {
            if (transA) {
                // C[:, 0] += A(p, :) * B(p, 0) over p: vectors run along the rows of the stored A.
                Gemv.axpy(m, k, a, aOff, lda, b, bOff, transB ? 1 : ldb, c, cOff, ldc, alpha, beta);
            } else {
                if (!transB && ldb != 1 && k > 1) {
                    dotStrided(m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                } else {
                    Gemv.dot(m, k, a, aOff, lda, b, bOff, c, cOff, ldc, alpha, beta);
                }
            }
            return;
        }
        if (m == 1) {
            if (!transB) {
                Gemv.axpy(n, k, b, bOff, ldb, a, aOff, transA ? lda : 1, c, cOff, 1, alpha, beta);
            } else {
                if (transA && lda != 1 && k > 1) {
                    dotStrided(n, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, 1);
                } else {
                    Gemv.dot(n, k, b, bOff, ldb, a, aOff, c, cOff, 1, alpha, beta);
                }
            }
            return;
        }
        long volume = (long) m * n * k;
        if (volume >= PACKED_MIN_VOLUME && m >= MR && n >= L && k >= 8) {
            PackedGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    volume >= PARALLEL_MIN_VOLUME);
            return;
        }
        int ars = transA ? 1 : lda;
        int acs = transA ? lda : 1;
        if (!transB) {
            SmallGemm.axpy(m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (!transA && k >= 2 * L && (m < 16 || n < L || (long) k * n > TRANSPOSE_MAX)) {
            // Dot products pay one horizontal reduction per element of C: worth it only when
            // transposing B would not be amortized over enough rows, or C rows are shorter than a vector.
            SmallGemm.dot(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if ((long) k * n > TRANSPOSE_MAX) {
            PackedGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    volume >= PARALLEL_MIN_VOLUME);
        } else {
            // E.g. Linear forward (x·Wᵀ) on a batch: transposing the small W once makes its rows contiguous.
            float[] t = Scratch.get().b(k * n);
            SmallGemm.transposeInto(k, n, b, bOff, ldb, t);
            SmallGemm.axpy(m, n, k, alpha, a, aOff, ars, acs, t, 0, n, beta, c, cOff, ldc);
        }
    }

    /**
     * y[r*yInc] = alpha * M[r, :] · x + beta * y[r*yInc] for a strided x: gathers x in chunks (so the
     * per-thread buffer stays small) and accumulates chunk by chunk.
     */
    private static void dotStrided(int rows, int len, float alpha, float[] mat, int mOff, int ld,
                                   float[] x, int xOff, int xInc, float beta, float[] y, int yOff, int yInc) {
        float[] buf = Scratch.get().v(Math.min(len, GATHER_CHUNK));
        for (int p0 = 0; p0 < len; p0 += GATHER_CHUNK) {
            int count = Math.min(GATHER_CHUNK, len - p0);
            for (int p = 0, xi = xOff + p0 * xInc; p < count; p++, xi += xInc) {
                buf[p] = x[xi];
            }
            Gemv.dot(rows, count, mat, mOff + p0, ld, buf, 0, y, yOff, yInc, alpha, p0 == 0 ? beta : 1f);
        }
    }
}
