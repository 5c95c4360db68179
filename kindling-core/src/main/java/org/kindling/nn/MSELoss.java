package org.kindling.nn;

import org.kindling.Tensor;

/** Mean squared error {@code (x - y)²}, like {@code torch.nn.MSELoss}. Input and target should have the same shape: a mismatch broadcasts and warns (see {@link Functional#setStrictLossShapes}). */
public final class MSELoss extends Loss {
    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target, reduction());
    }
}
