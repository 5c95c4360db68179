package org.kindling.internal.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every Vector API kernel uses, fixed once at class initialization.
 *
 * <p>Only classes in this package touch {@code jdk.incubator.vector}; callers reach them through
 * {@link org.kindling.internal.kernels.VectorSupport}, which checks first that the module is present.
 */
public final class Species {
    /**
     * 512 bits where the CPU prefers 512 (AVX-512), else 256. The system property
     * {@code kindling.vector.bits=256} forces the 256-bit kernels (to test them on an AVX-512 CPU).
     */
    static final VectorSpecies<Float> S = pick();
    /** Lanes per vector (16 or 8). */
    static final int L = S.length();

    private Species() {}

    /** The vector width the kernels use in bits, or 0 when the preferred shape is narrower than 256 bits. */
    public static int bits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() < 256 ? 0 : S.vectorBitSize();
    }

    private static VectorSpecies<Float> pick() {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        // NOTE: never a species wider than the preferred one: on an AVX2-only CPU a 512-bit species
        // is emulated and far slower than the 256-bit one.
        boolean force256 = "256".equals(System.getProperty("kindling.vector.bits"));
        return preferred >= 512 && !force256 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    }
}
