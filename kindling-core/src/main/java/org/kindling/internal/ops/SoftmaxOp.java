package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.shape.Shapes;

/** softmax and log_softmax along one dim, with the max subtracted for stability. */
public final class SoftmaxOp {
    private SoftmaxOp() {}

    public static Tensor softmax(Tensor x, int dim) {
        return apply(x, dim, false);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return apply(x, dim, true);
    }

    private static Tensor apply(Tensor x, int dim, boolean log) {
        if (!x.dtype().isFloatingPoint()) x = x.to(DType.FLOAT32);
        int[] shape = x.shape();
        int d = Shapes.normalizeDim(log ? "log_softmax" : "softmax", dim, shape.length);
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), shape, tracked, x, null);
        int n = shape.length == 0 ? 1 : shape[d];
        int outer = Shapes.outer(shape, d), inner = shape.length == 0 ? 1 : Shapes.inner(shape, d);
        double[] src = in.dtype() == DType.FLOAT64 ? Ops.doubles(in) : null;
        float[] srcF = src == null ? Ops.floats(in) : null;
        int off = in.storageOffset();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, read(src, srcF, off + base + j * inner));
                double sum = 0;
                for (int j = 0; j < n; j++) sum += Math.exp(read(src, srcF, off + base + j * inner) - max);
                double logSum = Math.log(sum);
                for (int j = 0; j < n; j++) {
                    double z = read(src, srcF, off + base + j * inner) - max;
                    Ops.set(out, base + j * inner, log ? z - logSum : Math.exp(z) / sum);
                }
            }
        }
        if (tracked) {
            SoftmaxBackward fn = new SoftmaxBackward(d, log);
            fn.connect(out, true, x);
            fn.y = fn.save(out);
        }
        return out;
    }

    private static double read(double[] d, float[] f, int i) {
        return d != null ? d[i] : f[i];
    }


    static final class SoftmaxBackward extends Node {
        private final int dim;
        private final boolean log;
        SavedTensor y;

        SoftmaxBackward(int dim, boolean log) {
            this.dim = dim;
            this.log = log;
        }

        @Override
        public String name() {
            return log ? "LogSoftmaxBackward0" : "SoftmaxBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor out = y.get();
            if (out.dim() == 0) return new Tensor[] {g.zerosLike()};
            if (log) { // dx = g - softmax * Σ g
                return new Tensor[] {g.sub(out.exp().mul(g.sum(dim, true)))};
            }
            Tensor gy = g.mul(out); // dx = y * (g - Σ g y)
            return new Tensor[] {gy.sub(out.mul(gy.sum(dim, true)))};
        }
    }
}
