package org.kindling.nn;

import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/** {@code x} where positive, else {@code negativeSlope * x}, like {@code torch.nn.LeakyReLU} (default slope 0.01). */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.leakyRelu(negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Json.formatDouble(negativeSlope);
    }
}
