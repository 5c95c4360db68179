package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Unary;
import org.kindling.internal.kernels.UnaryOp;

/** Elementwise math ops (exp, log, relu, sigmoid, tanh, ...) with fused backward kernels. */
public final class Pointwise {
    private Pointwise() {}

    public static Tensor apply(UnaryOp kind, Tensor x) {
        return apply(kind, 0, x);
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        return apply(UnaryOp.LEAKY_RELU, slope, x);
    }

    /** {@code x} where positive, else {@code alpha * (e^x - 1)}. */
    public static Tensor elu(Tensor x, double alpha) {
        return apply(UnaryOp.ELU, alpha, x);
    }

    /** {@code log(1 + e^(beta x)) / beta}, and {@code x} itself where {@code beta x > threshold}. */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return apply(UnaryOp.SOFTPLUS, beta, threshold, x);
    }

    private static Tensor apply(UnaryOp kind, double param, Tensor x) {
        return apply(kind, param, 0, x);
    }

    private static Tensor apply(UnaryOp kind, double param, double param2, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            if (x.dtype() == DType.INT64 && (kind == UnaryOp.NEG || kind == UnaryOp.ABS || kind == UnaryOp.SIGN)) return integer(kind, x);
            x = x.to(DType.FLOAT32); // exp, log, ... of integers compute in the default float type
        }
        boolean tracked = Ops.tracked(x) && kind != UnaryOp.SIGN;
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), x.shape(), tracked, x, null);
        int n = x.numel();
        if (x.dtype() == DType.FLOAT32) {
            Unary.forward(kind, param, param2, Ops.floats(in), in.storageOffset(), Ops.floats(out), 0, n);
        } else {
            Unary.forward(kind, param, param2, Ops.doubles(in), in.storageOffset(), Ops.doubles(out), 0, n);
        }
        if (tracked) {
            UnaryBackward fn = new UnaryBackward(kind, param, param2);
            fn.connect(out, true, x);
            fn.saved = fn.save(kind.backwardUsesOutput ? out : x);
        }
        return out;
    }

    private static Tensor integer(UnaryOp kind, Tensor x) {
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

    static final class UnaryBackward extends Node {
        private final UnaryOp kind;
        private final double param, param2;
        SavedTensor saved;

        UnaryBackward(UnaryOp kind, double param, double param2) {
            this.kind = kind;
            this.param = param;
            this.param2 = param2;
        }

        /** PyTorch's grad_fn name: LEAKY_RELU becomes LeakyReluBackward0; both GELUs are GeluBackward0. */
        @Override
        public String name() {
            if (kind == UnaryOp.GELU_TANH) return "GeluBackward0";
            if (kind == UnaryOp.LOG1P) return "Log1PBackward0";
            StringBuilder name = new StringBuilder();
            for (String word : kind.name().split("_")) name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            return name.append("Backward0").toString();
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            if (kind == UnaryOp.RELU && nextFunction(0) instanceof LinearOp.LinearBackward linear && linear.foldsReluMask(g)) {
                // relu(linear(x)) written in a program's own forward: the linear backward applies the mask in its kernel.
                linear.deferReluMask(saved.get());
                return new Tensor[] {g};
            }
            Tensor s = Ops.contiguousData(saved.get());
            Tensor gc = Ops.contiguousData(g);
            // Elementwise: each dx[i] depends on g[i] only, so an exclusive g can take the result.
            Tensor dx = gradientIsExclusive() ? g : Ops.output(g.dtype(), g.shape(), false, gc, s);
            int n = g.numel();
            if (g.dtype() == DType.FLOAT32) {
                Unary.backward(kind, param, param2, Ops.floats(gc), gc.storageOffset(), Ops.floats(s), s.storageOffset(),
                        Ops.floats(dx), 0, n);
            } else {
                Unary.backward(kind, param, param2, Ops.doubles(gc), gc.storageOffset(), Ops.doubles(s), s.storageOffset(),
                        Ops.doubles(dx), 0, n);
            }
            return new Tensor[] {dx};
        }
    }
}
