package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Negative log-likelihood of log-probabilities against class indices, like {@code torch.nn.NLLLoss}.
 * Shapes: input [N, C], target [N] int64. Optional class weights [C] and an ignored index (default -100).
 */
public final class NLLLoss extends Loss {
    private final Tensor weight;
    private final long ignoreIndex;

    public NLLLoss() {
        this(null, -100, Reduction.MEAN);
    }

    public NLLLoss(Reduction reduction) {
        this(null, -100, reduction);
    }

    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.nllLoss(input, target, weight, reduction(), ignoreIndex);
    }
}
