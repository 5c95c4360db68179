package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.FloatVector;

/**
 * Register-blocked micro-kernels over packed panels: MR rows of A times two vectors (NR columns) of B.
 *
 * <p>Packed A holds, for each k, MR consecutive floats (one per row); packed B holds, for each k, NR
 * consecutive floats. Padding rows and columns are zero, so a partial tile computes zeros there and
 * only the write-back is limited to {@code rows x cols}. Accumulators go to C through a tile
 * buffer (see {@link Tiles}). 512-bit vectors use 12 x 2 (24
 * accumulators of 32 registers), 256-bit vectors 6 x 2 (12 of 16). Written out by hand, register by
 * register, and the two kernels are the same loop at two widths (the pair the duplicates report
 * shows): every accumulator must stay a local, since an array of vectors would live in memory.
 */
final class MicroKernels {
    /** Rows of A per micro-tile. */
    static final int MR = L >= 16 ? 12 : 6;
    /** Columns of B per micro-tile: two vectors. */
    static final int NR = 2 * L;

    private MicroKernels() {}

    /** Dispatches on the (constant) tile height. */
    static void kernel(int kc, float[] pa, int pai, float[] pb, int pbi, float[] tile,
                       float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta) {
        if (MR == 12) {
            kernel12x2(kc, pa, pai, pb, pbi, tile, c, ci, ldc, rows, cols, alpha, beta);
        } else {
            kernel6x2(kc, pa, pai, pb, pbi, tile, c, ci, ldc, rows, cols, alpha, beta);
        }
    }

    /** C[rows, cols] (+)= alpha * packedA[12, kc] · packedB[kc, NR]; rows <= 12, cols <= NR. */
    static void kernel12x2(int kc, float[] pa, int pai, float[] pb, int pbi, float[] tile,
                           float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        // One k-step per iteration: manual unrolling spills registers (docs/performance-notes.md).
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, pbi);
            FloatVector b1 = FloatVector.fromArray(S, pb, pbi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, pa[pai + 0]); c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, pa[pai + 1]); c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, pa[pai + 2]); c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, pa[pai + 3]); c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(S, pa[pai + 4]); c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(S, pa[pai + 5]); c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
            a = FloatVector.broadcast(S, pa[pai + 6]); c60 = b0.fma(a, c60); c61 = b1.fma(a, c61);
            a = FloatVector.broadcast(S, pa[pai + 7]); c70 = b0.fma(a, c70); c71 = b1.fma(a, c71);
            a = FloatVector.broadcast(S, pa[pai + 8]); c80 = b0.fma(a, c80); c81 = b1.fma(a, c81);
            a = FloatVector.broadcast(S, pa[pai + 9]); c90 = b0.fma(a, c90); c91 = b1.fma(a, c91);
            a = FloatVector.broadcast(S, pa[pai + 10]); c100 = b0.fma(a, c100); c101 = b1.fma(a, c101);
            a = FloatVector.broadcast(S, pa[pai + 11]); c110 = b0.fma(a, c110); c111 = b1.fma(a, c111);
            pai += 12;
            pbi += NR;
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
        c80.intoArray(tile, 8 * NR); c81.intoArray(tile, 8 * NR + L);
        c90.intoArray(tile, 9 * NR); c91.intoArray(tile, 9 * NR + L);
        c100.intoArray(tile, 10 * NR); c101.intoArray(tile, 10 * NR + L);
        c110.intoArray(tile, 11 * NR); c111.intoArray(tile, 11 * NR + L);
        Tiles.update(tile, NR, c, ci, ldc, rows, cols, alpha, beta);
    }

    /** C[rows, cols] (+)= alpha * packedA[6, kc] · packedB[kc, NR]; rows <= 6, cols <= NR. */
    static void kernel6x2(int kc, float[] pa, int pai, float[] pb, int pbi, float[] tile,
                           float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        // One k-step per iteration: manual unrolling spills registers (docs/performance-notes.md).
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, pbi);
            FloatVector b1 = FloatVector.fromArray(S, pb, pbi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, pa[pai + 0]); c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, pa[pai + 1]); c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, pa[pai + 2]); c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, pa[pai + 3]); c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(S, pa[pai + 4]); c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(S, pa[pai + 5]); c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
            pai += 6;
            pbi += NR;
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        Tiles.update(tile, NR, c, ci, ldc, rows, cols, alpha, beta);
    }

}
