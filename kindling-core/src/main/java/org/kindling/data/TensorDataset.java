package org.kindling.data;

import java.util.Arrays;
import java.util.Objects;
import org.kindling.Tensor;

/**
 * A data set of tensors that share their first dimension: sample {@code i} is row {@code i} of each
 * tensor, like {@code torch.utils.data.TensorDataset(x, y)}.
 *
 * <p>Shapes: every tensor is {@code [N, ...]}; a sample is {@code {x[i], y[i], ...}}.
 *
 * <p>The tensors are kept as given (not copied), except that a non-contiguous tensor is stored as a
 * contiguous copy once, so that gathering a batch never copies the whole tensor again.
 *
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.TensorDataset">torch.utils.data.TensorDataset</a>
 */
public final class TensorDataset implements TensorRowDataset {
    private final Tensor[] tensors;
    private final int size;

    /**
     * Creates a data set over {@code tensors}.
     *
     * @throws IllegalArgumentException if no tensor is given, a tensor is 0-dimensional, or the
     *     first dimensions differ (the message names both sizes)
     */
    public TensorDataset(Tensor... tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset: at least one tensor is required");
        }
        this.tensors = new Tensor[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            Tensor t = Objects.requireNonNull(tensors[k], () -> "TensorDataset: tensor is null");
            if (t.dim() == 0) {
                throw new IllegalArgumentException("TensorDataset: tensor " + k
                        + " is 0-dimensional; every tensor needs a first dimension of samples");
            }
            if (t.size(0) != tensors[0].size(0)) {
                throw new IllegalArgumentException("TensorDataset: size mismatch between tensors: tensor 0 has "
                        + tensors[0].size(0) + " rows (shape " + Arrays.toString(tensors[0].shape()) + "), tensor "
                        + k + " has " + t.size(0) + " rows (shape " + Arrays.toString(t.shape())
                        + "); the first dimensions must be equal");
            }
            this.tensors[k] = t.contiguous();
        }
        this.size = tensors[0].size(0);
    }

    @Override
    public int size() {
        return size;
    }

    /** Returns the number of tensors (fields per sample). */
    public int width() {
        return tensors.length;
    }

    /** Returns the tensors (a new array; the tensors themselves are shared, not copied). */
    public Tensor[] tensors() {
        return tensors.clone();
    }

    /** Returns row {@code index} of each tensor as views ({@code tensor[index]}), like PyTorch. */
    @Override
    public Tensor[] get(int index) {
        Objects.checkIndex(index, size);
        Tensor[] sample = new Tensor[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            sample[k] = tensors[k].select(0, index);
        }
        return sample;
    }

    @Override
    public Tensor[] gatherRows(Tensor index) {
        Tensor[] batch = new Tensor[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            batch[k] = tensors[k].indexSelect(0, index);
        }
        return batch;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TensorDataset(size=").append(size).append(", shapes=");
        for (int k = 0; k < tensors.length; k++) {
            b.append(k == 0 ? "" : ", ").append(Arrays.toString(tensors[k].shape()));
        }
        return b.append(')').toString();
    }
}
