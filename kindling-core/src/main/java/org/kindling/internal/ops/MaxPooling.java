package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Pooling;
import org.kindling.internal.kernels.Window2d;

/**
 * max_pool2d (padding, dilation, ceil_mode) with its int64 indices (flat positions in each input
 * plane, as PyTorch returns them), and {@code MaxPool2DWithIndicesBackward0}, which sends each
 * output gradient to its max. Input [N, C, H, W] or [C, H, W].
 */
public final class MaxPooling {
    private MaxPooling() {}

    /** The pooled values and the indices of the maxima. */
    public record Result(Tensor values, Tensor indices) {}

    public static Result apply(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        PoolGeometry.checkInput("max_pool2d", x);
        int[] xs = x.shape();
        Window2d win = PoolGeometry.window("max_pool2d", xs, kernel, stride, padding, dilation, ceilMode);
        int planes = PoolGeometry.planes(xs);
        int[] outShape = PoolGeometry.outShape(xs, win.outH(), win.outW());
        boolean tracked = Ops.tracked(x);
        Tensor out = Ops.output(x.dtype(), outShape, tracked, x, null);
        Tensor indices = Ops.output(DType.INT64, outShape, false, null, null);
        Tensor xc = Ops.contiguousData(x);
        if (x.dtype() == DType.FLOAT32) {
            Pooling.maxForward(Ops.floats(xc), xc.storageOffset(), planes, win, Ops.floats(out), 0, Ops.longs(indices), 0);
        } else {
            Pooling.maxForward(Ops.doubles(xc), xc.storageOffset(), planes, win, Ops.doubles(out), 0, Ops.longs(indices), 0);
        }
        if (tracked) {
            MaxPool2DWithIndicesBackward0 fn = new MaxPool2DWithIndicesBackward0(win, planes);
            fn.connect(out, true, x);
            fn.indices = fn.save(indices);
        }
        return new Result(out, indices);
    }

    static final class MaxPool2DWithIndicesBackward0 extends Node {
        private final Window2d win;
        private final int planes;
        SavedTensor indices;

        MaxPool2DWithIndicesBackward0(Window2d win, int planes) {
            this.win = win;
            this.planes = planes;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gc = Ops.contiguousData(g), idx = indices.get();
            Tensor dx = Ops.output(g.dtype(), inputShape(0), false, gc, idx);
            if (g.dtype() == DType.FLOAT32) {
                Pooling.maxBackward(Ops.floats(gc), gc.storageOffset(), Ops.longs(idx), idx.storageOffset(), planes, win,
                        Ops.floats(dx), 0);
            } else {
                Pooling.maxBackward(Ops.doubles(gc), gc.storageOffset(), Ops.longs(idx), idx.storageOffset(), planes, win,
                        Ops.doubles(dx), 0);
            }
            return new Tensor[] {dx};
        }
    }
}
