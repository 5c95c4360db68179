package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.EmbeddingRows;
import org.kindling.internal.shape.Shapes;

/**
 * embedding: rows of a weight [num_embeddings, dim] picked by an int64 index tensor of any shape,
 * giving index.shape + [dim]; {@code EmbeddingBackward0} sums gradients per row and gives the
 * padding row none.
 */
public final class EmbeddingLookup {
    private EmbeddingLookup() {}

    /** {@code paddingIdx}: a row in [0, num_embeddings) that gets no gradient, or null. */
    public static Tensor apply(Tensor index, Tensor weight, Integer paddingIdx) {
        Ops.requireLong("embedding", "indices", index);
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding: 'weight' must be 2-D [num_embeddings, embedding_dim], but got weight of size "
                    + Shapes.format(weight.shape()));
        }
        Ops.requireFloat("embedding", weight);
        int rows = weight.size(0), dim = weight.size(1);
        Tensor ic = index.contiguous();
        long[] idx = Ops.longs(ic);
        int count = ic.numel(), off = ic.storageOffset();
        for (int i = 0; i < count; i++) {
            long v = idx[off + i];
            if (v < 0 || v >= rows) {
                throw new IndexOutOfBoundsException("embedding: index out of range in self: index " + v + " for weight of size "
                        + Shapes.format(weight.shape()) + " (indices of size " + Shapes.format(index.shape()) + ")");
            }
        }
        int[] outShape = java.util.Arrays.copyOf(index.shape(), index.dim() + 1);
        outShape[index.dim()] = dim;
        boolean tracked = Ops.tracked(weight);
        Tensor out = Ops.output(weight.dtype(), outShape, tracked, weight, null);
        Tensor wc = Ops.contiguousData(weight);
        EmbeddingRows.gather(Ops.array(wc), wc.storageOffset(), idx, off, count, dim, Ops.array(out), 0);
        if (tracked) {
            EmbeddingBackward0 fn = new EmbeddingBackward0(paddingIdx == null ? -1 : paddingIdx);
            fn.connect(out, true, weight);
            fn.index = fn.save(ic);
        }
        return out;
    }

    static final class EmbeddingBackward0 extends Node {
        private final int paddingRow; // -1: none
        SavedTensor index;

        EmbeddingBackward0(int paddingRow) {
            this.paddingRow = paddingRow;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gc = Ops.contiguousData(g), ic = index.get();
            int[] ws = inputShape(0);
            Tensor dw = Ops.output(g.dtype(), ws, false, gc, ic);
            int count = ic.numel();
            if (g.dtype() == DType.FLOAT32) {
                EmbeddingRows.scatterAdd(Ops.floats(gc), gc.storageOffset(), Ops.longs(ic), ic.storageOffset(), count, ws[1],
                        paddingRow, Ops.floats(dw), ws[0]);
            } else {
                EmbeddingRows.scatterAdd(Ops.doubles(gc), gc.storageOffset(), Ops.longs(ic), ic.storageOffset(), count, ws[1],
                        paddingRow, Ops.doubles(dw), ws[0]);
            }
            return new Tensor[] {dw};
        }
    }
}
