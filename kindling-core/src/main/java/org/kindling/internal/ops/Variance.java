package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;

/**
 * var and std over some dims (or all) with a {@code correction} (1: unbiased, divide by n-1; 0:
 * biased). Two passes in double: the mean, then the squared deviations from it.
 */
public final class Variance {
    private Variance() {}

    public static Tensor var(Tensor x, int[] dims, double correction, boolean keepDim) {
        return apply(x, dims, correction, keepDim, false);
    }

    public static Tensor std(Tensor x, int[] dims, double correction, boolean keepDim) {
        return apply(x, dims, correction, keepDim, true);
    }

    private static Tensor apply(Tensor x, int[] dims, double correction, boolean keepDim, boolean std) {
        String op = std ? "std" : "var";
        Ops.requireFloat(op, x);
        ReducedRows rows = ReducedRows.of(op, x, dims, keepDim);
        double[] mean = rows.means(), out = new double[rows.rows];
        double divisor = Math.max(0, rows.n - correction);
        for (int r = 0; r < rows.rows; r++) {
            double s = 0;
            for (int j = 0; j < rows.n; j++) {
                double d = rows.values[r * rows.n + j] - mean[r];
                s += d * d;
            }
            out[r] = std ? Math.sqrt(s / divisor) : s / divisor;
        }
        boolean tracked = Ops.tracked(x);
        Tensor result = rows.output(x, out, tracked);
        if (tracked) {
            VarianceBackward fn = new VarianceBackward(std, divisor, rows.keepShape);
            fn.connect(result, true, x);
            fn.x = fn.save(x);
            if (std) fn.y = fn.save(result);
        }
        return result;
    }

    /** VarBackward0: {@code g·2(x - mean)/(n - c)}; StdBackward0: that of var times {@code 1/(2·std)}, 0 where std is 0. */
    static final class VarianceBackward extends Node {
        private final boolean std;
        private final double divisor;
        private final int[] keepShape;
        SavedTensor x, y;

        VarianceBackward(boolean std, double divisor, int[] keepShape) {
            this.std = std;
            this.divisor = divisor;
            this.keepShape = keepShape;
        }

        @Override
        public String name() {
            return std ? "StdBackward0" : "VarBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor in = x.get();
            int[] dims = ReducedRows.reducedDims(keepShape, in.shape());
            Tensor centered = in.sub(in.mean(dims, true));
            Tensor gk = g.reshape(keepShape);
            if (std) {
                Tensor s = y.get().reshape(keepShape);
                gk = Tensor.where(s.eq(0), Ops.constant(g.dtype(), 0), gk.div(s.mul(2)));
            }
            return new Tensor[] {centered.mul(gk.mul(2 / divisor))};
        }
    }
}
