package org.kindling.internal.kernels.vector;

import org.junit.jupiter.api.Test;
import org.kindling.internal.kernels.VectorSupport;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The in-register horizontal sums of Gemv.dot follow Lanes.sum's pairwise tree exactly. */
class LanesTest {
    @Test
    void gemvDotEqualsPerLaneFmaThenThePairwiseTreeBitForBit() {
        assumeTrue(VectorSupport.AVAILABLE, "needs --add-modules=jdk.incubator.vector");
        SplittableRandom rnd = new SplittableRandom(5);
        for (int len : new int[] {1, 7, Species.L, 3 * Species.L + 5, 64, 1000}) {
            int rows = 7;
            float[] mat = new float[rows * len], x = new float[len], y = new float[rows];
            for (int i = 0; i < mat.length; i++) mat[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < len; i++) x[i] = (float) rnd.nextGaussian();
            Gemv.dot(rows, len, mat, 0, len, x, 0, y, 0, 1, 1f, 0f);
            for (int r = 0; r < rows; r++) {
                float[] lanes = new float[Species.L];
                for (int p = 0; p < len; p++) lanes[p % Species.L] = Math.fma(mat[r * len + p], x[p], lanes[p % Species.L]);
                assertEquals(Lanes.sum(lanes, 0), y[r], 0f, "row " + r + " of length " + len);
            }
        }
    }
}
