package org.kindling.data;

/**
 * A map-style data set: a fixed number of samples, each read by index, like
 * {@code torch.utils.data.Dataset} ({@code __len__} and {@code __getitem__}).
 *
 * <p>Implementations should be cheap to index and must return the same sample for the same index;
 * {@link DataLoader} relies on both. A data set whose samples are rows of tensors should implement
 * {@link TensorRowDataset} so batches are gathered in one {@code index_select} per tensor.
 *
 * @param <T> the sample type, e.g. {@code Tensor[]} for {@link TensorDataset}
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Dataset">torch.utils.data.Dataset</a>
 */
public interface Dataset<T> {
    /** Returns the number of samples ({@code len(dataset)}). */
    int size();

    /**
     * Returns sample {@code index} ({@code dataset[index]}).
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    T get(int index);
}
