package org.kindling.nn;

import org.kindling.Tensor;

/** {@code x · sigmoid(x)} elementwise, like {@code torch.nn.SiLU}. */
public final class SiLU extends Module {
    public SiLU() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.silu();
    }
}
