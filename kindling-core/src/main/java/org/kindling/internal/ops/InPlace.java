package org.kindling.internal.ops;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.kernels.Strided;
import org.kindling.internal.shape.Shapes;

import java.util.Arrays;

/**
 * In-place updates ({@code add_}, {@code mul_}, {@code fill_}, {@code copy_}). They are not
 * recorded in the graph, so they are refused on tensors that require grad while recording is on
 * (as PyTorch refuses them on leaves); every write bumps the storage version so backward can
 * detect values it saved being overwritten.
 */
public final class InPlace {
    private InPlace() {}

    static void checkWritable(String op, Tensor t) {
        if (t.requiresGrad() && Autograd.isGradEnabled()) {
            throw new IllegalStateException(op + ": a " + (t.isLeaf() ? "leaf " : "") + "tensor that requires grad is being "
                    + "used in an in-place operation; wrap the update in Autograd.noGrad() (as optimizers do)"
                    + (t.isLeaf() ? "" : ", or use the out-of-place op"));
        }
    }

    public static void add(Tensor t, Tensor other, double alpha) {
        checkWritable("add_", t);
        if (fastContiguous(t, other)) {
            addContiguous(t, other, alpha);
        } else {
            Tensor result;
            try (var g = Autograd.noGrad()) {
                result = t.add(alpha == 1 ? other : other.mul(alpha));
            }
            write(t, result, "add_");
        }
        Ops.storage(t).bumpVersion();
    }

    /** {@code t += value} ({@code add_} with a number); the number takes t's dtype. */
    public static void add(Tensor t, double value) {
        checkWritable("add_", t);
        if (t.isContiguous() && t.dtype() == DType.FLOAT32) {
            float[] a = Ops.floats(t);
            float v = (float) value;
            for (int i = t.storageOffset(), end = i + t.numel(); i < end; i++) a[i] += v;
        } else {
            Tensor result;
            try (var g = Autograd.noGrad()) {
                result = t.add(value);
            }
            write(t, result, "add_");
        }
        Ops.storage(t).bumpVersion();
    }

    /** {@code t /= value}; refused on integer tensors, whose quotient PyTorch cannot store back either. */
    public static void div(Tensor t, double value) {
        checkWritable("div_", t);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("div_: result type Float can't be cast to the desired output type "
                    + t.dtype().pytorchName());
        }
        Tensor result;
        try (var g = Autograd.noGrad()) {
            result = t.div(value);
        }
        write(t, result, "div_");
        Ops.storage(t).bumpVersion();
    }

    public static void mul(Tensor t, double value) {
        checkWritable("mul_", t);
        if (t.isContiguous() && t.dtype() == DType.FLOAT32) {
            float[] a = Ops.floats(t);
            float v = (float) value;
            for (int i = t.storageOffset(), end = i + t.numel(); i < end; i++) a[i] *= v;
        } else {
            Tensor result;
            try (var g = Autograd.noGrad()) {
                result = t.mul(value);
            }
            write(t, result, "mul_");
        }
        Ops.storage(t).bumpVersion();
    }

    public static void mul(Tensor t, Tensor other) {
        checkWritable("mul_", t);
        Tensor result;
        try (var g = Autograd.noGrad()) {
            result = t.mul(other);
        }
        write(t, result, "mul_");
        Ops.storage(t).bumpVersion();
    }

    public static void fill(Tensor t, double value) {
        checkWritable("fill_", t);
        Tensor v = Ops.constant(t.dtype(), value);
        Strided.copyInto(Ops.array(v), 0, t.shape(), new int[t.dim()], Ops.array(t), t.storageOffset(), t.strides());
        Ops.storage(t).bumpVersion();
    }

    public static void copy(Tensor t, Tensor source) {
        checkWritable("copy_", t);
        Tensor src = source.dtype() == t.dtype() ? source : source.to(t.dtype());
        int[] shape = t.shape();
        Shapes.broadcast("copy_", shape, src.shape()); // fails with both shapes when incompatible
        if (src.dim() > shape.length) src = src.reshape(shape);
        Strided.copyInto(Ops.array(src), src.storageOffset(), shape, Shapes.broadcastStrides(src.shape(), src.strides(), shape),
                Ops.array(t), t.storageOffset(), t.strides());
        Ops.storage(t).bumpVersion();
    }

    /** Writes {@code result} (same numel, broadcast already applied) into {@code t}'s layout. */
    private static void write(Tensor t, Tensor result, String op) {
        if (!Arrays.equals(result.shape(), t.shape())) {
            throw new IllegalArgumentException(op + ": output with shape " + Shapes.format(t.shape())
                    + " doesn't match the broadcast shape " + Shapes.format(result.shape()));
        }
        if (result.dtype() != t.dtype()) result = result.to(t.dtype());
        Strided.copyInto(Ops.array(result), result.storageOffset(), result.shape(), result.strides(),
                Ops.array(t), t.storageOffset(), t.strides());
    }

    private static boolean fastContiguous(Tensor t, Tensor other) {
        return t.isContiguous() && other.isContiguous() && t.dtype() == other.dtype()
                && t.dtype().isFloatingPoint() && Arrays.equals(t.shape(), other.shape());
    }

    /** {@code t += alpha * other} for contiguous same-shape float tensors. */
    static void addContiguous(Tensor t, Tensor other, double alpha) {
        int n = t.numel(), to = t.storageOffset(), oo = other.storageOffset();
        if (t.dtype() == DType.FLOAT32) {
            float[] a = Ops.floats(t), b = Ops.floats(other);
            float al = (float) alpha;
            if (al == 1f) for (int i = 0; i < n; i++) a[to + i] += b[oo + i];
            else for (int i = 0; i < n; i++) a[to + i] = Math.fma(al, b[oo + i], a[to + i]);
        } else {
            double[] a = Ops.doubles(t), b = Ops.doubles(other);
            for (int i = 0; i < n; i++) a[to + i] += alpha * b[oo + i];
        }
    }
}
