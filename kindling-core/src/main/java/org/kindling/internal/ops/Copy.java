package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.kernels.Strided;

/** {@code clone()} and dtype conversion, both differentiable. */
public final class Copy {
    private Copy() {}

    public static Tensor clone(Tensor t) {
        boolean tracked = Ops.tracked(t);
        Tensor out = Ops.output(t.dtype(), t.shape(), tracked, t, null);
        Strided.copy(Ops.array(t), t.storageOffset(), t.shape(), t.strides(), Ops.array(out), 0);
        if (tracked) new CloneBackward0().connect(out, true, t);
        return out;
    }

    /** Converts values to {@code dtype}: floats to int64 truncate toward zero, anything nonzero to bool is 1. */
    public static Tensor convert(Tensor t, DType dtype) {
        boolean tracked = Ops.tracked(t) && dtype.isFloatingPoint();
        Tensor src = Ops.contiguousData(t);
        Tensor out = Ops.output(dtype, t.shape(), tracked, t, null);
        int n = t.numel(), o = src.storageOffset();
        Object from = Ops.array(src), to = Ops.array(out);
        for (int i = 0; i < n; i++) {
            double v = switch (from) {
                case float[] f -> f[o + i];
                case double[] d -> d[o + i];
                case long[] l -> l[o + i];
                default -> throw new IllegalStateException();
            };
            switch (dtype) {
                case FLOAT32 -> ((float[]) to)[i] = (float) v;
                case BOOL -> ((float[]) to)[i] = v != 0 ? 1f : 0f;
                case FLOAT64 -> ((double[]) to)[i] = v;
                case INT64 -> ((long[]) to)[i] = from instanceof long[] l ? l[o + i] : (long) v;
            }
        }
        if (tracked) new ToCopyBackward0(t.dtype()).connect(out, true, t);
        return out;
    }

    static final class CloneBackward0 extends Node {
        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {g};
        }
    }

    static final class ToCopyBackward0 extends Node {
        private final DType original;

        ToCopyBackward0(DType original) {
            this.original = original;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {needsGrad(0) ? g.to(original) : null};
        }
    }
}
