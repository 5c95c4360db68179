package org.kindling.nn;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;

/**
 * 2-D convolution, like {@code torch.nn.Conv2d}: input [N, C_in, H, W] (or [C_in, H, W]) →
 * [N, C_out, H_out, W_out]; weight [C_out, C_in/groups, kh, kw], bias [C_out]. Zero padding only.
 *
 * <p>Initialized as PyTorch does, weight then bias from the generator: after
 * {@code Kindling.manualSeed(s)} the values equal PyTorch's after {@code torch.manual_seed(s)}.
 */
public final class Conv2d extends ConvNd {
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, Functional.pair(kernelSize), Functional.pair(stride), Functional.pair(padding),
                Functional.pair(1), 1, true, DType.FLOAT32, Generator.defaultGenerator());
    }

    /** Every option; sizes per dim as [h, w]. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation, int groups,
                  boolean bias, DType dtype, Generator generator) {
        super(inChannels, outChannels, checked("kernel_size", kernelSize), checked("stride", stride), checked("padding", padding),
                null, checked("dilation", dilation), groups, bias, dtype, generator);
    }

    /** With {@code padding} "same" (stride 1 only) or "valid". */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, String padding, int[] dilation, int groups,
                  boolean bias, DType dtype, Generator generator) {
        super(inChannels, outChannels, checked("kernel_size", kernelSize), checked("stride", stride), new int[2], padding,
                checked("dilation", dilation), groups, bias, dtype, generator);
    }

    private static int[] checked(String what, int[] v) {
        if (v == null || v.length != 2) {
            throw new IllegalArgumentException("Conv2d: " + what + " must have 2 values [h, w], got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        return v;
    }

    @Override
    public Tensor forward(Tensor input) {
        return paddingString != null
                ? Functional.conv2d(input, weight, bias, stride, paddingString, dilation, groups)
                : Functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }
}
