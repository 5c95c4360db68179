package org.kindling.data;

import java.util.Objects;

/**
 * A view of a data set at chosen indices: sample {@code i} is {@code dataset.get(indices[i])}, like
 * {@code torch.utils.data.Subset}. {@link RandomSplit#randomSplit} returns these.
 *
 * <p>A subset of a {@link TensorRowDataset} (directly or through nested subsets) still batches with
 * one {@code index_select} per tensor in {@link DataLoader}.
 *
 * @param <T> the sample type
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Subset">torch.utils.data.Subset</a>
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final int[] indices;

    /**
     * Creates a subset; {@code indices} is copied and may repeat indices.
     *
     * @throws IndexOutOfBoundsException if an index is not in {@code [0, dataset.size())}
     */
    public Subset(Dataset<T> dataset, int[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.indices = Objects.requireNonNull(indices, "indices").clone();
        int n = dataset.size();
        for (int i = 0; i < this.indices.length; i++) {
            int index = this.indices[i];
            if (index < 0 || index >= n) {
                throw new IndexOutOfBoundsException("Subset: index " + index + " at position " + i
                        + " is out of range for a dataset of size " + n);
            }
        }
    }

    /** Returns the underlying data set. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** Returns the indices into {@link #dataset()} (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** Returns {@code indices[i]} without copying the array. */
    public int index(int i) {
        return indices[Objects.checkIndex(i, indices.length)];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public T get(int index) {
        return dataset.get(indices[Objects.checkIndex(index, indices.length)]);
    }

    @Override
    public String toString() {
        return "Subset(size=" + indices.length + ", of " + dataset + ")";
    }
}
