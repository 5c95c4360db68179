package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Cross-entropy of logits against class indices ({@code log_softmax} then NLL in one), like
 * {@code torch.nn.CrossEntropyLoss}. Shapes: input [N, C], target [N] int64. Optional class
 * weights [C], an ignored index (default -100) and label smoothing in [0, 1].
 */
public final class CrossEntropyLoss extends Loss {
    private final Tensor weight;
    private final long ignoreIndex;
    private final double labelSmoothing;

    public CrossEntropyLoss() {
        this(null, -100, Reduction.MEAN, 0);
    }

    public CrossEntropyLoss(Reduction reduction) {
        this(null, -100, reduction, 0);
    }

    public CrossEntropyLoss(Tensor weight, long ignoreIndex, Reduction reduction, double labelSmoothing) {
        super(reduction);
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.crossEntropy(input, target, weight, reduction(), ignoreIndex, labelSmoothing);
    }
}
