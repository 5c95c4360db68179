package org.kindling.data;

import org.kindling.Tensor;

/**
 * A data set whose sample {@code i} is row {@code i} of each of its tensors, so a whole batch can be
 * gathered at once: {@link DataLoader} calls {@link #gatherRows} once per batch instead of reading
 * and stacking samples one by one (the role of {@code __getitems__} in newer PyTorch versions).
 */
public interface TensorRowDataset extends Dataset<Tensor[]> {
    /**
     * Returns, for each tensor of the data set, its rows at {@code index}, as
     * {@code tensor.index_select(0, index)} does: new tensors, not views.
     *
     * <p>Shapes: {@code index} is int64 {@code [B]}; result {@code k} is {@code [B, ...]} where tensor
     * {@code k} is {@code [size(), ...]}.
     *
     * @throws IndexOutOfBoundsException if an index is not in {@code [0, size())}
     */
    Tensor[] gatherRows(Tensor index);
}
