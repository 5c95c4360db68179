package org.kindling.nn;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.storage.Storage;

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
    private static final String BUILTIN_PACKAGE = Sequential.class.getPackageName();

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
        int n = layers.size();
        Tensor[] passed = Autograd.isGradEnabled() ? new Tensor[n] : null;
        Tensor x = input;
        for (int i = 0; i < n; i++) {
            Module m = layers.get(i);
            if (m instanceof Linear linear && i + 1 < n && layers.get(i + 1) instanceof ReLU) {
                x = linear.forwardRelu(x);
                i++;
            } else {
                x = m.forward(x);
            }
            if (passed != null && i + 1 < n && isBuiltin(m) && isBuiltin(layers.get(i + 1))) passed[i] = x;
        }
        if (passed != null) markInternalOnly(passed, input, x);
        return x;
    }

    /**
     * An activation handed from one built-in layer to the next never reached the program (built-in
     * layers keep no reference to what they receive or return), so backward may recycle its buffer
     * once it frees the graph. The input and the output, and anything sharing their storage, stay
     * the program's.
     */
    private static void markInternalOnly(Tensor[] passed, Tensor input, Tensor output) {
        Storage in = TensorAccess.storage(input), out = TensorAccess.storage(output);
        for (Tensor t : passed) {
            if (t == null) continue;
            Storage s = TensorAccess.storage(t);
            if (s != in && s != out) s.markInternalOnly();
        }
    }

    /**
     * Kindling's own layers (classes of this package), and a Sequential made only of them; a
     * program's modules may keep what they see.
     */
    static boolean isBuiltin(Module m) {
        if (m instanceof Sequential s) {
            for (Module child : s.layers) {
                if (!isBuiltin(child)) return false;
            }
            return true;
        }
        return m.getClass().getPackageName().equals(BUILTIN_PACKAGE);
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
