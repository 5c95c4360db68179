package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;

/** Clamping to {@code [min, max]} (NaN bound = unbounded); gradient passes where min <= x <= max. */
public final class Clamp {
    private Clamp() {}

    public static Tensor apply(Tensor x, double min, double max) {
        if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
            // PyTorch allows it and returns max everywhere; say so instead of surprising silently
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), x.shape(), tracked, x, null);
        int n = x.numel(), o = in.storageOffset();
        switch (x.dtype()) {
            case FLOAT32, BOOL -> {
                float[] a = Ops.floats(in), y = Ops.floats(out);
                float lo = Double.isNaN(min) ? Float.NEGATIVE_INFINITY : (float) min;
                float hi = Double.isNaN(max) ? Float.POSITIVE_INFINITY : (float) max;
                for (int i = 0; i < n; i++) y[i] = a[o + i] != a[o + i] ? a[o + i] : Math.min(Math.max(a[o + i], lo), hi);
            }
            case FLOAT64 -> {
                double[] a = Ops.doubles(in), y = Ops.doubles(out);
                double lo = Double.isNaN(min) ? Double.NEGATIVE_INFINITY : min;
                double hi = Double.isNaN(max) ? Double.POSITIVE_INFINITY : max;
                for (int i = 0; i < n; i++) y[i] = Double.isNaN(a[o + i]) ? a[o + i] : Math.min(Math.max(a[o + i], lo), hi);
            }
            case INT64 -> {
                long[] a = Ops.longs(in), y = Ops.longs(out);
                long lo = Double.isNaN(min) ? Long.MIN_VALUE : (long) Math.ceil(min);
                long hi = Double.isNaN(max) ? Long.MAX_VALUE : (long) Math.floor(max);
                for (int i = 0; i < n; i++) y[i] = Math.min(Math.max(a[o + i], lo), hi);
            }
        }
        if (tracked) {
            ClampBackward1 fn = new ClampBackward1(min, max);
            fn.connect(out, true, x);
            fn.x = fn.save(x);
        }
        return out;
    }

    static final class ClampBackward1 extends Node {
        private final double min, max;
        SavedTensor x;

        ClampBackward1(double min, double max) {
            this.min = min;
            this.max = max;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor in = x.get();
            Tensor mask = Ops.constant(DType.BOOL, 1);
            if (!Double.isNaN(min)) mask = in.ge(min);
            if (!Double.isNaN(max)) mask = Double.isNaN(min) ? in.le(max) : mask.mul(in.le(max)).to(DType.BOOL);
            return new Tensor[] {Tensor.where(mask, g, Ops.constant(g.dtype(), 0))};
        }
    }
}
