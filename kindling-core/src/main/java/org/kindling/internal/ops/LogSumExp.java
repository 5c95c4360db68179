package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;

/**
 * {@code log Σ exp(x)} over some dims, with the row maximum taken out first so large values do
 * not overflow (an infinite maximum is replaced by 0, as PyTorch does, so all -inf gives -inf).
 */
public final class LogSumExp {
    private LogSumExp() {}

    public static Tensor apply(Tensor x, int[] dims, boolean keepDim) {
        Ops.requireFloat("logsumexp", x);
        ReducedRows rows = ReducedRows.of("logsumexp", x, dims, keepDim);
        double[] out = new double[rows.rows];
        for (int r = 0; r < rows.rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < rows.n; j++) max = Math.max(max, rows.values[r * rows.n + j]);
            if (Double.isInfinite(max)) max = 0;
            double s = 0;
            for (int j = 0; j < rows.n; j++) s += Math.exp(rows.values[r * rows.n + j] - max);
            out[r] = Math.log(s) + max;
        }
        boolean tracked = Ops.tracked(x);
        Tensor result = rows.output(x, out, tracked);
        if (tracked) {
            LogsumexpBackward0 fn = new LogsumexpBackward0(rows.keepShape);
            fn.connect(result, true, x);
            fn.x = fn.save(x);
            fn.y = fn.save(result);
        }
        return result;
    }

    /** {@code g · exp(x - logsumexp)}: the softmax of x, scaled. */
    static final class LogsumexpBackward0 extends Node {
        private final int[] keepShape;
        SavedTensor x, y;

        LogsumexpBackward0(int[] keepShape) {
            this.keepShape = keepShape;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor softmax = x.get().sub(y.get().reshape(keepShape)).exp();
            return new Tensor[] {softmax.mul(g.reshape(keepShape))};
        }
    }
}
