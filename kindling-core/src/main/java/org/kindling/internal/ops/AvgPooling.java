package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.kernels.Pooling;
import org.kindling.internal.kernels.Window2d;
import org.kindling.internal.shape.Shapes;

/**
 * avg_pool2d (padding, ceil_mode, count_include_pad, divisor_override) with
 * {@code AvgPool2DBackward0}, and adaptive_avg_pool2d with {@code AdaptiveAvgPool2DBackward0}.
 * Input [N, C, H, W] or [C, H, W].
 */
public final class AvgPooling {
    private AvgPooling() {}

    /** {@code divisorOverride} null: divide by the window size PyTorch's rules give. */
    public static Tensor apply(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                               Integer divisorOverride) {
        PoolGeometry.checkInput("avg_pool2d", x);
        if (divisorOverride != null && divisorOverride == 0) throw new IllegalArgumentException("divisor must be not zero");
        int[] xs = x.shape();
        Window2d win = PoolGeometry.window("avg_pool2d", xs, kernel, stride, padding, new int[] {1, 1}, ceilMode);
        int planes = PoolGeometry.planes(xs), divisor = divisorOverride == null ? 0 : divisorOverride;
        boolean tracked = Ops.tracked(x);
        Tensor out = Ops.output(x.dtype(), PoolGeometry.outShape(xs, win.outH(), win.outW()), tracked, x, null);
        Tensor xc = Ops.contiguousData(x);
        if (x.dtype() == DType.FLOAT32) {
            Pooling.avgForward(Ops.floats(xc), xc.storageOffset(), planes, win, countIncludePad, divisor, Ops.floats(out), 0);
        } else {
            Pooling.avgForward(Ops.doubles(xc), xc.storageOffset(), planes, win, countIncludePad, divisor, Ops.doubles(out), 0);
        }
        if (tracked) new AvgPool2DBackward0(win, planes, countIncludePad, divisor).connect(out, true, x);
        return out;
    }

    public static Tensor adaptive(Tensor x, int outH, int outW) {
        int[] xs = x.shape();
        boolean ok = (xs.length == 3 || xs.length == 4) && xs[xs.length - 1] > 0 && xs[xs.length - 2] > 0;
        if (!ok) {
            throw new IllegalArgumentException("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got " + Shapes.format(xs)
                    + " (and non-zero sizes for the last two dims)");
        }
        if (outH < 0 || outW < 0) {
            throw new IllegalArgumentException("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 "
                    + "but received {" + outH + ", " + outW + "}");
        }
        Ops.requireFloat("adaptive_avg_pool2d", x);
        int inH = xs[xs.length - 2], inW = xs[xs.length - 1], planes = PoolGeometry.planes(xs);
        boolean tracked = Ops.tracked(x);
        Tensor out = Ops.output(x.dtype(), PoolGeometry.outShape(xs, outH, outW), tracked, x, null);
        Tensor xc = Ops.contiguousData(x);
        if (x.dtype() == DType.FLOAT32) {
            Pooling.adaptiveAvgForward(Ops.floats(xc), xc.storageOffset(), planes, inH, inW, outH, outW, Ops.floats(out), 0);
        } else {
            Pooling.adaptiveAvgForward(Ops.doubles(xc), xc.storageOffset(), planes, inH, inW, outH, outW, Ops.doubles(out), 0);
        }
        if (tracked) new AdaptiveAvgPool2DBackward0(planes, inH, inW, outH, outW).connect(out, true, x);
        return out;
    }

    static final class AvgPool2DBackward0 extends Node {
        private final Window2d win;
        private final int planes, divisor;
        private final boolean countIncludePad;

        AvgPool2DBackward0(Window2d win, int planes, boolean countIncludePad, int divisor) {
            this.win = win;
            this.planes = planes;
            this.countIncludePad = countIncludePad;
            this.divisor = divisor;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gc = Ops.contiguousData(g);
            Tensor dx = Ops.output(g.dtype(), inputShape(0), false, gc, null);
            if (g.dtype() == DType.FLOAT32) {
                Pooling.avgBackward(Ops.floats(gc), gc.storageOffset(), planes, win, countIncludePad, divisor, Ops.floats(dx), 0);
            } else {
                Pooling.avgBackward(Ops.doubles(gc), gc.storageOffset(), planes, win, countIncludePad, divisor, Ops.doubles(dx), 0);
            }
            return new Tensor[] {dx};
        }
    }

    static final class AdaptiveAvgPool2DBackward0 extends Node {
        private final int planes, inH, inW, outH, outW;

        AdaptiveAvgPool2DBackward0(int planes, int inH, int inW, int outH, int outW) {
            this.planes = planes;
            this.inH = inH;
            this.inW = inW;
            this.outH = outH;
            this.outW = outW;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gc = Ops.contiguousData(g);
            Tensor dx = Ops.output(g.dtype(), inputShape(0), false, gc, null);
            if (g.dtype() == DType.FLOAT32) {
                Pooling.adaptiveAvgBackward(Ops.floats(gc), gc.storageOffset(), planes, inH, inW, outH, outW, Ops.floats(dx), 0);
            } else {
                Pooling.adaptiveAvgBackward(Ops.doubles(gc), gc.storageOffset(), planes, inH, inW, outH, outW, Ops.doubles(dx), 0);
            }
            return new Tensor[] {dx};
        }
    }
}
