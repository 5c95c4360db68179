package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Unpacked vector kernels for small and skinny GEMMs, where packing would cost more than it saves.
 *
 * <p>Two shapes of inner loop: "axpy" vectorizes over the columns of C (needs op(B) rows contiguous)
 * and broadcasts elements of A through any strides; "dot" vectorizes over k (needs rows of A and of
 * op(B)ᵀ contiguous) and reduces at the end. Both work on register tiles; leftover rows re-use the
 * last valid row (computed twice, stored once) instead of needing separate tail code.
 *
 * <p>Justified by the W2 rows of GemmBenchmark.shape ({@code 32x64x13:NT}, {@code 32x64x64:NN},
 * {@code 64x64x32:TN}) and W3's {@code 128x10x512:NT}: too small or too thin to amortize packing.
 */
final class SmallGemm {
    /** Below this k, a register tile would save little B traffic: C is written row by row instead. */
    static final int SHORT_K = 8;

    private SmallGemm() {}

    /**
     * The axpy form one row at a time, each C vector finished in a register and stored directly: for
     * short k (Linear(1, 64) has k = 1) the work is writing C, and a tile round trip would double it.
     */
    static void axpyRows(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int full = n - n % L;
        for (int i = 0, ai = aOff, ci = cOff; i < m; i++, ai += ars, ci += ldc) {
            int j = 0;
            for (; j < full; j += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0, ap = ai, bp = bOff + j; p < k; p++, ap += acs, bp += ldb) {
                    acc = FloatVector.fromArray(S, b, bp).fma(FloatVector.broadcast(S, a[ap]), acc);
                }
                if (beta == 0f) {
                    acc.mul(va).intoArray(c, ci + j);
                } else {
                    acc.fma(va, FloatVector.fromArray(S, c, ci + j).mul(beta)).intoArray(c, ci + j);
                }
            }
            if (j < n) {
                VectorMask<Float> mj = S.indexInRange(j, n);
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0, ap = ai, bp = bOff + j; p < k; p++, ap += acs, bp += ldb) {
                    acc = FloatVector.fromArray(S, b, bp, mj).fma(FloatVector.broadcast(S, a[ap]), acc);
                }
                if (beta == 0f) {
                    acc.mul(va).intoArray(c, ci + j, mj);
                } else {
                    acc.fma(va, FloatVector.fromArray(S, c, ci + j, mj).mul(beta)).intoArray(c, ci + j, mj);
                }
            }
        }
    }

    /**
     * C[m, n] = alpha * A · B + beta * C where A(i, p) = a[aOff + i*ars + p*acs] and
     * B(p, j) = b[bOff + p*ldb + j] (rows contiguous).
     */
    static void axpy(int m, int n, int k, float alpha, float[] a, int aOff, int ars, int acs,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (k < SHORT_K) {
            axpyRows(m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        float[] tile = Scratch.get().tile;
        for (int i = 0; i < m; i += 4) {
            int rows = Math.min(4, m - i);
            int a0 = aOff + i * ars;
            int a1 = aOff + (i + Math.min(1, rows - 1)) * ars;
            int a2 = aOff + (i + Math.min(2, rows - 1)) * ars;
            int a3 = aOff + (i + Math.min(3, rows - 1)) * ars;
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                axpyTile(k, a, a0, a1, a2, a3, acs, b, bOff + j, ldb, tile, c, cOff + i * ldc + j, ldc, rows,
                        alpha, beta);
            }
            for (; j < n; j += 2 * L) {
                axpyTileMasked(k, a, a0, a1, a2, a3, acs, b, bOff + j, ldb, tile, c, cOff + i * ldc + j, ldc, rows,
                        n - j, alpha, beta);
            }
        }
    }

    /** Four rows (a0..a3 are row starts in a) by two full vectors of columns. */
    private static void axpyTile(int k, float[] a, int a0, int a1, int a2, int a3, int acs,
                                 float[] b, int bi, int ldb, float[] tile, float[] c, int ci, int ldc,
                                 int rows, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0, ap = 0; p < k; p++, ap += acs, bi += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        Tiles.update(tile, 2 * L, c, ci, ldc, rows, 2 * L, alpha, beta);
    }

    /** Four rows by up to two vectors of columns, lanes outside m0/m1 untouched. */
    private static void axpyTileMasked(int k, float[] a, int a0, int a1, int a2, int a3, int acs,
                                       float[] b, int bi, int ldb, float[] tile, float[] c, int ci, int ldc,
                                       int rows, int cols, float alpha, float beta) {
        VectorMask<Float> m0 = S.indexInRange(0, cols), m1 = S.indexInRange(L, cols);
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0, ap = 0; p < k; p++, ap += acs, bi += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi, m0);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L, m1);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L); c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L); c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L); c31.intoArray(tile, 7 * L);
        Tiles.update(tile, 2 * L, c, ci, ldc, rows, cols, alpha, beta);
    }

    /**
     * C[m, n] = alpha * A · Bᵀ + beta * C with A(i, p) = a[aOff + i*lda + p] and
     * Bᵀ(p, j) = b[bOff + j*ldb + p]: dot products of rows, 2 x 4 at a time.
     */
    static void dot(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                    float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i += 2) {
            int rows = Math.min(2, m - i);
            int a0 = aOff + i * lda;
            int a1 = aOff + (i + rows - 1) * lda;
            for (int j = 0; j < n; j += 4) {
                int cols = Math.min(4, n - j);
                dotTile(k, a, a0, a1, b, bOff + j * ldb, bOff + (j + Math.min(1, cols - 1)) * ldb,
                        bOff + (j + Math.min(2, cols - 1)) * ldb, bOff + (j + cols - 1) * ldb,
                        c, cOff + i * ldc + j, ldc, rows, cols, alpha, beta);
            }
        }
    }

    /** One 2 x 4 tile of C as dot products. */
    private static void dotTile(int k, float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                                float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s02 = FloatVector.zero(S), s03 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s12 = FloatVector.zero(S), s13 = FloatVector.zero(S);
        int p = 0;
        for (; p + L <= k; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = y.fma(x0, s00); s10 = y.fma(x1, s10);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = y.fma(x0, s01); s11 = y.fma(x1, s11);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = y.fma(x0, s02); s12 = y.fma(x1, s12);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = y.fma(x0, s03); s13 = y.fma(x1, s13);
        }
        if (p < k) {
            VectorMask<Float> mk = S.indexInRange(p, k);
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p, mk);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p, mk);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p, mk);
            s00 = y.fma(x0, s00); s10 = y.fma(x1, s10);
            y = FloatVector.fromArray(S, b, b1 + p, mk);
            s01 = y.fma(x0, s01); s11 = y.fma(x1, s11);
            y = FloatVector.fromArray(S, b, b2 + p, mk);
            s02 = y.fma(x0, s02); s12 = y.fma(x1, s12);
            y = FloatVector.fromArray(S, b, b3 + p, mk);
            s03 = y.fma(x0, s03); s13 = y.fma(x1, s13);
        }
        // Reduce first, then store: selecting between vectors at the store would defeat box elimination.
        // Each row's four sums in Lanes.sum's fixed order, in registers, as in Gemv.dot: lane 0 holds
        // column 0's sum, L/2 column 1's, L/4 column 2's, 3L/4 column 3's.
        FloatVector a01 = s00.add(s00.rearrange(Lanes.XOR_HALF)).blend(s01.add(s01.rearrange(Lanes.XOR_HALF)), Lanes.UPPER_HALF);
        FloatVector a23 = s02.add(s02.rearrange(Lanes.XOR_HALF)).blend(s03.add(s03.rearrange(Lanes.XOR_HALF)), Lanes.UPPER_HALF);
        FloatVector b01 = s10.add(s10.rearrange(Lanes.XOR_HALF)).blend(s11.add(s11.rearrange(Lanes.XOR_HALF)), Lanes.UPPER_HALF);
        FloatVector b23 = s12.add(s12.rearrange(Lanes.XOR_HALF)).blend(s13.add(s13.rearrange(Lanes.XOR_HALF)), Lanes.UPPER_HALF);
        a01 = a01.add(a01.rearrange(Lanes.XOR_QUARTER));
        a23 = a23.add(a23.rearrange(Lanes.XOR_QUARTER));
        b01 = b01.add(b01.rearrange(Lanes.XOR_QUARTER));
        b23 = b23.add(b23.rearrange(Lanes.XOR_QUARTER));
        FloatVector row0 = a01.blend(a23, Lanes.ODD_QUARTERS), row1 = b01.blend(b23, Lanes.ODD_QUARTERS);
        if (L == 16) {
            row0 = row0.add(row0.rearrange(Lanes.XOR_2));
            row1 = row1.add(row1.rearrange(Lanes.XOR_2));
        }
        row0 = row0.add(row0.rearrange(Lanes.XOR_1));
        row1 = row1.add(row1.rearrange(Lanes.XOR_1));
        float d00 = row0.lane(0), d01 = row0.lane(L / 2), d02 = row0.lane(L / 4), d03 = row0.lane(3 * L / 4);
        float d10 = row1.lane(0), d11 = row1.lane(L / 2), d12 = row1.lane(L / 4), d13 = row1.lane(3 * L / 4);
        putRow(c, ci, cols, d00, d01, d02, d03, alpha, beta);
        if (rows > 1) {
            putRow(c, ci + ldc, cols, d10, d11, d12, d13, alpha, beta);
        }
    }

    private static void putRow(float[] c, int ci, int cols, float d0, float d1, float d2, float d3,
                               float alpha, float beta) {
        put(c, ci, d0, alpha, beta);
        if (cols > 1) put(c, ci + 1, d1, alpha, beta);
        if (cols > 2) put(c, ci + 2, d2, alpha, beta);
        if (cols > 3) put(c, ci + 3, d3, alpha, beta);
    }

    /** c[i] = alpha * sum + beta * c[i], not reading c[i] when beta is 0. */
    static void put(float[] c, int i, float sum, float alpha, float beta) {
        c[i] = beta == 0f ? alpha * sum : alpha * sum + beta * c[i];
    }

    /** Copies op(B) = Bᵀ (B stored [n, k], row stride ldb) into t as a contiguous [k, n]. */
    static void transposeInto(int k, int n, float[] b, int bOff, int ldb, float[] t) {
        int n16 = 0, k16 = 0;
        if (Transpose16.ENABLED) {
            n16 = n - n % 16;
            k16 = k - k % 16;
            for (int j = 0; j < n16; j += 16) {
                for (int p = 0; p < k16; p += 16) {
                    Transpose16.full(b, bOff + j * ldb + p, ldb, t, p * n + j, n);
                }
            }
        }
        // The rest (all of it without 16-lane vectors): columns past n16, and rows past k16.
        for (int j = 0; j < n; j++) {
            int src = bOff + j * ldb;
            for (int p = j < n16 ? k16 : 0, d = p * n + j; p < k; p++, d += n) {
                t[d] = b[src + p];
            }
        }
    }
}
