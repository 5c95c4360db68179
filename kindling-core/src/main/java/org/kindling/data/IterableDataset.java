package org.kindling.data;

/**
 * A data set read as a stream, like {@code torch.utils.data.IterableDataset}: each {@link #iterator()}
 * is one pass over the samples (one epoch), in the order the data set chooses, so data larger than
 * memory can be read as it is used. A {@link DataLoader} over it forms batches in iteration order, with
 * no sampler and no shuffling of its own (a streaming data set shuffles itself, e.g. by a buffer).
 *
 * @param <T> the sample type, e.g. {@code Tensor[]} of features and target
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.IterableDataset">torch.utils.data.IterableDataset</a>
 */
public interface IterableDataset<T> extends Iterable<T> {
    /** Returns the number of samples per pass ({@code len(dataset)}), or -1 when the data set does not know it. */
    default long size() {
        return -1;
    }
}
