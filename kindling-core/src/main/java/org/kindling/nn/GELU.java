package org.kindling.nn;

import org.kindling.Tensor;

/** Gaussian error linear unit, like {@code torch.nn.GELU}: exact (erf) by default, or {@code approximate="tanh"}. */
public final class GELU extends Module {
    private final String approximate;

    public GELU() {
        this("none");
    }

    /** {@code approximate}: {@code "none"} or {@code "tanh"}. */
    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("approximate argument must be either none or tanh, got '" + approximate + "'");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.gelu(approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
