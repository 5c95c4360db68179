package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.shape.Shapes;

import java.util.Arrays;

/**
 * The {@code k} largest (or smallest) entries along a dim, sorted, with their int64 indices
 * ({@code torch.topk}). NaN counts as larger than any number, as in PyTorch; equal values keep
 * index order. The gradient goes back to the picked positions.
 */
public final class TopK {
    private TopK() {}

    /** Values then indices. */
    public static Tensor[] apply(Tensor x, int k, int dim, boolean largest) {
        int[] shape = x.shape();
        int d = Shapes.normalizeDim("topk", dim, shape.length);
        int n = shape.length == 0 ? 1 : shape[d];
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("topk: k (" + k + ") is out of range for dimension " + d + " of size " + n
                    + " (input shape " + Shapes.format(shape) + ")");
        }
        int[] outShape = shape.clone();
        if (shape.length > 0) outShape[d] = k;
        int outer = Shapes.outer(shape, d), inner = shape.length == 0 ? 1 : Shapes.inner(shape, d);
        double[] v = Ops.contiguousData(x).toDoubleArray();
        long[] picked = new long[Shapes.numel(outShape)];
        Integer[] order = new Integer[n];
        double[] row = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                for (int j = 0; j < n; j++) {
                    row[j] = v[(o * n + j) * inner + i];
                    order[j] = j;
                }
                // Double.compare orders NaN above +inf; the sort is stable, so ties keep index order
                Arrays.sort(order, largest ? (a, b) -> Double.compare(row[b], row[a]) : (a, b) -> Double.compare(row[a], row[b]));
                for (int j = 0; j < k; j++) picked[(o * k + j) * inner + i] = order[j];
            }
        }
        Tensor indices = Creation.fromLongs(picked, outShape);
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor values = Ops.output(x.dtype(), outShape, tracked, x, null);
        Object src = Ops.array(in), dst = Ops.array(values);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < inner; i++) {
                    int at = (o * k + j) * inner + i;
                    System.arraycopy(src, in.storageOffset() + (o * n + (int) picked[at]) * inner + i, dst, at, 1);
                }
            }
        }
        if (tracked) {
            TopkBackward0 fn = new TopkBackward0(d);
            fn.connect(values, true, x);
            fn.indices = fn.save(indices);
        }
        return new Tensor[] {values, indices};
    }

    /** Sends g back to the picked positions, zeros elsewhere. */
    static final class TopkBackward0 extends Node {
        private final int dim;
        SavedTensor indices;

        TopkBackward0(int dim) {
            this.dim = dim;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] shape = inputShape(0);
            if (shape.length == 0) return new Tensor[] {g.reshape(shape)};
            // gather's backward: the picked indices are distinct along dim, so adding is placing.
            return new Tensor[] {Indexing.scatterAdd(shape, dim, indices.get(), g)};
        }
    }
}
