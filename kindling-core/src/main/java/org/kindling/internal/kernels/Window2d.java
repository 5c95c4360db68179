package org.kindling.internal.kernels;

/**
 * A window sliding over one [inH, inW] plane to produce an [outH, outW] one: kernel size, stride,
 * leading padding (top, left) and dilation per dim. Shared by convolution (im2col) and pooling.
 * Trailing padding is not stored: it only decides {@code outH}/{@code outW}, which the op computes.
 */
public record Window2d(int inH, int inW, int outH, int outW, int kh, int kw,
                       int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

    public int inPlane() {
        return inH * inW;
    }

    public int outPlane() {
        return outH * outW;
    }

    public int kernelArea() {
        return kh * kw;
    }

    /** A 1x1 window with stride 1 and no padding: the input plane already is the column matrix. */
    public boolean isPointwise() {
        return kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0
                && outH == inH && outW == inW;
    }
}
