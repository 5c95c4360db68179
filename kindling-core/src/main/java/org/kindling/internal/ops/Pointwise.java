package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Function;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Unary;

/** Elementwise math ops (exp, log, relu, sigmoid, tanh, ...) with fused backward kernels. */
public final class Pointwise {
    private Pointwise() {}

    /** The ops, with PyTorch's grad_fn names. */
    public enum Kind {
        NEG(Unary.NEG, "NegBackward0"),
        EXP(Unary.EXP, "ExpBackward0"),
        LOG(Unary.LOG, "LogBackward0"),
        SQRT(Unary.SQRT, "SqrtBackward0"),
        ABS(Unary.ABS, "AbsBackward0"),
        SIGN(Unary.SIGN, "SignBackward0"),
        RELU(Unary.RELU, "ReluBackward0"),
        SIGMOID(Unary.SIGMOID, "SigmoidBackward0"),
        TANH(Unary.TANH, "TanhBackward0"),
        GELU(Unary.GELU, "GeluBackward0"),
        LEAKY_RELU(Unary.LEAKY_RELU, "LeakyReluBackward0"),
        SIN(Unary.SIN, "SinBackward0"),
        COS(Unary.COS, "CosBackward0");

        final int code;
        final String gradFnName;

        Kind(int code, String gradFnName) {
            this.code = code;
            this.gradFnName = gradFnName;
        }
    }

    public static Tensor apply(Kind kind, Tensor x) {
        return apply(kind, 0, x);
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        return apply(Kind.LEAKY_RELU, slope, x);
    }

    private static Tensor apply(Kind kind, double param, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            if (x.dtype() == DType.INT64 && (kind == Kind.NEG || kind == Kind.ABS || kind == Kind.SIGN)) return integer(kind, x);
            x = x.to(DType.FLOAT32); // exp, log, ... of integers compute in the default float type
        }
        boolean tracked = Ops.tracked(x) && kind != Kind.SIGN;
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), x.shape(), tracked, x, null);
        int n = x.numel();
        if (x.dtype() == DType.FLOAT32) {
            Unary.forward(kind.code, param, Ops.floats(in), in.storageOffset(), Ops.floats(out), 0, n);
        } else {
            Unary.forward(kind.code, param, Ops.doubles(in), in.storageOffset(), Ops.doubles(out), 0, n);
        }
        if (tracked) {
            UnaryBackward fn = new UnaryBackward(kind, param);
            fn.connect(out, true, x);
            fn.saved = fn.save(Unary.backwardUsesOutput(kind.code) ? out : x);
        }
        return out;
    }

    private static Tensor integer(Kind kind, Tensor x) {
        long[] v = x.toLongArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (kind) {
                case NEG -> -v[i];
                case ABS -> Math.abs(v[i]);
                default -> Long.signum(v[i]);
            };
        }
        return Creation.fromLongs(v, x.shape());
    }

    static final class UnaryBackward extends Function {
        private final Kind kind;
        private final double param;
        SavedTensor saved;

        UnaryBackward(Kind kind, double param) {
            this.kind = kind;
            this.param = param;
        }

        @Override
        public String name() {
            return kind.gradFnName;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor s = Ops.contiguousData(saved.get());
            Tensor gc = Ops.contiguousData(g);
            // Elementwise: each dx[i] depends on g[i] only, so an exclusive g can take the result.
            Tensor dx = gradientIsExclusive() ? g : Ops.output(g.dtype(), g.shape(), false, gc, s);
            int n = g.numel();
            if (g.dtype() == DType.FLOAT32) {
                Unary.backward(kind.code, param, Ops.floats(gc), gc.storageOffset(), Ops.floats(s), s.storageOffset(),
                        Ops.floats(dx), 0, n);
            } else {
                Unary.backward(kind.code, param, Ops.doubles(gc), gc.storageOffset(), Ops.doubles(s), s.storageOffset(),
                        Ops.doubles(dx), 0, n);
            }
            return new Tensor[] {dx};
        }
    }
}
