package org.kindling.nn;

import org.kindling.Tensor;

/** Splits dim {@code dim} into {@code unflattenedSize}, like {@code torch.nn.Unflatten}. */
public final class Unflatten extends Module {
    private final int dim;
    private final int[] unflattenedSize;

    public Unflatten(int dim, int... unflattenedSize) {
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.unflatten(dim, unflattenedSize);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + PythonTuple.of(unflattenedSize);
    }
}
