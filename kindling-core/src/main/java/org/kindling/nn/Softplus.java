package org.kindling.nn;

import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/**
 * {@code log(1 + e^(beta x)) / beta}, and {@code x} where {@code beta x > threshold}, like
 * {@code torch.nn.Softplus} (defaults beta 1, threshold 20).
 */
public final class Softplus extends Module {
    private final double beta, threshold;
    /** PyTorch's defaults are the ints 1 and 20 and print so; numbers a caller passes print as floats. */
    private final boolean defaults;

    public Softplus() {
        this(1, 20, true);
    }

    public Softplus(double beta, double threshold) {
        this(beta, threshold, false);
    }

    private Softplus(double beta, double threshold, boolean defaults) {
        this.beta = beta;
        this.threshold = threshold;
        this.defaults = defaults;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softplus(beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return defaults ? "beta=1, threshold=20" : "beta=" + Json.formatDouble(beta) + ", threshold=" + Json.formatDouble(threshold);
    }
}
