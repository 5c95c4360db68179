package org.kindling.internal.kernels;

/**
 * The column transform behind convolution: {@code im2col} lays every receptive field of a
 * [C, inH, inW] input out as a column of a [C·kh·kw, outH·outW] matrix (zeros where the window
 * sits on padding), so a convolution becomes one GEMM; {@code col2im} adds such a matrix back
 * onto an input-shaped array (the input gradient). Rows run channel, then kernel row, then kernel
 * column, the order of a PyTorch weight [O, C, kh, kw]. Fixed loop orders: same bits every run.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class Im2col {
    private Im2col() {}

    public static void im2col(float[] x, int xOff, int channels, Window2d w, float[] col, int colOff) {
        im2col(x, xOff, channels, w, col, colOff, w.outPlane());
    }

    /** As above, with the column matrix's rows {@code ldCol} apart (several samples side by side). */
    public static void im2col(float[] x, int xOff, int channels, Window2d w, float[] col, int colOff, int ldCol) {
        int plane = ldCol, outW = w.outW(), outH = w.outH(), inW = w.inW(), sw = w.strideW();
        for (int c = 0; c < channels; c++) {
            int xc = xOff + c * w.inPlane();
            for (int ki = 0; ki < w.kh(); ki++) {
                for (int kj = 0; kj < w.kw(); kj++) {
                    int row = colOff + ((c * w.kh() + ki) * w.kw() + kj) * plane;
                    // The columns inside the input depend on kj only: computed once, not per output row.
                    int ix0 = kj * w.dilationW() - w.padW();
                    int lo = Math.min(firstInside(ix0, sw), outW);
                    int hi = Math.max(lo, endInside(ix0, sw, inW, outW));
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * w.strideH() - w.padH() + ki * w.dilationH();
                        int dst = row + oy * outW;
                        if (iy < 0 || iy >= w.inH()) {
                            java.util.Arrays.fill(col, dst, dst + outW, 0f);
                            continue;
                        }
                        int src = xc + iy * inW;
                        java.util.Arrays.fill(col, dst, dst + lo, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, src + ix0 + lo, col, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo, ix = ix0 + lo * sw; ox < hi; ox++, ix += sw) col[dst + ox] = x[src + ix];
                        }
                        java.util.Arrays.fill(col, dst + hi, dst + outW, 0f);
                    }
                }
            }
        }
    }

    /** dx[C, inH, inW] += the columns of {@code col}, each added where im2col took it from. */
    public static void col2im(float[] col, int colOff, int channels, Window2d w, float[] dx, int dxOff) {
        col2im(col, colOff, channels, w, dx, dxOff, w.outPlane());
    }

    /** As above, with the column matrix's rows {@code ldCol} apart (several samples side by side). */
    public static void col2im(float[] col, int colOff, int channels, Window2d w, float[] dx, int dxOff, int ldCol) {
        int plane = ldCol, outW = w.outW(), outH = w.outH(), inW = w.inW(), sw = w.strideW();
        for (int c = 0; c < channels; c++) {
            int xc = dxOff + c * w.inPlane();
            for (int ki = 0; ki < w.kh(); ki++) {
                for (int kj = 0; kj < w.kw(); kj++) {
                    int row = colOff + ((c * w.kh() + ki) * w.kw() + kj) * plane;
                    int ix0 = kj * w.dilationW() - w.padW();
                    int lo = firstInside(ix0, sw), hi = endInside(ix0, sw, inW, outW);
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * w.strideH() - w.padH() + ki * w.dilationH();
                        if (iy < 0 || iy >= w.inH()) continue;
                        int src = row + oy * outW, dst = xc + iy * inW;
                        if (sw == 1) { // unit stride: a plain loop the JIT can vectorize; same sums, same order
                            int d = dst + ix0;
                            for (int ox = lo; ox < hi; ox++) dx[d + ox] += col[src + ox];
                        } else {
                            for (int ox = lo, ix = ix0 + ox * sw; ox < hi; ox++, ix += sw) dx[dst + ix] += col[src + ox];
                        }
                    }
                }
            }
        }
    }

    public static void im2col(double[] x, int xOff, int channels, Window2d w, double[] col, int colOff) {
        int plane = w.outPlane();
        for (int c = 0; c < channels; c++) {
            int xc = xOff + c * w.inPlane();
            for (int ki = 0; ki < w.kh(); ki++) {
                for (int kj = 0; kj < w.kw(); kj++) {
                    int row = colOff + ((c * w.kh() + ki) * w.kw() + kj) * plane;
                    for (int oy = 0; oy < w.outH(); oy++) {
                        int iy = oy * w.strideH() - w.padH() + ki * w.dilationH();
                        int dst = row + oy * w.outW();
                        if (iy < 0 || iy >= w.inH()) {
                            java.util.Arrays.fill(col, dst, dst + w.outW(), 0.0);
                            continue;
                        }
                        int src = xc + iy * w.inW(), ix0 = kj * w.dilationW() - w.padW();
                        int lo = Math.min(firstInside(ix0, w.strideW()), w.outW());
                        int hi = Math.max(lo, endInside(ix0, w.strideW(), w.inW(), w.outW()));
                        java.util.Arrays.fill(col, dst, dst + lo, 0.0);
                        if (w.strideW() == 1) {
                            System.arraycopy(x, src + ix0 + lo, col, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo, ix = ix0 + lo * w.strideW(); ox < hi; ox++, ix += w.strideW()) col[dst + ox] = x[src + ix];
                        }
                        java.util.Arrays.fill(col, dst + hi, dst + w.outW(), 0.0);
                    }
                }
            }
        }
    }

    public static void col2im(double[] col, int colOff, int channels, Window2d w, double[] dx, int dxOff) {
        int plane = w.outPlane();
        for (int c = 0; c < channels; c++) {
            int xc = dxOff + c * w.inPlane();
            for (int ki = 0; ki < w.kh(); ki++) {
                for (int kj = 0; kj < w.kw(); kj++) {
                    int row = colOff + ((c * w.kh() + ki) * w.kw() + kj) * plane;
                    for (int oy = 0; oy < w.outH(); oy++) {
                        int iy = oy * w.strideH() - w.padH() + ki * w.dilationH();
                        if (iy < 0 || iy >= w.inH()) continue;
                        int src = row + oy * w.outW(), dst = xc + iy * w.inW(), ix0 = kj * w.dilationW() - w.padW();
                        int hi = endInside(ix0, w.strideW(), w.inW(), w.outW());
                        for (int ox = firstInside(ix0, w.strideW()), ix = ix0 + ox * w.strideW(); ox < hi; ox++, ix += w.strideW()) {
                            dx[dst + ix] += col[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column {@code ix0 + ox·stride} is not left of the input. */
    static int firstInside(int ix0, int stride) {
        return ix0 >= 0 ? 0 : (-ix0 + stride - 1) / stride;
    }

    /** One past the last output column (at most {@code outW}) whose input column is left of {@code inW}. */
    static int endInside(int ix0, int stride, int inW, int outW) {
        return inW <= ix0 ? 0 : Math.min(outW, (inW - ix0 + stride - 1) / stride);
    }
}
