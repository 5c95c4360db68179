package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Base of the loss modules: {@code forward(input, target)} returns the loss, reduced as configured.
 * Reprs print just the class name, as PyTorch's do ({@code MSELoss()}).
 */
public abstract class Loss extends Module {
    private final Reduction reduction;

    protected Loss(Reduction reduction) {
        if (reduction == null) throw new IllegalArgumentException("reduction must not be null");
        this.reduction = reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    public final Reduction reduction() {
        return reduction;
    }

    @Override
    public final Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs an input and a target: call forward(input, target)");
    }
}
