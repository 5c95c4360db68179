package org.kindling.cli;

import org.kindling.nn.Linear;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.nn.Sigmoid;
import org.kindling.nn.Tanh;

import java.util.List;

/** The network a run trains: Linear layers of the given hidden sizes with an activation between them. */
final class Mlp {
    static final List<String> ACTIVATIONS = List.of("relu", "sigmoid", "tanh");

    private Mlp() {}

    /**
     * {@code in → hidden[0] → ... → out}, as a Sequential (state dict keys {@code 0.weight},
     * {@code 2.weight}, ...). With one hidden layer and ReLU this is the tutorial's MyModel.
     */
    static Sequential build(int in, List<Integer> hidden, int out, String activation) {
        Sequential model = new Sequential();
        int width = in;
        for (int h : hidden) {
            if (h <= 0) throw new IllegalArgumentException("--hidden sizes must be positive, got " + h);
            model.append(new Linear(width, h));
            model.append(activation(activation));
            width = h;
        }
        return model.append(new Linear(width, out));
    }

    static Module activation(String name) {
        return switch (name) {
            case "relu" -> new ReLU();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            default -> throw new IllegalArgumentException("unknown activation '" + name + "' (expected relu, sigmoid or tanh)");
        };
    }
}
