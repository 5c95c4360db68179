package org.kindling.optim;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.ops.Ops;

/**
 * Layout helpers for the fused kernels in {@code OptimizerKernels}: they need contiguous arrays, so a
 * strided parameter is updated through a contiguous copy that is written back, and a strided gradient is read
 * through a contiguous copy. Parameters and their state are contiguous in practice, so this costs nothing.
 */
final class Fused {
    private Fused() {}

    /** The parameter itself when contiguous, else a contiguous copy to update and {@link #commit} back. */
    static Tensor writable(Tensor p) {
        return p.isContiguous() ? p : p.clone();
    }

    /** Finishes an update made on {@code w = writable(p)}: copies back or records the in-place write. */
    static void commit(Tensor p, Tensor w) {
        if (w != p) p.copyInPlace(w);
        else Ops.storage(p).bumpVersion();
    }

    /** The gradient's values, contiguous. */
    static Tensor grad(Tensor p) {
        return Ops.contiguousData(TensorAccess.grad(p));
    }

    /** A new state tensor: {@code value} everywhere, with the parameter's shape and dtype, contiguous. */
    static Tensor newState(Tensor p, double value) {
        return Tensor.full(p.dtype(), value, p.shape());
    }

    /** The state tensor named {@code name}, checked to be usable by a kernel for {@code p}. */
    static Tensor state(Optimizer owner, ParamState s, String name, Tensor p) {
        Tensor t = s.require(name, owner);
        if (!t.isContiguous() || t.dtype() != p.dtype() || t.numel() != p.numel()) {
            throw new IllegalStateException(owner.name() + ": state '" + name + "' must be a contiguous " + p.dtype().pytorchName()
                    + " tensor of " + p.numel() + " elements, got " + t.dtype().pytorchName() + " with " + t.numel()
                    + (t.isContiguous() ? "" : " (not contiguous)"));
        }
        return t;
    }

    static boolean isFloat(Tensor p) {
        return p.dtype() == DType.FLOAT32;
    }

    static void bump(Tensor t) {
        Ops.storage(t).bumpVersion();
    }
}
