package org.kindling.autograd;

import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.storage.Storage;

/** A tensor kept for backward, with the storage version it had when saved. */
public final class SavedTensor {
    private final Node owner;
    private Tensor tensor;
    private final int version;

    SavedTensor(Node owner, Tensor tensor) {
        this.owner = owner;
        this.tensor = tensor;
        this.version = TensorAccess.storage(tensor).version();
    }

    /** The saved tensor; fails if the graph was freed or the tensor modified in place since. */
    public Tensor get() {
        Tensor t = tensor;
        if (t == null) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly access "
                    + "saved tensors after they have already been freed). Saved intermediate values of the graph are "
                    + "freed when you call backward(). Call backward(gradient, true) (retainGraph) if you need to "
                    + "backward through the graph a second time.");
        }
        Storage s = TensorAccess.storage(t);
        if (s.version() != version) {
            throw new IllegalStateException("one of the variables needed for gradient computation has been modified "
                    + "by an in-place operation: [" + t.dtype().pytorchName() + " tensor of shape "
                    + java.util.Arrays.toString(t.shape()) + "], saved by " + owner.name()
                    + ", is at version " + s.version() + "; expected version " + version + " instead");
        }
        return t;
    }

    void clear() {
        tensor = null;
    }
}
