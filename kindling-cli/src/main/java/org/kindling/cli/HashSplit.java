package org.kindling.cli;

/**
 * The validation rows of a streamed file: row {@code i} (0-based, among the data rows) is a validation
 * row when a hash of {@code (seed, i)}, read as a number in [0, 1), is below the validation fraction.
 * Each row decides alone, so the split needs no pass over the file and no memory, and the same seed
 * gives the same rows on every pass and every resume; the validation share is the fraction up to
 * sampling noise. (In-memory runs split as PyTorch's {@code random_split} does instead.)
 */
final class HashSplit {
    private HashSplit() {}

    static boolean isValidation(long row, long seed, double fraction) {
        return unit(row, seed) < fraction;
    }

    /** SplitMix64's finalizer of the seed and row, as a double in [0, 1) from its top 53 bits. */
    static double unit(long row, long seed) {
        long z = seed * 0x9E3779B97F4A7C15L + row + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
