package org.kindling;

/**
 * A tensor that a {@code Module} trains, like {@code torch.nn.Parameter}: a leaf that requires
 * grad. Modules find their parameters through registration, and optimizers update them in place.
 */
public final class Parameter extends Tensor {
    /** Wraps {@code data}'s values (sharing its storage, detached from any graph) as a trainable leaf. */
    public Parameter(Tensor data) {
        super(data.detach().storage(), data.shape(), data.strides(), data.storageOffset());
        if (!data.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Parameter: only float32 and float64 tensors can be trained, got "
                    + data.dtype().pytorchName());
        }
        requiresGrad(true);
    }

    /** {@code Parameter containing:} and the tensor, as PyTorch prints a parameter. */
    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
