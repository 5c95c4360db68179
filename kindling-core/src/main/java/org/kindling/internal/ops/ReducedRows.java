package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.internal.shape.Shapes;

/**
 * A tensor seen as {@code rows × n}: the reduced dims moved last and flattened, read into doubles.
 * Statistics reductions (var, std, vector norm, logsumexp) read it in a fixed order, so results
 * do not depend on threads or the JIT.
 */
final class ReducedRows {
    final double[] values;
    final int rows, n;
    /** The result's shape, and the same with reduced dims kept as size 1 (for backward's broadcasting). */
    final int[] outShape, keepShape;

    private ReducedRows(double[] values, int rows, int n, int[] outShape, int[] keepShape) {
        this.values = values;
        this.rows = rows;
        this.n = n;
        this.outShape = outShape;
        this.keepShape = keepShape;
    }

    /** {@code dims} null (or empty) means every dim, as PyTorch's {@code dim=None}. */
    static ReducedRows of(String op, Tensor x, int[] dims, boolean keepDim) {
        int[] shape = x.shape();
        boolean[] reduced = new boolean[shape.length];
        if (dims == null || dims.length == 0) {
            java.util.Arrays.fill(reduced, true);
        } else {
            for (int d : dims) {
                int k = Shapes.normalizeDim(op, d, shape.length);
                if (shape.length == 0) continue;
                if (reduced[k]) throw new IllegalArgumentException(op + ": dim " + k + " appears multiple times in the list of dims");
                reduced[k] = true;
            }
        }
        int[] perm = new int[shape.length];
        int p = 0, kept = 0, n = 1;
        int[] keepShape = shape.clone();
        for (int i = 0; i < shape.length; i++) if (!reduced[i]) perm[p++] = i;
        kept = p;
        for (int i = 0; i < shape.length; i++) {
            if (reduced[i]) {
                perm[p++] = i;
                n *= shape[i];
                keepShape[i] = 1;
            }
        }
        int[] outShape = new int[keepDim ? shape.length : kept];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (keepDim) outShape[i] = keepShape[i];
            else if (!reduced[i]) outShape[j++] = shape[i];
        }
        Tensor moved = shape.length == 0 ? x : x.detach().permute(perm).contiguous();
        double[] values = moved.toDoubleArray();
        int rows = n == 0 ? Shapes.numel(outShape) : values.length / n;
        return new ReducedRows(values, rows, n, outShape, keepShape);
    }

    /** A fresh output of the result's shape holding {@code out} (one value per row). */
    Tensor output(Tensor x, double[] out, boolean tracked) {
        Tensor t = Ops.output(x.dtype(), outShape, tracked, x, null);
        for (int r = 0; r < rows; r++) Ops.set(t, r, out[r]);
        return t;
    }

    /** Row means, summed in index order. */
    double[] means() {
        double[] m = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += values[r * n + j];
            m[r] = s / n;
        }
        return m;
    }

    /** The dims where {@code keepShape} is 1 but the input is not (plus size-1 dims, harmlessly). */
    static int[] reducedDims(int[] keepShape, int[] shape) {
        int[] dims = new int[shape.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) if (keepShape[i] == 1) dims[k++] = i;
        return java.util.Arrays.copyOf(dims, k);
    }
}
