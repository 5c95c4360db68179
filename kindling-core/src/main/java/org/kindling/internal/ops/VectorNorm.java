package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;

/**
 * {@code torch.linalg.vector_norm}: {@code (Σ |x|^p)^(1/p)} over some dims, with p = ∞ the
 * largest |x|. Accumulated in double in index order.
 */
public final class VectorNorm {
    private VectorNorm() {}

    public static Tensor apply(Tensor x, double ord, int[] dims, boolean keepDim) {
        Ops.requireFloat("linalg.vector_norm", x);
        if (!(ord > 0)) {
            throw new IllegalArgumentException("linalg.vector_norm: only ord > 0 (including inf) is supported here, got " + ord);
        }
        ReducedRows rows = ReducedRows.of("linalg.vector_norm", x, dims, keepDim);
        double[] out = new double[rows.rows];
        for (int r = 0; r < rows.rows; r++) {
            double acc = 0;
            for (int j = 0; j < rows.n; j++) {
                double a = Math.abs(rows.values[r * rows.n + j]);
                if (ord == Double.POSITIVE_INFINITY) acc = Math.max(acc, a);
                else if (ord == 1) acc += a;
                else if (ord == 2) acc += a * a;
                else acc += Math.pow(a, ord);
            }
            out[r] = ord == Double.POSITIVE_INFINITY || ord == 1 ? acc : ord == 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / ord);
        }
        boolean tracked = Ops.tracked(x);
        Tensor result = rows.output(x, out, tracked);
        if (tracked) {
            LinalgVectorNormBackward0 fn = new LinalgVectorNormBackward0(ord, rows.keepShape);
            fn.connect(result, true, x);
            fn.x = fn.save(x);
            fn.y = fn.save(result);
        }
        return result;
    }

    /**
     * PyTorch's norm_backward: p = 1 gives {@code g·sign(x)}; p = ∞ shares g evenly among the
     * elements whose |x| equals the norm; otherwise {@code g·x|x|^(p-2) / norm^(p-1)}, 0 where the norm is 0.
     */
    static final class LinalgVectorNormBackward0 extends Node {
        private final double ord;
        private final int[] keepShape;
        SavedTensor x, y;

        LinalgVectorNormBackward0(double ord, int[] keepShape) {
            this.ord = ord;
            this.keepShape = keepShape;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor in = x.get(), norm = y.get().reshape(keepShape), gk = g.reshape(keepShape);
            Tensor zero = Ops.constant(g.dtype(), 0);
            Tensor dx;
            if (ord == 1) {
                dx = in.sign().mul(gk);
            } else if (ord == Double.POSITIVE_INFINITY) {
                Tensor hit = in.abs().eq(norm).to(in.dtype());
                Tensor count = hit.sum(ReducedRows.reducedDims(keepShape, in.shape()), true);
                dx = in.sign().mul(hit).mul(gk.div(count));
            } else {
                Tensor scale = Tensor.where(norm.eq(0), zero, gk.div(ord == 2 ? norm : norm.pow(ord - 1)));
                Tensor direction = ord == 2 ? in : in.mul(in.abs().pow(ord - 2));
                dx = direction.mul(scale);
            }
            if (dx.dtype() != DType.FLOAT64 && in.dtype() == DType.FLOAT64) dx = dx.toDouble();
            return new Tensor[] {dx};
        }
    }
}
