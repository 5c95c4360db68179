package org.kindling.internal.ops;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.kernels.Strided;
import org.kindling.internal.shape.Shapes;
import org.kindling.internal.storage.Buffers;
import org.kindling.internal.storage.Storage;

/** Small helpers every op uses: whether to record a graph, output allocation, raw data access, checks. */
public final class Ops {
    private Ops() {}

    /** True when the result of an op on these inputs joins a graph. */
    public static boolean tracked(Tensor a) {
        return a.requiresGrad() && Autograd.isGradEnabled();
    }

    public static boolean tracked(Tensor a, Tensor b) {
        return (a.requiresGrad() || (b != null && b.requiresGrad())) && Autograd.isGradEnabled();
    }

    public static boolean tracked(Tensor a, Tensor b, Tensor c) {
        return (a.requiresGrad() || (b != null && b.requiresGrad()) || (c != null && c.requiresGrad()))
                && Autograd.isGradEnabled();
    }

    /** A contiguous output tensor; contents are arbitrary (kernels overwrite every element). */
    public static Tensor output(DType dtype, int[] shape, boolean tracked, Tensor in1, Tensor in2) {
        Storage s = Buffers.output(dtype, Shapes.numel(shape), tracked, storageOrNull(in1), storageOrNull(in2));
        return TensorAccess.create(s, shape, Shapes.contiguousStrides(shape), 0);
    }

    /** A zero-filled contiguous output. */
    public static Tensor zeroedOutput(DType dtype, int[] shape, boolean tracked, Tensor in1, Tensor in2) {
        Storage s = Buffers.zeroedOutput(dtype, Shapes.numel(shape), tracked, storageOrNull(in1), storageOrNull(in2));
        return TensorAccess.create(s, shape, Shapes.contiguousStrides(shape), 0);
    }

    private static Storage storageOrNull(Tensor t) {
        return t == null ? null : TensorAccess.storage(t);
    }

    /** A view over {@code t}'s storage (no graph). */
    public static Tensor alias(Tensor t, int[] shape, int[] strides, int offset) {
        return TensorAccess.create(TensorAccess.storage(t), shape, strides, offset);
    }

    /** {@code t} itself when contiguous, else a contiguous untracked copy of its values (for kernels to read). */
    public static Tensor contiguousData(Tensor t) {
        if (t.isContiguous()) return t;
        Tensor copy = output(t.dtype(), t.shape(), false, null, null);
        Strided.copy(array(t), t.storageOffset(), t.shape(), t.strides(), array(copy), 0);
        return copy;
    }

    /** The storage array (float[] for float32/bool, double[], long[]). */
    public static Object array(Tensor t) {
        Storage s = TensorAccess.storage(t);
        return switch (s.dtype()) {
            case FLOAT32, BOOL -> s.floats();
            case FLOAT64 -> s.doubles();
            case INT64 -> s.longs();
        };
    }

    public static float[] floats(Tensor t) {
        return TensorAccess.storage(t).floats();
    }

    public static double[] doubles(Tensor t) {
        return TensorAccess.storage(t).doubles();
    }

    public static long[] longs(Tensor t) {
        return TensorAccess.storage(t).longs();
    }

    public static Storage storage(Tensor t) {
        return TensorAccess.storage(t);
    }

    /** Fails unless {@code t} is float32 or float64. */
    public static void requireFloat(String op, Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": expected a float32 or float64 tensor, got "
                    + t.dtype().pytorchName());
        }
    }


    /** Fails unless {@code t} is int64 (class indices, gather/index_select indices). */
    public static void requireLong(String op, String what, Tensor t) {
        if (t.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": expected " + what + " to be an int64 tensor, got "
                    + t.dtype().pytorchName());
        }
    }

    /** Stores {@code v} at storage index {@code i} of a float32 or float64 tensor (rounded for float32). */
    public static void set(Tensor t, int i, double v) {
        if (t.dtype() == DType.FLOAT64) doubles(t)[i] = v;
        else floats(t)[i] = (float) v;
    }

    /** A 0-dim tensor holding a Python-style scalar in {@code dtype}. */
    public static Tensor constant(DType dtype, double value) {
        Tensor t = output(dtype, Shapes.SCALAR, false, null, null);
        switch (dtype) {
            case FLOAT32, BOOL -> floats(t)[0] = (float) value;
            case FLOAT64 -> doubles(t)[0] = value;
            case INT64 -> longs(t)[0] = (long) value;
        }
        return t;
    }

    /**
     * Sums {@code grad} down to {@code shape}, undoing broadcasting: leading dims that were added
     * and dims stretched from size 1.
     */
    public static Tensor sumToShape(Tensor grad, int[] shape) {
        int[] g = grad.shape();
        if (java.util.Arrays.equals(g, shape)) return grad;
        int lead = g.length - shape.length;
        int[] dims = new int[g.length];
        int count = 0;
        for (int i = 0; i < g.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && g[i] != 1)) dims[count++] = i;
        }
        Tensor summed = count == 0 ? grad : grad.sum(java.util.Arrays.copyOf(dims, count), true);
        return summed.reshape(shape);
    }
}
