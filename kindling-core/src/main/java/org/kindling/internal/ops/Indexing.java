package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.shape.Shapes;

/** index_select and gather, and the scatter-add their backward needs. */
public final class Indexing {
    private Indexing() {}

    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        Ops.requireLong("index_select", "index", index);
        if (index.dim() > 1) {
            throw new IllegalArgumentException("index_select(): Index is supposed to be a vector, got shape " + Shapes.format(index.shape()));
        }
        int[] shape = x.shape();
        int d = Shapes.normalizeDim("index_select", dim, shape.length);
        long[] idx = index.toLongArray();
        int size = shape.length == 0 ? 1 : shape[d];
        for (long i : idx) {
            if (i < -size || i >= size) {
                throw new IndexOutOfBoundsException("index_select(): index " + i + " is out of bounds for dimension " + d
                        + " with size " + size);
            }
        }
        int[] outShape = shape.clone();
        if (shape.length > 0) outShape[d] = idx.length;
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), outShape, tracked, x, null);
        int outer = Shapes.outer(shape, d), inner = shape.length == 0 ? 1 : Shapes.inner(shape, d);
        Object src = Ops.array(in), dst = Ops.array(out);
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < idx.length; k++) {
                int i = (int) (idx[k] < 0 ? idx[k] + size : idx[k]);
                System.arraycopy(src, in.storageOffset() + (o * size + i) * inner, dst, (o * idx.length + k) * inner, inner);
            }
        }
        if (tracked) {
            IndexSelectBackward0 fn = new IndexSelectBackward0(d);
            fn.connect(out, true, x);
            fn.index = fn.save(index);
        }
        return out;
    }

    public static Tensor gather(Tensor x, int dim, Tensor index) {
        Ops.requireLong("gather", "index", index);
        int[] shape = x.shape(), ishape = index.shape();
        int d = Shapes.normalizeDim("gather", dim, shape.length);
        if (ishape.length != shape.length) {
            throw new IllegalArgumentException("gather(): Index tensor must have the same number of dimensions as input tensor ("
                    + Shapes.format(ishape) + " vs " + Shapes.format(shape) + ")");
        }
        for (int i = 0; i < shape.length; i++) {
            if (i != d && ishape[i] > shape[i]) {
                throw new IllegalArgumentException("gather(): Size does not match at dimension " + i + " expected index "
                        + Shapes.format(ishape) + " to be smaller than self " + Shapes.format(shape) + " apart from dimension " + d);
            }
        }
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), ishape, tracked, x, null);
        long[] idx = index.contiguous().toLongArray();
        int[] inStrides = Shapes.contiguousStrides(shape);
        Object src = Ops.array(in), dst = Ops.array(out);
        int[] pos = new int[ishape.length];
        for (int flat = 0; flat < idx.length; flat++) {
            int p = in.storageOffset();
            for (int k = 0; k < ishape.length; k++) {
                int coord = k == d ? checkIndex("gather", idx[flat], shape[d], d) : pos[k];
                p += coord * inStrides[k];
            }
            System.arraycopy(src, p, dst, flat, 1);
            for (int k = ishape.length - 1; k >= 0 && ++pos[k] == ishape[k]; k--) pos[k] = 0;
        }
        if (tracked) {
            GatherBackward0 fn = new GatherBackward0(d);
            fn.connect(out, true, x);
            fn.index = fn.save(index);
        }
        return out;
    }

    private static int checkIndex(String op, long i, int size, int dim) {
        if (i < -size || i >= size) {
            throw new IndexOutOfBoundsException(op + "(): index " + i + " is out of bounds for dimension " + dim + " with size " + size);
        }
        return (int) (i < 0 ? i + size : i);
    }

    /** A zero tensor of {@code shape} with {@code src} added at {@code index} along {@code dim} (scatter_add). */
    static Tensor scatterAdd(int[] shape, int dim, Tensor index, Tensor src) {
        Tensor out = Ops.zeroedOutput(src.dtype(), shape, false, src, null);
        int[] ishape = index.shape();
        long[] idx = index.contiguous().toLongArray();
        double[] vals = src.contiguous().toDoubleArray();
        int[] strides = Shapes.contiguousStrides(shape);
        int[] pos = new int[ishape.length];
        for (int flat = 0; flat < idx.length; flat++) {
            int p = 0;
            for (int k = 0; k < ishape.length; k++) p += (k == dim ? (int) idx[flat] : pos[k]) * strides[k];
            if (out.dtype() == DType.FLOAT64) Ops.doubles(out)[p] += vals[flat];
            else Ops.floats(out)[p] += (float) vals[flat];
            for (int k = ishape.length - 1; k >= 0 && ++pos[k] == ishape[k]; k--) pos[k] = 0;
        }
        return out;
    }

    static final class IndexSelectBackward0 extends Node {
        private final int dim;
        SavedTensor index;

        IndexSelectBackward0(int dim) {
            this.dim = dim;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] shape = inputShape(0);
            if (shape.length == 0) return new Tensor[] {g.reshape(shape)};
            long[] idx = index.get().toLongArray();
            // expand the 1-D index to g's shape along dim, then scatter-add
            int[] gshape = g.shape();
            long[] full = new long[g.numel()];
            int inner = Shapes.inner(gshape, dim), n = gshape[dim];
            for (int i = 0; i < full.length; i++) {
                long v = idx[(i / inner) % n];
                full[i] = v < 0 ? v + shape[dim] : v;
            }
            return new Tensor[] {scatterAdd(shape, dim, Creation.fromLongs(full, gshape), g)};
        }
    }

    static final class GatherBackward0 extends Node {
        private final int dim;
        SavedTensor index;

        GatherBackward0(int dim) {
            this.dim = dim;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] shape = inputShape(0);
            long[] idx = index.get().contiguous().toLongArray();
            for (int i = 0; i < idx.length; i++) if (idx[i] < 0) idx[i] += shape[dim];
            return new Tensor[] {scatterAdd(shape, dim, Creation.fromLongs(idx, g.shape()), g)};
        }
    }
}
