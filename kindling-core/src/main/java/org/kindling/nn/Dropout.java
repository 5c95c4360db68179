package org.kindling.nn;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/**
 * Zeroes each element with probability {@code p} during training and scales the rest by
 * {@code 1/(1-p)}; the identity in {@link #eval()} mode. Like {@code torch.nn.Dropout} (default p 0.5).
 */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this(p, Generator.defaultGenerator());
    }

    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Json.formatDouble(p) + ", inplace=False";
    }
}
