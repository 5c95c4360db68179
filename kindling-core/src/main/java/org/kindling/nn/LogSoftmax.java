package org.kindling.nn;

import org.kindling.Tensor;

/** {@code logSoftmax} along {@code dim}, like {@code torch.nn.LogSoftmax}. */
public final class LogSoftmax extends Module {
    private final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
