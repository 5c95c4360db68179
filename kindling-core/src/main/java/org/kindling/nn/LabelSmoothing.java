package org.kindling.nn;

import org.kindling.Tensor;

/** The label-smoothing term of cross-entropy, composed from differentiable ops as PyTorch defines it. */
final class LabelSmoothing {
    private LabelSmoothing() {}

    /** {@code (1 - ε) * nll + ε / C * smooth}, where smooth is minus the (weighted) sum of log-probabilities. */
    static Tensor apply(Tensor logp, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex, double epsilon,
                        Tensor nll, int classDim) {
        int classes = logp.shape()[classDim];
        Tensor weighted = logp;
        if (weight != null) {
            int[] shape = new int[logp.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[classDim] = classes;
            weighted = logp.mul(weight.reshape(shape));
        }
        Tensor keep = target.ne(ignoreIndex).to(logp.dtype());
        Tensor smooth = weighted.sum(classDim).neg().mul(keep);
        Tensor reduced = switch (reduction) {
            case NONE -> smooth;
            case SUM -> smooth.sum();
            case MEAN -> {
                // Flattened: a spatial target [N, d...] picks its weights through a 1-D index.
                Tensor denominator = weight == null ? keep.sum()
                        : weight.indexSelect(0, target.mul(target.ne(ignoreIndex).toLong()).flatten()).mul(keep.flatten()).sum();
                yield smooth.sum().div(denominator);
            }
        };
        return nll.mul(1 - epsilon).add(reduced.mul(epsilon / classes));
    }
}
