package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Writes a finished register tile back to C: {@code C = alpha * tile + beta * C}, never reading C
 * when beta is 0.
 *
 * <p>Kernels spill their accumulators to a small per-thread tile buffer and call this with plain
 * arguments. Passing vectors to a helper instead would box them (and allocate) whenever the JIT
 * declines to inline the helper, which it does at the cold call site after a long k-loop.
 */
final class Tiles {
    private Tiles() {}

    /** C[rows, cols] at c[ci] (row stride ldc) from tile[rows, cols] (row stride tileLd). */
    static void update(float[] tile, int tileLd, float[] c, int ci, int ldc, int rows, int cols,
                       float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int full = cols - cols % L;
        for (int r = 0, t = 0; r < rows; r++, t += tileLd, ci += ldc) {
            int j = 0;
            for (; j < full; j += L) {
                FloatVector v = FloatVector.fromArray(S, tile, t + j);
                if (beta == 0f) {
                    v.mul(va).intoArray(c, ci + j);
                } else if (beta == 1f) {
                    v.fma(va, FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                } else {
                    v.fma(va, FloatVector.fromArray(S, c, ci + j).mul(beta)).intoArray(c, ci + j);
                }
            }
            if (j < cols) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(S, tile, t + j);
                if (beta == 0f) {
                    v.mul(va).intoArray(c, ci + j, m);
                } else if (beta == 1f) {
                    v.fma(va, FloatVector.fromArray(S, c, ci + j, m)).intoArray(c, ci + j, m);
                } else {
                    v.fma(va, FloatVector.fromArray(S, c, ci + j, m).mul(beta)).intoArray(c, ci + j, m);
                }
            }
        }
    }

    /** y[yi + t*yInc] = alpha * tile[t] + beta * y[...] for t < count (a strided output vector). */
    static void scatter(float[] tile, int count, float[] y, int yi, int yInc, float alpha, float beta) {
        for (int t = 0; t < count; t++, yi += yInc) {
            y[yi] = beta == 0f ? alpha * tile[t] : alpha * tile[t] + beta * y[yi];
        }
    }
}
