package org.kindling.nn;

import org.kindling.Tensor;

/** Smooth L1 loss: {@code 0.5 d²/beta} below {@code beta}, {@code |d| - 0.5 beta} above, like {@code torch.nn.SmoothL1Loss} (default beta 1). */
public final class SmoothL1Loss extends Loss {
    private final double beta;

    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    public SmoothL1Loss(Reduction reduction, double beta) {
        super(reduction);
        if (beta < 0) throw new IllegalArgumentException("SmoothL1Loss: beta must be non-negative, got " + beta);
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.smoothL1Loss(input, target, reduction(), beta);
    }
}
