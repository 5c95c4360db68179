package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.kernels.Strided;
import org.kindling.internal.shape.Shapes;
import org.kindling.internal.storage.BufferPool;
import org.kindling.internal.storage.Storage;

import java.util.Arrays;

/** Gradient accumulation for the backward engine (no graph, no grad-mode checks). */
public final class Accumulate {
    private Accumulate() {}

    /** {@code target += g}; same shape. */
    public static void addInto(Tensor target, Tensor g) {
        if (g.dtype() != target.dtype()) g = g.to(target.dtype());
        if (target.isContiguous() && g.isContiguous() && Arrays.equals(target.shape(), g.shape())) {
            InPlace.addContiguous(target, g, 1);
        } else {
            Tensor sum = target.add(g); // recording is off during backward
            Strided.copyInto(Ops.array(sum), 0, sum.shape(), sum.strides(),
                    Ops.array(target), target.storageOffset(), target.strides());
        }
        Ops.storage(target).bumpVersion();
    }

    /** A contiguous copy of {@code g} in {@code dtype}, in a buffer that outlives the backward pass. */
    public static Tensor copyForGrad(Tensor g, DType dtype) {
        Tensor src = g.dtype() == dtype ? g : g.to(dtype);
        int[] shape = src.shape();
        Storage s = BufferPool.acquire(dtype, Shapes.numel(shape));
        s.setEngineGrad(true);
        Strided.copy(Ops.array(src), src.storageOffset(), shape, src.strides(), arrayOf(s), 0);
        return TensorAccess.create(s, shape, Shapes.contiguousStrides(shape), 0);
    }

    private static Object arrayOf(Storage s) {
        return switch (s.dtype()) {
            case FLOAT32, BOOL -> s.floats();
            case FLOAT64 -> s.doubles();
            case INT64 -> s.longs();
        };
    }
}
