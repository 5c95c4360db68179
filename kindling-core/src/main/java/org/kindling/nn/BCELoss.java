package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Binary cross-entropy on probabilities, like {@code torch.nn.BCELoss}; optional per-element
 * {@code weight} (broadcast against the input) rescales each term.
 */
public final class BCELoss extends Loss {
    private final Tensor weight;

    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    public BCELoss(Reduction reduction) {
        this(null, reduction);
    }

    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = weight;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        if (weight == null) return Functional.binaryCrossEntropy(input, target, reduction());
        Tensor each = Functional.binaryCrossEntropy(input, target, Reduction.NONE).mul(weight);
        return switch (reduction()) {
            case NONE -> each;
            case MEAN -> each.mean();
            case SUM -> each.sum();
        };
    }
}
