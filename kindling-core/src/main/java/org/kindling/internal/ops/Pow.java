package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.PowKernels;
import org.kindling.internal.shape.Shapes;

/**
 * {@code x^e} for a number {@code e} (gradient {@code e * x^(e-1)}, 0 when e == 0) and for a
 * tensor {@code e} that broadcasts against {@code x} (gradients {@code e * x^(e-1)} and
 * {@code x^e * ln x}). Kernels in {@link PowKernels}, which take PyTorch's fast paths.
 */
public final class Pow {
    private Pow() {}

    public static Tensor apply(Tensor x, double exponent) {
        if (!x.dtype().isFloatingPoint()) x = x.to(DType.FLOAT32);
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), x.shape(), tracked, x, null);
        int n = x.numel(), o = in.storageOffset();
        if (x.dtype() == DType.FLOAT32) PowKernels.scalar(Ops.floats(in), o, exponent, Ops.floats(out), n);
        else PowKernels.scalar(Ops.doubles(in), o, exponent, Ops.doubles(out), n);
        if (tracked) {
            PowBackward0 fn = new PowBackward0(exponent);
            fn.connect(out, true, x);
            fn.x = fn.save(x);
        }
        return out;
    }

    /** {@code x^e} elementwise with broadcasting, like {@code torch.pow(input, exponent)} for two tensors. */
    public static Tensor apply(Tensor x, Tensor exponent) {
        DType type = DType.promote(x.dtype(), exponent.dtype());
        if (!type.isFloatingPoint()) type = DType.FLOAT32;
        if (x.dtype() != type) x = x.to(type);
        if (exponent.dtype() != type) exponent = exponent.to(type);
        int[] shape = Shapes.broadcast("pow", x.shape(), exponent.shape());
        boolean tracked = Ops.tracked(x, exponent);
        Tensor a = x.expand(shape).contiguous(), b = exponent.expand(shape).contiguous();
        Tensor out = Ops.output(type, shape, tracked, x, exponent);
        int n = out.numel();
        if (type == DType.FLOAT32) {
            PowKernels.tensor(Ops.floats(a), a.storageOffset(), Ops.floats(b), b.storageOffset(), Ops.floats(out), n);
        } else {
            PowKernels.tensor(Ops.doubles(a), a.storageOffset(), Ops.doubles(b), b.storageOffset(), Ops.doubles(out), n);
        }
        if (tracked) {
            PowBackward1 fn = new PowBackward1();
            fn.connect(out, true, x, exponent);
            fn.x = fn.save(x);
            fn.e = fn.save(exponent);
            fn.y = fn.save(out);
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

    /** PyTorch's pow_backward_self and pow_backward_exponent, each summed back to its input's shape. */
    static final class PowBackward1 extends Node {
        SavedTensor x, e, y;

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor base = x.get(), exp = e.get();
            Tensor zero = Ops.constant(g.dtype(), 0);
            Tensor dx = null, de = null;
            if (needsGrad(0)) {
                // e == 0 gives 0, not 0 * x^-1 (which is NaN at x == 0)
                Tensor d = Tensor.where(exp.eq(0), zero, exp.mul(Pow.apply(base, exp.sub(1))));
                dx = Ops.sumToShape(g.mul(d), inputShape(0));
            }
            if (needsGrad(1)) {
                // x == 0 with e >= 0 gives 0, not 0 * log(0)
                Tensor d = Tensor.where(base.eq(0).mul(exp.ge(0)).to(DType.BOOL), zero, y.get().mul(base.log()));
                de = Ops.sumToShape(g.mul(d), inputShape(1));
            }
            return new Tensor[] {dx, de};
        }
    }
}
