package org.kindling.spark;

import java.util.Objects;
import org.kindling.nn.Loss;
import org.kindling.nn.Module;
import org.kindling.optim.Optimizer;

/**
 * What one barrier task trains: its copy of the model, the optimizer over that copy's parameters, and
 * the loss. Built on every task by a {@link ReplicaFactory} right after {@code Kindling.manualSeed}, so
 * every copy starts bit-identical.
 *
 * @param model     the network; its forward takes a {@code [rows, features]} float32 batch
 * @param optimizer the optimizer over {@code model.parameters()}
 * @param loss      a mean-reduced loss (the gradient average across tasks assumes a mean over rows)
 */
public record Replica(Module model, Optimizer optimizer, Loss loss) {
    /** Checks that nothing is missing. */
    public Replica {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loss, "loss");
    }
}
