package org.kindling.nn;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Base class of every layer and model, like {@code torch.nn.Module}.
 *
 * <p>Subclasses register their children, parameters and buffers (Java cannot intercept field
 * assignment, so registration is explicit and returns its argument) and write {@link #forward}:
 * <pre>{@code
 * final class MyModel extends Module {
 *     private final Linear layer1 = register("layer1", new Linear(1, 64));
 *     private final Linear layer2 = register("layer2", new Linear(64, 1));
 *
 *     @Override public Tensor forward(Tensor x) {
 *         return layer2.forward(layer1.forward(x).relu());
 *     }
 * }
 * }</pre>
 * Registration order is the order of {@link #parameters()}, {@link #stateDict()} and
 * {@link #toString()}. A {@code Module} or {@code Parameter} field that was never registered is
 * reported (once per class) the first time parameters are listed, instead of silently not training.
 */
public abstract class Module {
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private final LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;

    protected Module() {}

    /** The computation; modules with several inputs (losses, say) declare their own {@code forward}. */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take a single input: "
                + "call the forward method it declares");
    }

    // ---------------------------------------------------------------- registration

    /** Registers a child module under {@code name}; returns it. */
    protected final <M extends Module> M register(String name, M module) {
        checkName("module", name);
        if (module == this) throw new IllegalArgumentException("a module cannot be registered as its own child");
        children.put(name, module);
        return module;
    }

    /** Registers a parameter (null is allowed, like {@code bias=None}); returns it. */
    protected final Parameter registerParameter(String name, Parameter parameter) {
        checkName("parameter", name);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a buffer: state saved in the state dict but not trained (running statistics, say). */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName("buffer", name);
        buffers.put(name, buffer);
        return buffer;
    }

    /** PyTorch's checks and messages from {@code add_module}, {@code register_parameter}, {@code register_buffer}. */
    private void checkName(String kind, String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
        if (name.contains(".")) {
            throw new IllegalArgumentException(kind + " name can't contain \".\"" + (kind.equals("module") ? ", got: " + name : ""));
        }
        if (children.containsKey(name) || parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists in " + getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- traversal

    /** Every parameter of this module and its descendants, each shared parameter once. */
    public final List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : namedParameters().values()) out.add(p);
        return out;
    }

    /** Parameters by dotted name ({@code layer1.weight}), in registration order, shared ones once. */
    public final Map<String, Parameter> namedParameters() {
        RegistrationCheck.verify(this);
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Parameter> p : m.getValue().parameters.entrySet()) {
                if (p.getValue() != null && seen.add(p.getValue())) out.put(prefix + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    /** This module's own parameters, without the registration check (for the check itself). */
    final Map<String, Parameter> namedParametersUnchecked() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Buffers by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            m.getValue().buffers.forEach((k, v) -> {
                if (v != null) out.put(prefix + k, v);
            });
        }
        return out;
    }

    /** Direct children in registration order; like PyTorch, a child registered twice is listed once and null ones not at all. */
    public final List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    /** Direct children by name, each once (under its first name), null ones left out. */
    public final Map<String, Module> namedChildren() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        children.forEach((name, child) -> {
            if (child != null && seen.add(child)) out.put(name, child);
        });
        return out;
    }

    /** This module and all descendants, depth first, each once. */
    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** This module (name "") and all descendants by dotted name, depth first, each once. */
    public final Map<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect("", this, out, seen);
        return out;
    }

    private static void collect(String name, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) return;
        out.put(name, m);
        for (Map.Entry<String, Module> c : m.children.entrySet()) {
            if (c.getValue() != null) collect(name.isEmpty() ? c.getKey() : name + "." + c.getKey(), c.getValue(), out, seen);
        }
    }

    /** Calls {@code fn} on every descendant and then this module (PyTorch's order); returns this. */
    public Module apply(Consumer<Module> fn) {
        for (Module c : children()) c.apply(fn);
        fn.accept(this);
        return this;
    }

    /**
     * Converts every floating-point parameter and buffer, and their gradients, to {@code dtype}
     * in place (the same Parameter objects, new values), like PyTorch's {@code module.to(dtype)};
     * integer buffers such as {@code num_batches_tracked} keep their type. Returns this.
     */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point dtypes, but got desired dtype=torch."
                    + dtype.pytorchName());
        }
        try (var g = Autograd.noGrad()) {
            for (Module m : modules()) {
                for (Parameter p : m.parameters.values()) {
                    if (p != null) convert(p, dtype);
                }
                for (Tensor b : m.buffers.values()) {
                    if (b != null && b.dtype().isFloatingPoint()) convert(b, dtype);
                }
            }
        }
        return this;
    }

    /** {@code to(FLOAT64)}: PyTorch's {@code module.double()}. */
    public Module toDouble() {
        return to(DType.FLOAT64);
    }

    /** {@code to(FLOAT32)}: PyTorch's {@code module.float()}. */
    public Module toFloat() {
        return to(DType.FLOAT32);
    }

    private static void convert(Tensor t, DType dtype) {
        if (t.dtype() == dtype) return;
        TensorAccess.setData(t, t.detach().to(dtype).contiguous());
        Tensor grad = TensorAccess.grad(t);
        if (grad != null) TensorAccess.setGrad(t, grad.to(dtype));
    }

    // ---------------------------------------------------------------- modes and gradients

    /** Sets training mode on this module and its descendants; returns this. */
    public Module train(boolean mode) {
        for (Module m : modules()) m.training = mode;
        return this;
    }

    /** Training mode (dropout active); returns this. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode (dropout inactive); returns this. */
    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /**
     * Clears every parameter's gradient by setting it to null: PyTorch 2.x's default
     * ({@code set_to_none=True}), chosen on purpose. Optimizers then skip parameters that get no
     * gradient in a step, as in PyTorch 2.x; {@link #zeroGrad(boolean) zeroGrad(false)} gives
     * PyTorch 1.13's default instead (zeros, so momentum keeps moving such parameters).
     */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** With {@code setToNone} false, fills existing gradients with zeros instead of dropping them. */
    public void zeroGrad(boolean setToNone) {
        try (var g = Autograd.noGrad()) {
            for (Parameter p : parameters()) {
                Tensor grad = TensorAccess.grad(p);
                if (grad == null) continue;
                if (setToNone) p.setGrad(null);
                else grad.zeroInPlace();
            }
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * Parameters and buffers by dotted name, in PyTorch's order (each module's parameters, then its
     * buffers, then its children). Values share storage with the module.
     */
    public final Map<String, Tensor> stateDict() {
        RegistrationCheck.verify(this);
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        saveTo(out, "");
        return out;
    }

    private void saveTo(Map<String, Tensor> out, String prefix) {
        parameters.forEach((k, v) -> {
            if (v != null) out.put(prefix + k, v.detach());
        });
        buffers.forEach((k, v) -> {
            if (v != null) out.put(prefix + k, v.detach());
        });
        children.forEach((k, v) -> {
            if (v != null) v.saveTo(out, prefix + k + ".");
        });
    }

    /** Copies values from {@code state} into this module's tensors; every key must match ({@code strict}). */
    public final StateDictKeys loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values in place. With {@code strict}, missing or unexpected keys fail; shape mismatches
     * always fail. All problems are reported together in PyTorch's words and order (missing keys,
     * unexpected keys, then size mismatches), and, unlike PyTorch, nothing is changed when any is found.
     */
    public final StateDictKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        RegistrationCheck.verify(this);
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        List<Tensor[]> copies = new ArrayList<>();
        matchState(state, "", missing, unexpected, mismatched, copies);
        List<String> errors = new ArrayList<>();
        if (strict && !missing.isEmpty()) errors.add("Missing key(s) in state_dict: " + quoted(missing) + ". ");
        if (strict && !unexpected.isEmpty()) errors.add("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
        errors.addAll(mismatched);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getClass().getSimpleName() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (var g = Autograd.noGrad()) {
            for (Tensor[] c : copies) c[0].copyInPlace(c[1]);
        }
        return new StateDictKeys(missing, unexpected);
    }

    /**
     * PyTorch's {@code _load_from_state_dict}, recursively: this module's parameters and buffers are
     * matched by key, and a key under {@code prefix} is unexpected when its next name component is
     * neither a local tensor nor a child (so keys are listed module by module, as PyTorch lists them).
     * Like PyTorch's, this lets a few malformed keys through unreported ({@code 0.weight.x}, or a
     * child's bare name {@code 0}).
     */
    private void matchState(Map<String, Tensor> state, String prefix, List<String> missing, List<String> unexpected,
                            List<String> mismatched, List<Tensor[]> copies) {
        LinkedHashMap<String, Tensor> local = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (v != null) local.put(k, v);
        });
        buffers.forEach((k, v) -> {
            if (v != null) local.put(k, v);
        });
        for (Map.Entry<String, Tensor> e : local.entrySet()) {
            String key = prefix + e.getKey();
            Tensor src = state.get(key);
            if (src == null) {
                missing.add(key);
            } else if (!java.util.Arrays.equals(src.shape(), e.getValue().shape())) {
                mismatched.add("size mismatch for " + key + ": copying a param with shape "
                        + Functional.torchSize(src.shape()) + " from checkpoint, the shape in current model is "
                        + Functional.torchSize(e.getValue().shape()) + ".");
            } else {
                copies.add(new Tensor[] {e.getValue(), src});
            }
        }
        for (String key : state.keySet()) {
            if (!key.startsWith(prefix)) continue;
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            if (!children.containsKey(name) && !local.containsKey(name)) unexpected.add(key);
        }
        children.forEach((k, v) -> {
            if (v != null) v.matchState(state, prefix + k + ".", missing, unexpected, mismatched, copies);
        });
    }

    private static String quoted(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) sb.append(i > 0 ? ", " : "").append('"').append(keys.get(i)).append('"');
        return sb.toString();
    }

    /** Keys that {@link #loadStateDict(Map, boolean)} did not match (non-strict loading). */
    public record StateDictKeys(List<String> missingKeys, List<String> unexpectedKeys) {}

    // ---------------------------------------------------------------- printing

    /** The part inside the parentheses of a leaf module's repr, e.g. {@code in_features=1, ...}. */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's repr: {@code MyModel(\n  (layer1): Linear(in_features=1, out_features=64, bias=True)\n ...)}. */
    @Override
    public String toString() {
        String extra = extraRepr();
        List<String> lines = new ArrayList<>();
        if (!extra.isEmpty()) Collections.addAll(lines, extra.split("\n", -1));
        int extraLines = lines.size();
        children.forEach((name, child) -> lines.add("(" + name + "): " + (child == null ? "None" : indent(child.toString()))));
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('(');
        if (!lines.isEmpty()) {
            if (extraLines == 1 && children.isEmpty()) s.append(lines.get(0));
            else s.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return s.append(')').toString();
    }

    private static String indent(String s) {
        return s.replace("\n", "\n  ");
    }
}
