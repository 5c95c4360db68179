package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.internal.shape.Shapes;

/** Random tensors and in-place refills, drawing from a {@link Generator} in PyTorch's order. */
public final class RandomFill {
    private RandomFill() {}

    public static Tensor rand(Generator g, DType dtype, int[] shape) {
        Tensor t = Creation.full(requireFloat("rand", dtype), 0, shape);
        uniformInPlace(t, 0, 1, g);
        return t;
    }

    public static Tensor randn(Generator g, DType dtype, int[] shape) {
        Tensor t = Creation.full(requireFloat("randn", dtype), 0, shape);
        normalInPlace(t, 0, 1, g);
        return t;
    }

    private static DType requireFloat(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": expected a floating point dtype, got " + dtype.pytorchName());
        }
        return dtype;
    }

    public static void uniformInPlace(Tensor t, double from, double to, Generator g) {
        InPlace.checkWritable("uniform_", t);
        fill(t, g, false, from, to);
    }

    public static void normalInPlace(Tensor t, double mean, double std, Generator g) {
        InPlace.checkWritable("normal_", t);
        fill(t, g, true, mean, std);
    }

    /** Draws into a contiguous buffer in row-major order, then writes it through the tensor's strides. */
    private static void fill(Tensor t, Generator g, boolean normal, double a, double b) {
        requireFloat(normal ? "normal_" : "uniform_", t.dtype());
        int n = t.numel();
        Tensor target = t.isContiguous() ? t : Creation.full(t.dtype(), 0, t.shape());
        int o = target.storageOffset();
        if (t.dtype() == DType.FLOAT32) {
            if (normal) g.normal(Ops.floats(target), o, n, a, b);
            else g.uniform(Ops.floats(target), o, n, a, b);
        } else {
            if (normal) g.normal(Ops.doubles(target), o, n, a, b);
            else g.uniform(Ops.doubles(target), o, n, a, b);
        }
        if (target != t) t.copyInPlace(target);
        else Ops.storage(t).bumpVersion();
        assert Shapes.numel(t.shape()) == n;
    }
}
