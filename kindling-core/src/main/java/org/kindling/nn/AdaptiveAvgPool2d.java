package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Average pooling to a fixed output size, like {@code torch.nn.AdaptiveAvgPool2d}:
 * [N, C, H, W] (or [C, H, W]) → [N, C, outH, outW]. A null size keeps that input dim.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final Integer outH, outW;
    private final String sizeRepr;

    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize, String.valueOf(outputSize));
    }

    /** Per-dim output sizes; null (PyTorch's None) keeps the input's size in that dim. */
    public AdaptiveAvgPool2d(Integer outH, Integer outW) {
        this(outH, outW, SizeRepr.optionalPair(outH, outW));
    }

    private AdaptiveAvgPool2d(Integer outH, Integer outW, String sizeRepr) {
        this.outH = outH;
        this.outW = outW;
        this.sizeRepr = sizeRepr;
    }

    @Override
    public Tensor forward(Tensor input) {
        int d = input.dim();
        int h = outH != null ? outH : d >= 2 ? input.size(d - 2) : 0;
        int w = outW != null ? outW : d >= 1 ? input.size(d - 1) : 0;
        return Functional.adaptiveAvgPool2d(input, h, w);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + sizeRepr;
    }
}
