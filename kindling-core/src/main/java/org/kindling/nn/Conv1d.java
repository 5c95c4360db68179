package org.kindling.nn;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;

/**
 * 1-D convolution, like {@code torch.nn.Conv1d}: input [N, C_in, L] (or [C_in, L]) →
 * [N, C_out, L_out]; weight [C_out, C_in/groups, k], bias [C_out]. Zero padding only.
 *
 * <p>Initialized as PyTorch does, weight then bias from the generator.
 */
public final class Conv1d extends ConvNd {
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true, DType.FLOAT32, Generator.defaultGenerator());
    }

    /** Every option. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, DType dtype, Generator generator) {
        super(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, null,
                new int[] {dilation}, groups, bias, dtype, generator);
    }

    /** With {@code padding} "same" (stride 1 only) or "valid". */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, String padding, int dilation, int groups,
                  boolean bias, DType dtype, Generator generator) {
        super(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride}, new int[1], padding,
                new int[] {dilation}, groups, bias, dtype, generator);
    }

    @Override
    public Tensor forward(Tensor input) {
        return paddingString != null
                ? Functional.conv1d(input, weight, bias, stride[0], paddingString, dilation[0], groups)
                : Functional.conv1d(input, weight, bias, stride[0], padding[0], dilation[0], groups);
    }
}
