package org.kindling;

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
}
