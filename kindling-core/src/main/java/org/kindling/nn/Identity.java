package org.kindling.nn;

import org.kindling.Tensor;

/** Returns its input unchanged, like {@code torch.nn.Identity} (a placeholder in a Sequential). */
public final class Identity extends Module {
    public Identity() {}

    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
