package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;

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
    private Lanes() {}

    /** The sum of {@code t[off .. off + L)} as a pairwise tree; overwrites those elements. */
    static float sum(float[] t, int off) {
        for (int h = L / 2; h >= 1; h >>= 1) {
            for (int i = off; i < off + h; i++) t[i] += t[i + h];
        }
        return t[off];
    }
}
