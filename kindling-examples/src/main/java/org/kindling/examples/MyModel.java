package org.kindling.examples;

import org.kindling.Tensor;
import org.kindling.nn.Linear;
import org.kindling.nn.Module;

/** The PyTorch basics tutorial's model: one hidden layer of 64 ReLU units. */
public final class MyModel extends Module {
    private final Linear layer1 = register("layer1", new Linear(1, 64));
    private final Linear layer2 = register("layer2", new Linear(64, 1));

    /** Both layers with PyTorch's default initialisation, drawn from the global generator. */
    public MyModel() {}

    @Override
    public Tensor forward(Tensor x) {
        x = layer1.forward(x);
        x = x.relu();
        return layer2.forward(x);
    }
}
