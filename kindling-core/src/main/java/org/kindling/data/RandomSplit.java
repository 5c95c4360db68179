package org.kindling.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.kindling.Generator;

/**
 * Random splits of a data set into non-overlapping subsets, like
 * {@code torch.utils.data.random_split}: the same generator state gives the same subsets as PyTorch.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.random_split">torch.utils.data.random_split</a>
 */
public final class RandomSplit {
    private RandomSplit() {}

    /**
     * Splits {@code dataset} into subsets of the given lengths: draws {@code randperm(sum(lengths))}
     * from {@code generator} and hands out consecutive slices of it, as PyTorch does.
     *
     * <p>PyTorch reads integer lengths that sum to 1 as fractions; this overload does not (use
     * {@link #randomSplit(Dataset, double[], Generator)} for fractions).
     *
     * @param generator consumed: {@code sum(lengths) - 1} engine outputs (PyTorch's {@code randperm})
     * @throws IllegalArgumentException if a length is negative or the lengths do not sum to the
     *     data set's size
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Generator generator) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(lengths, "lengths");
        Objects.requireNonNull(generator, "generator");
        long sum = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("randomSplit: length at index " + i + " is negative ("
                        + lengths[i] + ")");
            }
            sum += lengths[i];
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: the lengths " + Arrays.toString(lengths) + " sum to "
                    + sum + ", but the dataset has " + dataset.size() + " samples");
        }
        long[] perm = generator.randperm((int) sum);
        List<Subset<T>> subsets = new ArrayList<>(lengths.length);
        int offset = 0;
        for (int length : lengths) {
            int[] indices = new int[length];
            for (int i = 0; i < length; i++) {
                indices[i] = (int) perm[offset + i];
            }
            offset += length;
            subsets.add(new Subset<>(dataset, indices));
        }
        return subsets;
    }

    /** {@link #randomSplit(Dataset, int[], Generator)} with the default generator, as PyTorch's default. */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths) {
        return randomSplit(dataset, lengths, Generator.defaultGenerator());
    }

    /**
     * Splits {@code dataset} by fractions, as PyTorch does: split {@code i} gets
     * {@code floor(size * fractions[i])} samples, then the samples left over go one each to splits
     * 0, 1, 2, ... (round-robin), and the lengths are split as by
     * {@link #randomSplit(Dataset, int[], Generator)}. For example 10 samples with
     * {@code {0.25, 0.25, 0.5}} give lengths 3, 2, 5.
     *
     * @throws IllegalArgumentException if a fraction is outside [0, 1] or the fractions do not sum to 1
     *     (PyTorch's test: {@code math.isclose(sum, 1)} and {@code sum <= 1}, summed left to right)
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        Objects.requireNonNull(dataset, "dataset");
        return randomSplit(dataset, lengthsOf(fractions, dataset.size()), generator);
    }

    /** {@link #randomSplit(Dataset, double[], Generator)} with the default generator. */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions) {
        return randomSplit(dataset, fractions, Generator.defaultGenerator());
    }

    /** The lengths PyTorch derives from fractions for a data set of {@code size} samples. */
    static int[] lengthsOf(double[] fractions, int size) {
        Objects.requireNonNull(fractions, "fractions");
        if (fractions.length == 0) {
            throw new IllegalArgumentException("randomSplit: at least one fraction is required");
        }
        double sum = 0;
        for (double f : fractions) {
            sum += f;
        }
        // math.isclose(sum, 1) with its default rel_tol=1e-9 and abs_tol=0.
        boolean closeToOne = Math.abs(sum - 1) <= 1e-9 * Math.max(Math.abs(sum), 1);
        if (!(closeToOne && sum <= 1)) {
            throw new IllegalArgumentException("randomSplit: the fractions " + Arrays.toString(fractions)
                    + " sum to " + sum + ", not 1");
        }
        int[] lengths = new int[fractions.length];
        long assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            double f = fractions[i];
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("randomSplit: fraction at index " + i + " is not between 0 and 1 ("
                        + f + ")");
            }
            lengths[i] = (int) Math.floor(size * f);
            assigned += lengths[i];
        }
        long remainder = size - assigned;
        for (long i = 0; i < remainder; i++) {
            lengths[(int) (i % lengths.length)]++;
        }
        return lengths;
    }
}
