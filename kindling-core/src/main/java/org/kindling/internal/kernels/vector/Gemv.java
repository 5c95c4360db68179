package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Matrix-vector kernels for the GEMMs with one output row or column (n == 1 or m == 1), which are
 * most of a 1-in/1-out tutorial network: y[r*yInc] = alpha * (M · x)[r] + beta * y[r*yInc].
 *
 * <p>Justified by the W1 rows of GemmBenchmark.shape ({@code 1000x1x64:NT}, {@code 1000x64x1:NN},
 * {@code 1x64x1000:TN}, {@code 64x1x1000:TN}): one output column or row, where tiles would idle.
 */
final class Gemv {
    private Gemv() {}

    /**
     * Dot form: M(r, p) = mat[mOff + r*ld + p] (rows contiguous), x contiguous; 4 rows at a time.
     * Shapes: M [rows, len], x [len], y [rows].
     */
    static void dot(int rows, int len, float[] mat, int mOff, int ld, float[] x, int xOff,
                    float[] y, int yOff, int yInc, float alpha, float beta) {
        for (int r = 0; r < rows; r += 4) {
            int n = Math.min(4, rows - r);
            int m0 = mOff + r * ld;
            int m1 = mOff + (r + Math.min(1, n - 1)) * ld;
            int m2 = mOff + (r + Math.min(2, n - 1)) * ld;
            int m3 = mOff + (r + n - 1) * ld;
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            int p = 0;
            for (; p + L <= len; p += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + p);
                s0 = FloatVector.fromArray(S, mat, m0 + p).fma(v, s0);
                s1 = FloatVector.fromArray(S, mat, m1 + p).fma(v, s1);
                s2 = FloatVector.fromArray(S, mat, m2 + p).fma(v, s2);
                s3 = FloatVector.fromArray(S, mat, m3 + p).fma(v, s3);
            }
            if (p < len) {
                VectorMask<Float> mk = S.indexInRange(p, len);
                FloatVector v = FloatVector.fromArray(S, x, xOff + p, mk);
                s0 = FloatVector.fromArray(S, mat, m0 + p, mk).fma(v, s0);
                s1 = FloatVector.fromArray(S, mat, m1 + p, mk).fma(v, s1);
                s2 = FloatVector.fromArray(S, mat, m2 + p, mk).fma(v, s2);
                s3 = FloatVector.fromArray(S, mat, m3 + p, mk).fma(v, s3);
            }
            // The four horizontal sums in Lanes.sum's fixed pairwise order, in registers: fold each
            // accumulator's halves, pack two accumulators per vector, fold the quarters, pack all four,
            // then finish the tree. Lane 0 ends with row 0's sum, L/2 row 1's, L/4 row 2's, 3L/4 row 3's.
            FloatVector m01 = s0.add(s0.rearrange(Lanes.XOR_HALF)).blend(s1.add(s1.rearrange(Lanes.XOR_HALF)), Lanes.UPPER_HALF);
            FloatVector m23 = s2.add(s2.rearrange(Lanes.XOR_HALF)).blend(s3.add(s3.rearrange(Lanes.XOR_HALF)), Lanes.UPPER_HALF);
            m01 = m01.add(m01.rearrange(Lanes.XOR_QUARTER));
            m23 = m23.add(m23.rearrange(Lanes.XOR_QUARTER));
            FloatVector m = m01.blend(m23, Lanes.ODD_QUARTERS);
            if (L == 16) m = m.add(m.rearrange(Lanes.XOR_2));
            m = m.add(m.rearrange(Lanes.XOR_1));
            float d0 = m.lane(0), d1 = m.lane(L / 2), d2 = m.lane(L / 4), d3 = m.lane(3 * L / 4);
            int yi = yOff + r * yInc;
            SmallGemm.put(y, yi, d0, alpha, beta);
            if (n > 1) SmallGemm.put(y, yi + yInc, d1, alpha, beta);
            if (n > 2) SmallGemm.put(y, yi + 2 * yInc, d2, alpha, beta);
            if (n > 3) SmallGemm.put(y, yi + 3 * yInc, d3, alpha, beta);
        }
    }

    /**
     * Axpy form: y[j] = alpha * sum_p M(p, j) * x[p*xInc] + beta * y[j] with M(p, j) = mat[mOff + p*ld + j]
     * (rows contiguous). Shapes: M [len, cols], x [len], y [cols].
     */
    static void axpy(int cols, int len, float[] mat, int mOff, int ld, float[] x, int xOff, int xInc,
                     float[] y, int yOff, int yInc, float alpha, float beta) {
        float[] tmp = Scratch.get().tile;
        int j = 0;
        for (; j + 4 * L <= cols; j += 4 * L) {
            // Two sets of accumulators (even and odd k) give 8 independent FMA chains.
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            FloatVector t0 = FloatVector.zero(S), t1 = FloatVector.zero(S);
            FloatVector t2 = FloatVector.zero(S), t3 = FloatVector.zero(S);
            int p = 0, mi = mOff + j, xi = xOff;
            for (; p + 1 < len; p += 2, mi += 2 * ld, xi += 2 * xInc) {
                FloatVector v = FloatVector.broadcast(S, x[xi]);
                s0 = FloatVector.fromArray(S, mat, mi).fma(v, s0);
                s1 = FloatVector.fromArray(S, mat, mi + L).fma(v, s1);
                s2 = FloatVector.fromArray(S, mat, mi + 2 * L).fma(v, s2);
                s3 = FloatVector.fromArray(S, mat, mi + 3 * L).fma(v, s3);
                FloatVector w = FloatVector.broadcast(S, x[xi + xInc]);
                int mw = mi + ld;
                t0 = FloatVector.fromArray(S, mat, mw).fma(w, t0);
                t1 = FloatVector.fromArray(S, mat, mw + L).fma(w, t1);
                t2 = FloatVector.fromArray(S, mat, mw + 2 * L).fma(w, t2);
                t3 = FloatVector.fromArray(S, mat, mw + 3 * L).fma(w, t3);
            }
            if (p < len) {
                FloatVector v = FloatVector.broadcast(S, x[xi]);
                s0 = FloatVector.fromArray(S, mat, mi).fma(v, s0);
                s1 = FloatVector.fromArray(S, mat, mi + L).fma(v, s1);
                s2 = FloatVector.fromArray(S, mat, mi + 2 * L).fma(v, s2);
                s3 = FloatVector.fromArray(S, mat, mi + 3 * L).fma(v, s3);
            }
            s0.add(t0).intoArray(tmp, 0);
            s1.add(t1).intoArray(tmp, L);
            s2.add(t2).intoArray(tmp, 2 * L);
            s3.add(t3).intoArray(tmp, 3 * L);
            writeBack(tmp, 4 * L, y, yOff + j * yInc, yInc, alpha, beta);
        }
        for (; j < cols; j += L) {
            VectorMask<Float> mj = S.indexInRange(j, cols);
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            int p = 0, mi = mOff + j, xi = xOff;
            // Two accumulators over alternating k hide the FMA latency.
            for (; p + 1 < len; p += 2, mi += 2 * ld, xi += 2 * xInc) {
                s0 = FloatVector.fromArray(S, mat, mi, mj).fma(FloatVector.broadcast(S, x[xi]), s0);
                s1 = FloatVector.fromArray(S, mat, mi + ld, mj).fma(FloatVector.broadcast(S, x[xi + xInc]), s1);
            }
            if (p < len) {
                s0 = FloatVector.fromArray(S, mat, mi, mj).fma(FloatVector.broadcast(S, x[xi]), s0);
            }
            s0 = s0.add(s1);
            s0.intoArray(tmp, 0);
            writeBack(tmp, Math.min(L, cols - j), y, yOff + j * yInc, yInc, alpha, beta);
        }
    }

    private static void writeBack(float[] tmp, int count, float[] y, int yi, int yInc, float alpha, float beta) {
        if (yInc == 1) {
            Tiles.update(tmp, count, y, yi, count, 1, count, alpha, beta);
        } else {
            Tiles.scatter(tmp, count, y, yi, yInc, alpha, beta);
        }
    }
}
