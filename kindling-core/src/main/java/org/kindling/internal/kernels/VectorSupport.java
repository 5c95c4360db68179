package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.Species;

/**
 * Decides once, at class initialization, whether the Vector API kernels may run.
 *
 * <p>They run when the incubator module {@code jdk.incubator.vector} is in the boot layer (the JVM
 * was started with {@code --add-modules=jdk.incubator.vector}), the system property
 * {@code kindling.vector} is not {@code false}, and the CPU prefers vectors of at least 256 bits.
 * This class never links a Vector API class unless the module is present, so it loads on any JVM.
 */
public final class VectorSupport {
    /** Whether the Vector API kernels are used. */
    public static final boolean AVAILABLE;
    /** Width of the vectors the kernels use in bits (512 or 256), or 0 when unavailable. */
    public static final int BITS;

    static {
        boolean wanted = enabled(
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                System.getProperty("kindling.vector"));
        // Species is only linked inside this branch: without the module it must never load.
        int bits = wanted ? Species.bits() : 0;
        AVAILABLE = bits > 0;
        BITS = bits;
    }

    private VectorSupport() {}

    /** The decision rule, separated from the environment so tests can exercise it. */
    static boolean enabled(boolean modulePresent, String property) {
        return modulePresent && !"false".equalsIgnoreCase(property == null ? "" : property.trim());
    }
}
