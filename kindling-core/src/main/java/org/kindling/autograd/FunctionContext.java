package org.kindling.autograd;

import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one call of a {@link Function} keeps for its backward, like PyTorch's {@code ctx}: the
 * tensors given to {@link #saveForBackward} (checked against in-place changes, freed with the graph)
 * and any other values under a name.
 */
public final class FunctionContext {
    private final boolean[] needsInputGrad;
    private final List<Tensor> toSave = new ArrayList<>(2);
    private final Map<String, Object> values = new HashMap<>();
    private List<SavedTensor> saved;
    private Node node;

    FunctionContext(Tensor[] inputs) {
        needsInputGrad = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) needsInputGrad[i] = inputs[i] != null && inputs[i].requiresGrad();
    }

    /** Keeps tensors for backward, in order (PyTorch's {@code ctx.save_for_backward}); call it in forward. */
    public void saveForBackward(Tensor... tensors) {
        if (saved != null) throw new IllegalStateException("saveForBackward must be called in forward");
        for (Tensor t : tensors) toSave.add(t);
    }

    /**
     * The saved tensors, in the order given (PyTorch's {@code ctx.saved_tensors}). Fails if one was
     * modified in place since it was saved, or if the graph was already freed by a backward pass.
     */
    public List<Tensor> savedTensors() {
        if (saved == null) return List.copyOf(toSave); // forward has not returned yet, or nothing records
        List<Tensor> out = new ArrayList<>(saved.size());
        for (SavedTensor s : saved) out.add(s == null ? null : s.get());
        return out;
    }

    /** True when input {@code i} requires a gradient (PyTorch's {@code ctx.needs_input_grad[i]}). */
    public boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    /** Keeps a non-tensor value for backward (PyTorch code sets an attribute: {@code ctx.alpha = alpha}). */
    public void put(String name, Object value) {
        values.put(name, value);
    }

    /** A value kept with {@link #put}; fails clearly if there is none. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!values.containsKey(name)) throw new IllegalArgumentException("no value named '" + name + "' in this context");
        return (T) values.get(name);
    }

    void attach(Node owner) {
        node = owner;
    }

    /** Called once forward has returned: the saved tensors become version-checked and freeable. */
    void freeze() {
        saved = new ArrayList<>(toSave.size());
        for (Tensor t : toSave) saved.add(t == null ? null : node.save(t));
        toSave.clear();
    }
}
