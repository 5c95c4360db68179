package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Strided;
import org.kindling.internal.shape.Shapes;

/** {@code where(condition, a, b)} with broadcasting; the gradient follows the branch taken. */
public final class Where {
    private Where() {}

    public static Tensor apply(Tensor condition, Tensor a, Tensor b) {
        if (condition.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: expected condition to be a bool tensor, got "
                    + condition.dtype().pytorchName());
        }
        DType type = a.dim() == 0 && b.dim() > 0 ? b.dtype() : b.dim() == 0 && a.dim() > 0 ? a.dtype() : DType.promote(a.dtype(), b.dtype());
        if (a.dtype() != type) a = a.to(type);
        if (b.dtype() != type) b = b.to(type);
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", condition.shape(), a.shape()), b.shape());
        boolean tracked = Ops.tracked(a, b);
        float[] c = condition.expand(shape).contiguous().toFloatArray();
        Tensor x = expanded(a, shape), y = expanded(b, shape);
        Tensor out = Ops.output(type, shape, tracked, a, b);
        switch (type) {
            case FLOAT32, BOOL -> {
                float[] xs = Ops.floats(x), ys = Ops.floats(y), os = Ops.floats(out);
                for (int i = 0; i < c.length; i++) os[i] = c[i] != 0 ? xs[i] : ys[i];
            }
            case FLOAT64 -> {
                double[] xs = Ops.doubles(x), ys = Ops.doubles(y), os = Ops.doubles(out);
                for (int i = 0; i < c.length; i++) os[i] = c[i] != 0 ? xs[i] : ys[i];
            }
            case INT64 -> {
                long[] xs = Ops.longs(x), ys = Ops.longs(y), os = Ops.longs(out);
                for (int i = 0; i < c.length; i++) os[i] = c[i] != 0 ? xs[i] : ys[i];
            }
        }
        if (tracked) {
            WhereBackward0 fn = new WhereBackward0();
            fn.connect(out, true, a, b);
            fn.condition = fn.save(condition);
        }
        return out;
    }

    /** A contiguous copy of {@code t} broadcast to {@code shape}. */
    private static Tensor expanded(Tensor t, int[] shape) {
        Tensor out = Ops.output(t.dtype(), shape, false, null, null);
        Strided.copy(Ops.array(t), t.storageOffset(), shape, Shapes.broadcastStrides(t.shape(), t.strides(), shape),
                Ops.array(out), 0);
        return out;
    }

    static final class WhereBackward0 extends Node {
        SavedTensor condition;

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor c = condition.get();
            Tensor zero = Ops.constant(g.dtype(), 0);
            return new Tensor[] {
                needsGrad(0) ? Ops.sumToShape(apply(c, g, zero), inputShape(0)) : null,
                needsGrad(1) ? Ops.sumToShape(apply(c, zero, g), inputShape(1)) : null
            };
        }
    }
}
