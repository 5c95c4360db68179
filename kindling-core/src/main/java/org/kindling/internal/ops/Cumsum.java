package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.kernels.ScanKernels;
import org.kindling.internal.shape.Shapes;

/**
 * Running sums along one dim ({@code torch.cumsum}). Float sums run in double and are rounded as
 * each is stored (PyTorch's CPU accumulator type); integers and bools sum as int64.
 */
public final class Cumsum {
    private Cumsum() {}

    public static Tensor apply(Tensor x, int dim) {
        int[] shape = x.shape();
        int d = Shapes.normalizeDim("cumsum", dim, shape.length);
        if (!x.dtype().isFloatingPoint()) x = x.to(DType.INT64);
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), shape, tracked, x, null);
        scan(in, out, shape, d, false);
        if (tracked) new CumsumBackward0(d).connect(out, true, x);
        return out;
    }

    /** Forward (or, with {@code reverse}, suffix) sums of contiguous {@code in} into contiguous {@code out}. */
    static void scan(Tensor in, Tensor out, int[] shape, int d, boolean reverse) {
        int n = shape.length == 0 ? 1 : shape[d];
        int outer = Shapes.outer(shape, d), inner = shape.length == 0 ? 1 : Shapes.inner(shape, d);
        int o = in.storageOffset();
        switch (in.dtype()) {
            case FLOAT32 -> ScanKernels.cumsum(Ops.floats(in), o, outer, n, inner, reverse, Ops.floats(out));
            case FLOAT64 -> ScanKernels.cumsum(Ops.doubles(in), o, outer, n, inner, reverse, Ops.doubles(out));
            default -> ScanKernels.cumsum(Ops.longs(in), o, outer, n, inner, reverse, Ops.longs(out));
        }
    }

    /** The gradient of a prefix sum is the suffix sum of g. */
    static final class CumsumBackward0 extends Node {
        private final int dim;

        CumsumBackward0(int dim) {
            this.dim = dim;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gc = Ops.contiguousData(g);
            Tensor dx = Ops.output(g.dtype(), g.shape(), false, gc, null);
            scan(gc, dx, g.shape(), dim, true);
            return new Tensor[] {dx};
        }
    }
}
