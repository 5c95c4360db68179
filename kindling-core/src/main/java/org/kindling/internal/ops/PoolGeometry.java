package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.internal.kernels.Window2d;
import org.kindling.internal.shape.Shapes;

/** Window and output size of max_pool2d / avg_pool2d, with PyTorch's checks and messages. */
final class PoolGeometry {
    private PoolGeometry() {}

    /** Fails unless the input is [C, H, W] or [N, C, H, W] with no empty spatial or channel dim. */
    static void checkInput(String op, Tensor x) {
        int[] s = x.shape();
        boolean ok = s.length == 3 || s.length == 4;
        for (int i = s.length == 4 ? 1 : 0; ok && i < s.length; i++) ok = s[i] > 0;
        if (!ok) {
            throw new IllegalArgumentException(op + ": non-empty 3D or 4D (batch mode) tensor expected for input, but got input of size: "
                    + Shapes.format(s));
        }
        Ops.requireFloat(op, x);
    }

    /** Kernel, stride, padding and dilation are [h, w] pairs; dilation 1 for avg_pool2d. */
    static Window2d window(String op, int[] xs, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        pair(op, "kernel_size", kernel);
        pair(op, "stride", stride);
        pair(op, "padding", padding);
        pair(op, "dilation", dilation);
        int inH = xs[xs.length - 2], inW = xs[xs.length - 1];
        for (int i = 0; i < 2; i++) {
            if (kernel[i] <= 0) throw new IllegalArgumentException(op + ": kernel size should be greater than zero, but got kH: "
                    + kernel[0] + " kW: " + kernel[1]);
            if (stride[i] <= 0) throw new IllegalArgumentException(op + ": stride should be greater than zero, but got dH: "
                    + stride[0] + " dW: " + stride[1]);
            if (dilation[i] <= 0) throw new IllegalArgumentException(op + ": dilation should be greater than zero, but got dilationH: "
                    + dilation[0] + " dilationW: " + dilation[1]);
            if (padding[i] < 0 || padding[i] > kernel[i] / 2) {
                throw new IllegalArgumentException("pad should be at most half of kernel size, but got pad=" + padding[i]
                        + " and kernel_size=" + kernel[i]);
            }
        }
        int outH = outputSize(inH, kernel[0], padding[0], stride[0], dilation[0], ceilMode);
        int outW = outputSize(inW, kernel[1], padding[1], stride[1], dilation[1], ceilMode);
        if (outH < 1 || outW < 1) {
            int c = xs[xs.length - 3];
            throw new IllegalArgumentException("Given input size: (" + c + "x" + inH + "x" + inW + "). Calculated output size: ("
                    + c + "x" + outH + "x" + outW + "). Output size is too small");
        }
        return new Window2d(inH, inW, outH, outW, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1],
                dilation[0], dilation[1]);
    }

    /**
     * PyTorch's {@code pooling_output_shape}: floor (or ceil) of (L + 2p - d(k-1) - 1) / s, plus 1;
     * with ceil_mode the last window must start inside the input or its left padding.
     */
    static int outputSize(int in, int k, int pad, int stride, int dilation, boolean ceilMode) {
        long numerator = (long) in + 2L * pad - (long) dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long out = Math.floorDiv(numerator, stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + pad) out--;
        return (int) out;
    }

    private static void pair(String op, String what, int[] v) {
        if (v.length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must either be a single int, or a tuple of two ints, got "
                    + Shapes.format(v));
        }
    }

    /** The output shape: the input's with the last two dims replaced. */
    static int[] outShape(int[] xs, int outH, int outW) {
        int[] out = xs.clone();
        out[out.length - 2] = outH;
        out[out.length - 1] = outW;
        return out;
    }

    /** Number of [H, W] planes (batch times channels). */
    static int planes(int[] xs) {
        return Shapes.outer(xs, xs.length - 2);
    }
}
