package org.kindling.optim;

import org.kindling.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers about one parameter between steps, like {@code optimizer.state[p]}: named
 * tensors ({@code momentum_buffer}, {@code exp_avg}, ...) and, for optimizers that count, the step number.
 *
 * <p>Tensors have the parameter's shape and dtype; {@link Optimizer#stateDict()} saves them as
 * {@code state.<id>.<name>} and the step as the scalar {@code state.<id>.step}.
 */
public final class ParamState {
    private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
    private long step;
    private boolean counted;

    ParamState() {}

    /** True before the optimizer has stored anything for this parameter. */
    public boolean isEmpty() {
        return tensors.isEmpty() && !counted;
    }

    /** The named tensor, or null. */
    public Tensor get(String name) {
        return tensors.get(name);
    }

    /** The named tensor; fails with a clear message when it is missing (a state dict saved with other settings). */
    public Tensor require(String name, Optimizer owner) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalStateException(owner.getClass().getSimpleName() + ": parameter state has no '" + name
                    + "' (it has: " + String.join(", ", tensors.keySet()) + "); was the state dict saved with different "
                    + "settings or by another optimizer?");
        }
        return t;
    }

    /** Stores a named tensor (replacing any previous one). */
    public void put(String name, Tensor value) {
        tensors.put(name, value);
    }

    /** Every named tensor, in insertion order (unmodifiable view). */
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The number of steps taken (0 before the first). */
    public long step() {
        return step;
    }

    /** Sets the step count; from now on it is part of the saved state. */
    public void setStep(long value) {
        step = value;
        counted = true;
    }

    /** True when this optimizer counts steps for the parameter (Adam, RMSprop, Adagrad; not SGD). */
    public boolean hasStep() {
        return counted;
    }
}
