package org.kindling.nn;

import org.kindling.Tensor;

/** Binary cross-entropy on logits (sigmoid folded in, numerically stable), like {@code torch.nn.BCEWithLogitsLoss}. */
public final class BCEWithLogitsLoss extends Loss {
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    public BCEWithLogitsLoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.binaryCrossEntropyWithLogits(input, target, reduction());
    }
}
