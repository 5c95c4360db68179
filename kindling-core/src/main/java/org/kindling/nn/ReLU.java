package org.kindling.nn;

import org.kindling.Tensor;

/** {@code max(0, x)} elementwise, like {@code torch.nn.ReLU}. */
public final class ReLU extends Module {
    public ReLU() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
