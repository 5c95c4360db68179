package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Horizontal sums of vector accumulators in one fixed order, whatever the JIT has compiled.
 *
 * <p>NOTE: {@code reduceLanes(ADD)} leaves the order of the additions unspecified, and HotSpot's
 * interpreted and compiled forms do differ: the same sum changed in its last bit after a few hundred
 * calls. Kernels therefore store their accumulators ({@code intoArray}, which every mode performs
 * alike) and add the L lanes here, in plain Java arithmetic, as a pairwise tree: lane i gets lane
 * i + L/2, then i + L/4, and so on. A vector-shuffle tree would give the same bits, but as a method
 * it is too large for C2 to inline into the kernels, and an un-inlined vector argument is boxed.
 */
final class Lanes {
    // The same tree for four accumulators at once, in registers (see Gemv.dot): lane i meets lane i ^ h.
    // Static final, so C2 folds each into one permute or blend instruction.
    static final VectorShuffle<Float> XOR_HALF = xor(L / 2);
    static final VectorShuffle<Float> XOR_QUARTER = xor(L / 4);
    static final VectorShuffle<Float> XOR_2 = xor(2);
    static final VectorShuffle<Float> XOR_1 = xor(1);
    /** Lanes whose index has bit L/2 set (the upper half), and bit L/4 set. */
    static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(S, lanesWithBit(L / 2));
    static final VectorMask<Float> ODD_QUARTERS = VectorMask.fromLong(S, lanesWithBit(L / 4));

    private Lanes() {}

    private static VectorShuffle<Float> xor(int h) {
        return VectorShuffle.fromOp(S, i -> i ^ h);
    }

    private static long lanesWithBit(int bit) {
        long bits = 0;
        for (int i = 0; i < L; i++) {
            if ((i & bit) != 0) bits |= 1L << i;
        }
        return bits;
    }

    /** The sum of {@code t[off .. off + L)} as a pairwise tree; overwrites those elements. */
    static float sum(float[] t, int off) {
        for (int h = L / 2; h >= 1; h >>= 1) {
            for (int i = off; i < off + h; i++) t[i] += t[i + h];
        }
        return t[off];
    }
}
