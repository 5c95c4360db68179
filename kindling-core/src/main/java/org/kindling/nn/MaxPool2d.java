package org.kindling.nn;

import org.kindling.Tensor;

/**
 * 2-D max pooling, like {@code torch.nn.MaxPool2d}: [N, C, H, W] (or [C, H, W]) → [N, C, H_out, W_out].
 * The stride defaults to the kernel size; padding counts as -inf. Sizes given as one int apply to
 * both dims and print as one int, as in PyTorch's repr.
 */
public final class MaxPool2d extends Module {
    private final int[] kernelSize, stride, padding, dilation;
    private final String kernelRepr, strideRepr, paddingRepr, dilationRepr;
    private final boolean ceilMode;

    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, 1, false);
    }

    public MaxPool2d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        this(Functional.pair(kernelSize), Functional.pair(stride), Functional.pair(padding), Functional.pair(dilation), ceilMode,
                String.valueOf(kernelSize), String.valueOf(stride), String.valueOf(padding), String.valueOf(dilation));
    }

    /** Sizes per dim as [h, w]; {@code stride} null means the kernel size. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this(kernelSize, stride == null ? kernelSize : stride, padding, dilation, ceilMode, SizeRepr.tuple(kernelSize),
                SizeRepr.tuple(stride == null ? kernelSize : stride), SizeRepr.tuple(padding), SizeRepr.tuple(dilation));
    }

    private MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
                      String kernelRepr, String strideRepr, String paddingRepr, String dilationRepr) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
        this.kernelRepr = kernelRepr;
        this.strideRepr = strideRepr;
        this.paddingRepr = paddingRepr;
        this.dilationRepr = dilationRepr;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    /** The pooled values and, per output, the flat index of its max within the input plane ({@code return_indices=True}). */
    public Tensor.ValuesAndIndices forwardWithIndices(Tensor input) {
        return Functional.maxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelRepr + ", stride=" + strideRepr + ", padding=" + paddingRepr + ", dilation=" + dilationRepr
                + ", ceil_mode=" + SizeRepr.bool(ceilMode);
    }
}
