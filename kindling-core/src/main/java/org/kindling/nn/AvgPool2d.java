package org.kindling.nn;

import org.kindling.Tensor;

/**
 * 2-D average pooling, like {@code torch.nn.AvgPool2d}: [N, C, H, W] (or [C, H, W]) → [N, C, H_out, W_out].
 * The stride defaults to the kernel size. {@code countIncludePad} (default true) counts padding
 * cells in the divisor; {@code divisorOverride}, when not null, replaces the divisor.
 */
public final class AvgPool2d extends Module {
    private final int[] kernelSize, stride, padding;
    private final String kernelRepr, strideRepr, paddingRepr;
    private final boolean ceilMode, countIncludePad;
    private final Integer divisorOverride;

    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, false, true, null);
    }

    public AvgPool2d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad, Integer divisorOverride) {
        this(Functional.pair(kernelSize), Functional.pair(stride), Functional.pair(padding), ceilMode, countIncludePad,
                divisorOverride, String.valueOf(kernelSize), String.valueOf(stride), String.valueOf(padding));
    }

    /** Sizes per dim as [h, w]; {@code stride} null means the kernel size. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                     Integer divisorOverride) {
        this(kernelSize, stride == null ? kernelSize : stride, padding, ceilMode, countIncludePad, divisorOverride,
                SizeRepr.tuple(kernelSize), SizeRepr.tuple(stride == null ? kernelSize : stride), SizeRepr.tuple(padding));
    }

    private AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                      Integer divisorOverride, String kernelRepr, String strideRepr, String paddingRepr) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
        this.kernelRepr = kernelRepr;
        this.strideRepr = strideRepr;
        this.paddingRepr = paddingRepr;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    /** PyTorch prints only these three, whatever the other options. */
    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelRepr + ", stride=" + strideRepr + ", padding=" + paddingRepr;
    }
}
