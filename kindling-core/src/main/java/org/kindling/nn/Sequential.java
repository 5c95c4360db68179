package org.kindling.nn;

import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs its modules in order, each on the previous one's output, like {@code torch.nn.Sequential}.
 * Modules given positionally are named {@code 0, 1, ...} (so a state dict reads {@code 0.weight},
 * {@code 2.bias}); {@link #named(Map)} keeps the given names.
 */
public final class Sequential extends Module implements Iterable<Module> {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) append(m);
    }

    /** A Sequential whose children keep the map's names and iteration order. */
    public static Sequential named(Map<String, ? extends Module> modules) {
        Sequential s = new Sequential();
        modules.forEach((name, m) -> s.layers.add(s.register(name, m)));
        return s;
    }

    /** Adds a module at the end, named by its index; returns this. */
    public Sequential append(Module module) {
        layers.add(register(Integer.toString(layers.size()), module));
        return this;
    }

    /**
     * Each module on the previous one's output. A {@link Linear} directly followed by a
     * {@link ReLU} runs as one fused op (same values and gradients, one pass less over the
     * activations).
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            if (m instanceof Linear linear && i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU) {
                x = linear.forwardRelu(x);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        int i = index < 0 ? index + layers.size() : index;
        if (i < 0 || i >= layers.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a Sequential of " + layers.size());
        }
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(layers).iterator();
    }
}
