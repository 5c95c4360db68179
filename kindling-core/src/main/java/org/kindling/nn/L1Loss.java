package org.kindling.nn;

import org.kindling.Tensor;

/** Mean absolute error {@code |x - y|}, like {@code torch.nn.L1Loss}. */
public final class L1Loss extends Loss {
    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.l1Loss(input, target, reduction());
    }
}
