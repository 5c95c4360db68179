package org.kindling.nn;

import org.kindling.Tensor;

/** Hyperbolic tangent elementwise, like {@code torch.nn.Tanh}. */
public final class Tanh extends Module {
    public Tanh() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
