package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Strided;
import org.kindling.internal.shape.Shapes;

/**
 * {@code masked_fill}: {@code value} where the bool mask is true, the input elsewhere. The mask
 * broadcasts; out of place the result takes the broadcast shape, in place the mask must broadcast
 * to the tensor's own shape. The gradient passes where the mask is false.
 */
public final class MaskedFill {
    private MaskedFill() {}

    public static Tensor apply(Tensor x, Tensor mask, double value) {
        checkMask("masked_fill", mask);
        int[] shape = Shapes.broadcast("masked_fill", x.shape(), mask.shape());
        boolean tracked = Ops.tracked(x);
        Tensor out = Ops.output(x.dtype(), shape, tracked, x, null);
        Strided.copy(Ops.array(x), x.storageOffset(), shape, Shapes.broadcastStrides(x.shape(), x.strides(), shape),
                Ops.array(out), 0);
        fill(out, mask, value);
        if (tracked) {
            MaskedFillBackward0 fn = new MaskedFillBackward0();
            fn.connect(out, true, x);
            fn.mask = fn.save(mask);
        }
        return out;
    }

    /** {@code masked_fill_}: writes {@code value} into {@code t} where the mask is true. */
    public static void applyInPlace(Tensor t, Tensor mask, double value) {
        checkMask("masked_fill_", mask);
        InPlace.checkWritable("masked_fill_", t);
        int[] shape = Shapes.broadcast("masked_fill_", t.shape(), mask.shape());
        if (!java.util.Arrays.equals(shape, t.shape())) {
            throw new IllegalArgumentException("masked_fill_: the mask of shape " + Shapes.format(mask.shape())
                    + " does not broadcast to the tensor's shape " + Shapes.format(t.shape()));
        }
        if (t.isContiguous()) {
            fill(t, mask, value);
        } else { // fill a contiguous copy, then write it back through t's strides
            Tensor work = Ops.contiguousData(t);
            fill(work, mask, value);
            Strided.copyInto(Ops.array(work), work.storageOffset(), t.shape(), work.strides(), Ops.array(t), t.storageOffset(),
                    t.strides());
        }
        Ops.storage(t).bumpVersion();
    }

    private static void checkMask(String op, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": expected mask to be a bool tensor, got " + mask.dtype().pytorchName());
        }
    }

    /** Sets contiguous {@code out} (at its storage offset) to {@code value} where the broadcast mask is true. */
    private static void fill(Tensor out, Tensor mask, double value) {
        float[] m = mask.expand(out.shape()).contiguous().toFloatArray();
        int o = out.storageOffset();
        switch (out.dtype()) {
            case FLOAT32, BOOL -> {
                float[] a = Ops.floats(out);
                float v = out.dtype() == DType.BOOL ? (value != 0 ? 1f : 0f) : (float) value;
                for (int i = 0; i < m.length; i++) if (m[i] != 0) a[o + i] = v;
            }
            case FLOAT64 -> {
                double[] a = Ops.doubles(out);
                for (int i = 0; i < m.length; i++) if (m[i] != 0) a[o + i] = value;
            }
            case INT64 -> {
                long[] a = Ops.longs(out);
                for (int i = 0; i < m.length; i++) if (m[i] != 0) a[o + i] = (long) value;
            }
        }
    }

    static final class MaskedFillBackward0 extends Node {
        SavedTensor mask;

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor dx = Tensor.where(mask.get(), Ops.constant(g.dtype(), 0), g);
            return new Tensor[] {Ops.sumToShape(dx, inputShape(0))};
        }
    }
}
