package org.kindling.internal.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One randomly filled GEMM problem plus an exact (float64) answer and a rigorous float32 error bound,
 * so every kernel path is judged against the same independent yardstick.
 */
final class GemmCase {
    final boolean transA, transB;
    final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
    final float alpha, beta;
    final float[] a, b, c0;

    GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
             int offset, int ldPad, long seed) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        SplittableRandom rnd = new SplittableRandom(seed);
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        aOff = offset;
        bOff = offset + 1;
        cOff = 2 * offset;
        lda = aCols + ldPad;
        ldb = bCols + ldPad;
        ldc = n + ldPad;
        a = fill(rnd, aOff + aRows * lda + 3);
        b = fill(rnd, bOff + bRows * ldb + 3);
        c0 = fill(rnd, cOff + m * ldc + 3);
        if (beta == 0f) {
            // beta == 0 must not read C: garbage there must not leak into the result.
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c0[cOff + i * ldc + j] = (i + j) % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY;
                }
            }
        }
    }

    private static float[] fill(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    float[] freshC() {
        return Arrays.copyOf(c0, c0.length);
    }

    double aAt(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double bAt(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** Checks c against the float64 answer within the worst-case float32 rounding bound; null when fine. */
    String verify(float[] c) {
        double eps = Math.ulp(1.0f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0, magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double t = aAt(i, p) * bAt(p, j);
                    exact += t;
                    magnitude += Math.abs(t);
                }
                int ci = cOff + i * ldc + j;
                double old = c0[ci];
                double expected = alpha * exact + (beta == 0f ? 0 : beta * old);
                double bound = eps * (k + 4) * (Math.abs(alpha) * magnitude + (beta == 0f ? 0 : Math.abs(beta * old)))
                        + 1e-30;
                if (!(Math.abs(c[ci] - expected) <= bound)) {
                    return "C[" + i + ", " + j + "] = " + c[ci] + ", expected " + expected + " +- " + bound;
                }
            }
        }
        // Nothing outside C's m x n window may change.
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = n > 0 && rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToRawIntBits(c[idx]) != Float.floatToRawIntBits(c0[idx])) {
                return "c[" + idx + "] outside the C window was modified";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha
                + " beta=" + beta + " aOff=" + aOff + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
    }
}
