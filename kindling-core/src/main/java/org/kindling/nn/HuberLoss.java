package org.kindling.nn;

import org.kindling.Tensor;

/** Huber loss: quadratic for |x - y| below {@code delta}, linear above, like {@code torch.nn.HuberLoss} (default delta 1). */
public final class HuberLoss extends Loss {
    private final double delta;

    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    public HuberLoss(Reduction reduction, double delta) {
        super(reduction);
        Functional.checkHuberDelta(delta);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.huberLoss(input, target, reduction(), delta);
    }
}
