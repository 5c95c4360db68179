package org.kindling;

import org.kindling.internal.kernels.VectorSupport;
import org.kindling.internal.parallel.Parallel;

/** Library-wide settings and entry points, the counterpart of the top-level {@code torch} namespace. */
public final class Kindling {
    private Kindling() {}

    /**
     * Reseeds the default generator like {@code torch.manual_seed(seed)}: only the low 32 bits
     * are used, and a cached normal sample is dropped.
     *
     * @see Generator#manualSeed(long)
     */
    public static void manualSeed(long seed) {
        Generator.defaultGenerator().manualSeed(seed);
    }

    /**
     * Sets how many threads compute kernels may use (1 to the number of processors), like
     * {@code torch.set_num_threads}. Defaults to the processor count, or {@code -Dkindling.threads=N}.
     * Process-wide configuration, safe to call from any thread; results are the same bits whatever
     * the count (only the speed changes).
     */
    public static void setNumThreads(int threads) {
        Parallel.setThreads(threads);
    }

    /** The compute-thread count. */
    public static int numThreads() {
        return Parallel.threads();
    }

    /** Whether the Vector API fast paths are on (needs {@code --add-modules=jdk.incubator.vector}). */
    public static boolean vectorized() {
        return VectorSupport.AVAILABLE;
    }

    /** A one-line summary of the compute setup, e.g. {@code threads=2, vector=512-bit}. */
    public static String configuration() {
        return "threads=" + numThreads() + ", vector=" + (vectorized() ? VectorSupport.BITS + "-bit" : "off (plain loops)");
    }
}
