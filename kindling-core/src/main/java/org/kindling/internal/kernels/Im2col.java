package org.kindling.internal.kernels;

/**
 * The column transform behind convolution: {@code im2col} lays every receptive field of a
 * [C, inH, inW] input out as a column of a [C·kh·kw, outH·outW] matrix (zeros where the window
 * sits on padding), so a convolution becomes one GEMM; {@code col2im} adds such a matrix back
 * onto an input-shaped array (the input gradient). Rows run channel, then kernel row, then kernel
 * column, the order of a PyTorch weight [O, C, kh, kw]. Fixed loop orders: same bits every run.
 */
public final class Im2col {
    private Im2col() {}

    public static void im2col(float[] x, int xOff, int channels, Window2d w, float[] col, int colOff) {
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
                            java.util.Arrays.fill(col, dst, dst + w.outW(), 0f);
                            continue;
                        }
                        int src = xc + iy * w.inW();
                        int ix = kj * w.dilationW() - w.padW();
                        for (int ox = 0; ox < w.outW(); ox++, ix += w.strideW()) {
                            col[dst + ox] = ix >= 0 && ix < w.inW() ? x[src + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** dx[C, inH, inW] += the columns of {@code col}, each added where im2col took it from. */
    public static void col2im(float[] col, int colOff, int channels, Window2d w, float[] dx, int dxOff) {
        int plane = w.outPlane();
        for (int c = 0; c < channels; c++) {
            int xc = dxOff + c * w.inPlane();
            for (int ki = 0; ki < w.kh(); ki++) {
                for (int kj = 0; kj < w.kw(); kj++) {
                    int row = colOff + ((c * w.kh() + ki) * w.kw() + kj) * plane;
                    for (int oy = 0; oy < w.outH(); oy++) {
                        int iy = oy * w.strideH() - w.padH() + ki * w.dilationH();
                        if (iy < 0 || iy >= w.inH()) continue;
                        int src = row + oy * w.outW(), dst = xc + iy * w.inW();
                        int ix = kj * w.dilationW() - w.padW();
                        for (int ox = 0; ox < w.outW(); ox++, ix += w.strideW()) {
                            if (ix >= 0 && ix < w.inW()) dx[dst + ix] += col[src + ox];
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
                        int src = xc + iy * w.inW();
                        int ix = kj * w.dilationW() - w.padW();
                        for (int ox = 0; ox < w.outW(); ox++, ix += w.strideW()) {
                            col[dst + ox] = ix >= 0 && ix < w.inW() ? x[src + ix] : 0.0;
                        }
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
                        int src = row + oy * w.outW(), dst = xc + iy * w.inW();
                        int ix = kj * w.dilationW() - w.padW();
                        for (int ox = 0; ox < w.outW(); ox++, ix += w.strideW()) {
                            if (ix >= 0 && ix < w.inW()) dx[dst + ix] += col[src + ox];
                        }
                    }
                }
            }
        }
    }
}
