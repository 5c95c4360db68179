package org.kindling.internal.kernels.vector;

/** Each Vector API GEMM path forced whatever the shape, for the tests to compare with the dispatcher. */
public final class VectorGemmPaths {
    private VectorGemmPaths() {}

    /** Forces the single-threaded packed kernel whatever the shape (for tests). */
    public static void packedSerial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float beta, float[] c, int cOff, int ldc) {
        PackedGemm.sgemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Forces the unpacked kernels whatever the size (for tests). */
    public static void unpacked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        int ars = transA ? 1 : lda;
        int acs = transA ? lda : 1;
        if (!transB) {
            SmallGemm.axpy(m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (!transA) {
            SmallGemm.dot(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            float[] t = Scratch.get().b(k * n);
            SmallGemm.transposeInto(k, n, b, bOff, ldb, t);
            SmallGemm.axpy(m, n, k, alpha, a, aOff, ars, acs, t, 0, n, beta, c, cOff, ldc);
        }
    }
}
