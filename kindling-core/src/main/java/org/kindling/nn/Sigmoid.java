package org.kindling.nn;

import org.kindling.Tensor;

/** {@code 1 / (1 + e^-x)} elementwise, like {@code torch.nn.Sigmoid}. */
public final class Sigmoid extends Module {
    public Sigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
