package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;

/** {@code x^e} for a number {@code e}; gradient {@code e * x^(e-1)} (0 when e == 0). */
public final class Pow {
    private Pow() {}

    public static Tensor apply(Tensor x, double exponent) {
        if (!x.dtype().isFloatingPoint()) x = x.to(DType.FLOAT32);
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), x.shape(), tracked, x, null);
        int n = x.numel(), o = in.storageOffset();
        if (x.dtype() == DType.FLOAT32) {
            float[] a = Ops.floats(in), y = Ops.floats(out);
            if (exponent == 2) for (int i = 0; i < n; i++) y[i] = a[o + i] * a[o + i]; // exact, as PyTorch's square path
            else for (int i = 0; i < n; i++) y[i] = (float) Math.pow(a[o + i], exponent);
        } else {
            double[] a = Ops.doubles(in), y = Ops.doubles(out);
            for (int i = 0; i < n; i++) y[i] = Math.pow(a[o + i], exponent);
        }
        if (tracked) {
            PowBackward0 fn = new PowBackward0(exponent);
            fn.connect(out, true, x);
            fn.x = fn.save(x);
        }
        return out;
    }

    static final class PowBackward0 extends Node {
        private final double exponent;
        SavedTensor x;

        PowBackward0(double exponent) {
            this.exponent = exponent;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            if (exponent == 0) return new Tensor[] {g.zerosLike()};
            Tensor base = x.get();
            Tensor d = exponent == 2 ? base.mul(2) : base.pow(exponent - 1).mul(exponent);
            return new Tensor[] {g.mul(d)};
        }
    }
}
