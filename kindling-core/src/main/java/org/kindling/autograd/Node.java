package org.kindling.autograd;

import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.storage.BufferPool;
import org.kindling.internal.storage.Storage;

import java.util.ArrayList;

/**
 * A node of the autograd graph (PyTorch's {@code grad_fn}): the op that produced one tensor, and
 * how to send its gradient back. Programs write their own differentiable ops as a {@link Function};
 * Kindling's ops are nodes directly.
 *
 * <p>Contract for subclasses: the op computes its output, then calls {@link #connect} with the
 * output and its inputs, and {@link #save} for every tensor its backward reads. {@link #backward}
 * receives the gradient of the output and returns one gradient per input, in the order given to
 * {@code connect}, each with that input's shape (or {@code null} when {@link #needsGrad(int)} is
 * false). Backward runs with gradient recording off and may use any tensor op.
 */
public abstract class Node {
    private Node[] nextFunctions;
    private Tensor[] nextLeaves;
    private int[][] inputShapes;
    private final ArrayList<SavedTensor> saved = new ArrayList<>(2);
    private Storage owned;
    private Tensor retainedOutput;
    private int consumers;

    // Scratch for the engine during one backward pass.
    int visitEpoch;
    int dependencies;
    Tensor pendingGrad;
    boolean pendingGradOwned;
    boolean exclusiveGrad;

    protected Node() {}

    /** Gradients with respect to each input, given the gradient of the output. */
    protected abstract Tensor[] backward(Tensor gradOutput);

    /** PyTorch-style node name, e.g. {@code MulBackward0}, as shown in {@code grad_fn=<...>}. */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * Links {@code output} to this node and this node to the inputs that require grad.
     * {@code ownsOutput} says this op allocated the output's storage: if the storage is later marked
     * internal-only (no program can reach it), freeing the graph recycles it.
     */
    public final void connect(Tensor output, boolean ownsOutput, Tensor... inputs) {
        nextFunctions = new Node[inputs.length];
        nextLeaves = new Tensor[inputs.length];
        inputShapes = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            if (in == null) continue;
            inputShapes[i] = in.shape();
            if (!in.requiresGrad()) continue;
            if (in.gradFn() != null) {
                nextFunctions[i] = in.gradFn();
                in.gradFn().consumers++;
            } else {
                nextLeaves[i] = in;
            }
        }
        if (ownsOutput) owned = TensorAccess.storage(output);
        TensorAccess.setGradFn(output, this);
    }

    /**
     * How many recorded ops took this node's output as an input. With one, the gradient this node
     * receives comes from that op alone, which lets the two fuse their backward work.
     */
    public final int consumerCount() {
        return consumers;
    }

    /** True when {@code retainGrad()} asked for this node's output gradient, which must then be kept as received. */
    protected final boolean retainsOutputGrad() {
        return retainedOutput != null;
    }

    /** Keeps {@code t} for backward; backward fails clearly if it is modified in place meanwhile. */
    public final SavedTensor save(Tensor t) {
        SavedTensor s = new SavedTensor(this, t);
        saved.add(s);
        return s;
    }

    /**
     * During {@link #backward}: true when the gradient passed in is a buffer only this node can
     * see, so the node may write its result into it instead of allocating (an elementwise op's
     * gradient has the same shape as its output's).
     */
    protected final boolean gradientIsExclusive() {
        return exclusiveGrad;
    }

    /** True when input {@code i} requires a gradient. */
    public final boolean needsGrad(int i) {
        return nextFunctions[i] != null || nextLeaves[i] != null;
    }

    /** The shape input {@code i} had in the forward pass. */
    protected final int[] inputShape(int i) {
        return inputShapes[i].clone();
    }

    /** Number of inputs given to {@link #connect}. */
    public final int inputCount() {
        return nextFunctions.length;
    }

    /** The node that produced input {@code i}, or null for leaves and inputs without grad. */
    public final Node nextFunction(int i) {
        return nextFunctions[i];
    }

    /** The leaf tensor at input {@code i} that accumulates a gradient, or null. */
    final Tensor nextLeaf(int i) {
        return nextLeaves[i];
    }

    final int[] inputShapeRef(int i) {
        return inputShapes[i];
    }

    /** Called by {@code Tensor.retainGrad()}: the output's gradient is stored in its {@code grad}. */
    public final void retainOutputGrad(Tensor output) {
        retainedOutput = output;
    }

    final Tensor retainedOutput() {
        return retainedOutput;
    }

    /** Drops saved tensors and recycles an owned buffer no program can reach; later access to saved tensors fails. */
    final void free() {
        for (int i = 0; i < saved.size(); i++) saved.get(i).clear();
        saved.clear();
        if (owned != null && owned.isInternalOnly()) BufferPool.release(owned);
        owned = null;
    }

    @Override
    public String toString() {
        return "<" + name() + ">";
    }
}
