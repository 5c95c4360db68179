package org.kindling.nn;

import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/** {@code x} where positive, else {@code alpha (e^x - 1)}, like {@code torch.nn.ELU} (default alpha 1). */
public final class ELU extends Module {
    private final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.elu(alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Json.formatDouble(alpha);
    }
}
