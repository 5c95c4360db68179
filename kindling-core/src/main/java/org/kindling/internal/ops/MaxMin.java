package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.ReduceKernels;
import org.kindling.internal.shape.Shapes;

/** max/min over all elements or along a dim (with int64 indices), and argmax/argmin. */
public final class MaxMin {
    private MaxMin() {}

    public static Tensor.ValuesAndIndices alongDim(Tensor x, int dim, boolean keepDim, boolean max) {
        String op = max ? "max" : "min";
        int[] shape = x.shape();
        int d = Shapes.normalizeDim(op, dim, shape.length);
        if (shape.length > 0 && shape[d] == 0) {
            throw new IllegalArgumentException(op + "(): Expected reduction dim " + d + " to have non-zero size");
        }
        int n = shape.length == 0 ? 1 : shape[d];
        int outer = Shapes.outer(shape, d), inner = shape.length == 0 ? 1 : Shapes.inner(shape, d);
        int[] outShape = Shapes.reduce(shape, d, keepDim);
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x.dtype() == DType.BOOL ? x.to(DType.INT64) : x);
        Tensor values = Ops.output(in.dtype(), outShape, tracked, x, null);
        Tensor indices = Ops.output(DType.INT64, outShape, false, null, null);
        if (in.dtype() == DType.INT64) {
            ReduceKernels.argExtreme(Ops.longs(in), in.storageOffset(), outer, n, inner, max, Ops.longs(values), Ops.longs(indices));
        } else {
            ReduceKernels.argExtreme(Ops.array(in), in.storageOffset(), outer, n, inner, max, Ops.array(values), Ops.longs(indices));
        }
        if (tracked) {
            MaxBackward fn = new MaxBackward(max, d, keepDim);
            fn.connect(values, true, x);
            fn.indices = fn.save(indices);
        }
        return new Tensor.ValuesAndIndices(values, indices);
    }

    /** The extreme over all elements; ties share the gradient equally, as in PyTorch. */
    public static Tensor all(Tensor x, boolean max) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException((max ? "max" : "min") + "(): Expected reduction dim to be specified for "
                    + "input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        Tensor flat = x.reshape(-1);
        Tensor value;
        try (var g = org.kindling.Autograd.noGrad()) {
            value = alongDim(flat, 0, false, max).values();
        }
        boolean tracked = Ops.tracked(x);
        if (!tracked) return value;
        Tensor out = Ops.output(value.dtype(), Shapes.SCALAR, true, null, null);
        System.arraycopy(Ops.array(value), 0, Ops.array(out), 0, 1);
        AllBackward fn = new AllBackward(max);
        fn.connect(out, true, x);
        fn.x = fn.save(x);
        fn.value = fn.save(value);
        return out;
    }

    public static Tensor argAll(Tensor x, boolean max) {
        return alongDim(x.reshape(-1), 0, false, max).indices();
    }

    static final class MaxBackward extends Node {
        private final boolean max;
        private final int dim;
        private final boolean keepDim;
        SavedTensor indices;

        MaxBackward(boolean max, int dim, boolean keepDim) {
            this.max = max;
            this.dim = dim;
            this.keepDim = keepDim;
        }

        @Override
        public String name() {
            return max ? "MaxBackward0" : "MinBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] shape = inputShape(0);
            Tensor idx = indices.get();
            if (shape.length == 0) return new Tensor[] {g};
            if (!keepDim) {
                g = g.unsqueeze(dim);
                idx = idx.unsqueeze(dim);
            }
            return new Tensor[] {Indexing.scatterAdd(shape, dim, idx, g)};
        }
    }

    static final class AllBackward extends Node {
        private final boolean max;
        SavedTensor x, value;

        AllBackward(boolean max) {
            this.max = max;
        }

        @Override
        public String name() {
            return max ? "MaxBackward1" : "MinBackward1";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor mask = x.get().eq(value.get()).to(g.dtype());
            return new Tensor[] {mask.mul(g.div(mask.sum()))};
        }
    }
}
