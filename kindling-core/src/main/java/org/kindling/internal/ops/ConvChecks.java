package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.internal.shape.Shapes;

/** Argument and shape checks of {@link Convolution}, in PyTorch's order and words, naming both shapes. */
final class ConvChecks {
    private ConvChecks() {}

    static void check(String op, int dims, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                      int groups) {
        int[] xs = x.shape(), ws = weight.shape();
        if (xs.length != dims + 2) {
            throw new IllegalArgumentException("Expected " + (dims + 1) + "D (unbatched) or " + (dims + 2) + "D (batched) input to "
                    + op + ", but got input of size: " + Shapes.format(xs));
        }
        if (ws.length != dims + 2) {
            throw new IllegalArgumentException(op + ": expected weight to be " + (dims + 2) + "-D [out_channels, in_channels/groups, "
                    + (dims == 2 ? "kH, kW" : "kW") + "], but got weight of size " + Shapes.format(ws));
        }
        perDim(op, "stride", stride, dims);
        perDim(op, "padding", padding, dims);
        perDim(op, "dilation", dilation, dims);
        if (groups <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
        for (int s : stride) if (s <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
        for (int p : padding) if (p < 0) throw new IllegalArgumentException("negative padding is not supported");
        for (int d : dilation) if (d <= 0) throw new IllegalArgumentException("dilation should be greater than zero");
        MatMul.checkFloatPair(op, x, weight);
        if (bias != null && bias.dtype() != x.dtype()) MatMul.checkFloatPair(op, x, bias);
        if (ws[0] % groups != 0) {
            throw new IllegalArgumentException("Given groups=" + groups + ", expected weight to be divisible by " + groups
                    + " at dimension 0, but got weight of size " + Shapes.format(ws) + " instead");
        }
        if (xs[1] != ws[1] * groups) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + Shapes.format(ws) + ", expected input"
                    + Shapes.format(xs) + " to have " + ws[1] * groups + " channels, but got " + xs[1] + " channels instead");
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != ws[0])) {
            throw new IllegalArgumentException("Given weight of size " + Shapes.format(ws) + ", expected bias to be 1-dimensional with "
                    + ws[0] + " elements, but got bias of size " + Shapes.format(bias.shape()) + " instead");
        }
    }

    private static void perDim(String op, String what, int[] v, int dims) {
        if (v.length != dims) {
            throw new IllegalArgumentException(op + ": expected " + what + " to be a single integer value or a list of " + dims
                    + " values to match the convolution dimensions, but got " + what + "=" + Shapes.format(v));
        }
    }

    /** PyTorch's message when the dilated kernel does not fit the padded input. */
    static IllegalArgumentException kernelTooLarge(int dims, int[] xs, int[] ws, int[] padBegin, int[] padEnd, int[] dilation) {
        int[] padded = new int[dims], kernel = new int[dims];
        for (int i = 0; i < dims; i++) {
            padded[i] = xs[2 + i] + padBegin[i] + padEnd[i];
            kernel[i] = dilation[i] * (ws[2 + i] - 1) + 1;
        }
        return new IllegalArgumentException("Calculated padded input size per channel: " + dimsText(padded) + ". Kernel size: "
                + dimsText(kernel) + ". Kernel size can't be greater than actual input size (input " + Shapes.format(xs)
                + ", weight " + Shapes.format(ws) + ")");
    }

    /** {@code (2 x 2)}, as PyTorch prints spatial sizes. */
    static String dimsText(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? " x " : "").append(v[i]);
        return sb.append(')').toString();
    }
}
