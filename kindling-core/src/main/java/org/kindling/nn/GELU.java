package org.kindling.nn;

import org.kindling.Tensor;

/** Gaussian error linear unit (exact erf form), like {@code torch.nn.GELU}. */
public final class GELU extends Module {
    public GELU() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.gelu();
    }

    /** PyTorch prints the approximation mode; only the exact one ({@code 'none'}) exists here. */
    @Override
    protected String extraRepr() {
        return "approximate='none'";
    }
}
