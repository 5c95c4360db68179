package org.kindling.nn;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/**
 * Zeroes whole channels: each {@code [n, c]} feature map of an {@code [N, C, H, W]} input is
 * dropped with probability {@code p} during training and the rest scaled by {@code 1/(1-p)}; the
 * identity in {@link #eval()} mode. Like {@code torch.nn.Dropout2d} (default p 0.5); a 3-D input
 * is taken as {@code [N, C, L]}, as PyTorch 1.13 does.
 */
public final class Dropout2d extends Module {
    private final double p;
    private final Generator generator;

    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this(p, Generator.defaultGenerator());
    }

    public Dropout2d(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout2d(input, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Json.formatDouble(p) + ", inplace=False";
    }
}
