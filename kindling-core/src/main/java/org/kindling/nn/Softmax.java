package org.kindling.nn;

import org.kindling.Tensor;

/** {@code softmax} along {@code dim}, like {@code torch.nn.Softmax}. */
public final class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
