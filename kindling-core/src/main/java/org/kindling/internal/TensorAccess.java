package org.kindling.internal;

import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.storage.Storage;

/**
 * The door from internal packages into {@link Tensor}'s private state.
 *
 * <p>Why: ops, kernels and the autograd engine live in their own packages (so the layering is
 * visible), but a tensor's storage and constructor must not be public API. {@code Tensor} installs
 * the one implementation when its class initializes.
 */
public abstract class TensorAccess {
    private static TensorAccess instance;

    protected TensorAccess() {}

    /** Called once, by {@code Tensor}'s static initializer. */
    public static synchronized void install(TensorAccess access) {
        if (instance != null) throw new IllegalStateException("TensorAccess is already installed");
        instance = access;
    }

    private static TensorAccess get() {
        TensorAccess a = instance;
        if (a == null) {
            try {
                Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    public static Storage storage(Tensor t) {
        return get().storageOf(t);
    }

    /** A tensor over {@code storage} with the given geometry; no autograd history. */
    public static Tensor create(Storage storage, int[] shape, int[] strides, int offset) {
        return get().newTensor(storage, shape, strides, offset);
    }

    /** Attaches the node that produced {@code t} and marks it as requiring grad. */
    public static void setGradFn(Tensor t, Node fn) {
        get().gradFnOf(t, fn);
    }

    /** Sets a gradient without the checks of the public setter (the engine owns it). */
    public static void setGrad(Tensor t, Tensor grad) {
        get().gradOf(t, grad);
    }

    /**
     * The gradient, for the library's own readers (optimizers, clipping, the engine). Unlike the
     * public {@code grad()} it does not mark the buffer as held by the program, so it can still be
     * recycled once cleared.
     */
    public static Tensor grad(Tensor t) {
        return get().gradOf(t);
    }

    /**
     * Points {@code t} at {@code values}' storage, strides and offset (same shape), keeping the tensor
     * object, as PyTorch's {@code param.data = ...}: how {@code Module.to(dtype)} converts parameters
     * that programs hold in their fields.
     */
    public static void setData(Tensor t, Tensor values) {
        if (!java.util.Arrays.equals(t.shape(), values.shape())) {
            throw new IllegalArgumentException("setData: shape " + java.util.Arrays.toString(values.shape())
                    + " differs from the tensor's " + java.util.Arrays.toString(t.shape()));
        }
        get().dataOf(t, values);
    }

    protected abstract Storage storageOf(Tensor t);

    protected abstract Tensor newTensor(Storage storage, int[] shape, int[] strides, int offset);

    protected abstract void gradFnOf(Tensor t, Node fn);

    protected abstract void gradOf(Tensor t, Tensor grad);

    protected abstract Tensor gradOf(Tensor t);

    protected abstract void dataOf(Tensor t, Tensor values);
}
