package org.kindling.internal.kernels;

/**
 * Pooling as direct window loops over [planes, inH, inW] arrays (a plane is one channel of one
 * sample): max (with the in-plane index of each max, PyTorch's {@code indices}), average, and
 * adaptive average. Windows are visited in PyTorch's order and summed in the element type as
 * PyTorch's CPU kernels do; gradients are scattered in a fixed order.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class Pooling {
    private Pooling() {}

    /** Max over each window (padding never wins); {@code indices} gets the flat in-plane position of each max. */
    public static void maxForward(float[] x, int xOff, int planes, Window2d w, float[] out, int outOff, long[] indices, int idxOff) {
        if (isPlain2x2(w)) {
            max2x2(x, xOff, planes, w, out, outOff, indices, idxOff);
            return;
        }
        for (int p = 0; p < planes; p++) {
            int xp = xOff + p * w.inPlane(), op = p * w.outPlane();
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH(), y1 = Math.min(y0 + (w.kh() - 1) * w.dilationH() + 1, w.inH());
                while (y0 < 0) y0 += w.dilationH();
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW(), x1 = Math.min(x0 + (w.kw() - 1) * w.dilationW() + 1, w.inW());
                    while (x0 < 0) x0 += w.dilationW();
                    int best = y0 * w.inW() + x0;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int iy = y0; iy < y1; iy += w.dilationH()) {
                        for (int ix = x0; ix < x1; ix += w.dilationW()) {
                            float v = x[xp + iy * w.inW() + ix];
                            if (v > max || Float.isNaN(v)) { // PyTorch's rule: NaN propagates
                                max = v;
                                best = iy * w.inW() + ix;
                            }
                        }
                    }
                    out[outOff + op + oy * w.outW() + ox] = max;
                    indices[idxOff + op + oy * w.outW() + ox] = best;
                }
            }
        }
    }

    /** The CNN default, MaxPool2d(2): 2x2 windows, stride 2, no padding or dilation, every window inside (no ceil_mode overhang). */
    static boolean isPlain2x2(Window2d w) {
        return w.kh() == 2 && w.kw() == 2 && w.strideH() == 2 && w.strideW() == 2 && w.padH() == 0 && w.padW() == 0
                && w.dilationH() == 1 && w.dilationW() == 1 && 2 * w.outH() <= w.inH() && 2 * w.outW() <= w.inW();
    }

    /** {@link #maxForward} for {@link #isPlain2x2} windows, unrolled; same visiting order and NaN rule, same results. */
    private static void max2x2(float[] x, int xOff, int planes, Window2d w, float[] out, int outOff, long[] indices, int idxOff) {
        int inW = w.inW(), outW = w.outW(), outH = w.outH();
        for (int p = 0; p < planes; p++) { // the first element always becomes the max, as in the general loop
            int xp = xOff + p * w.inPlane(), op = p * w.outPlane();
            for (int oy = 0; oy < outH; oy++) {
                int r0 = 2 * oy * inW, o = op + oy * outW;
                for (int ox = 0; ox < outW; ox++) {
                    // Selects instead of branches: on real activations which element wins is a coin toss.
                    int i0 = r0 + 2 * ox, best = i0;
                    float max = x[xp + i0];
                    float v = x[xp + i0 + 1];
                    boolean take = v > max || v != v;
                    max = take ? v : max;
                    best = take ? i0 + 1 : best;
                    v = x[xp + i0 + inW];
                    take = v > max || v != v;
                    max = take ? v : max;
                    best = take ? i0 + inW : best;
                    v = x[xp + i0 + inW + 1];
                    take = v > max || v != v;
                    max = take ? v : max;
                    best = take ? i0 + inW + 1 : best;
                    out[outOff + o + ox] = max;
                    indices[idxOff + o + ox] = best;
                }
            }
        }
    }

    /** dx (zeroed here) gets each output gradient at the position its max came from. */
    public static void maxBackward(float[] g, int gOff, long[] indices, int idxOff, int planes, Window2d w, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + planes * w.inPlane(), 0f);
        for (int p = 0; p < planes; p++) {
            int op = p * w.outPlane(), xp = dxOff + p * w.inPlane();
            for (int i = 0; i < w.outPlane(); i++) dx[xp + (int) indices[idxOff + op + i]] += g[gOff + op + i];
        }
    }

    /** Mean over each window; see {@link #divisor} for what it divides by. */
    public static void avgForward(float[] x, int xOff, int planes, Window2d w, boolean countIncludePad, int divisorOverride,
                                  float[] out, int outOff) {
        for (int p = 0; p < planes; p++) {
            int xp = xOff + p * w.inPlane(), op = outOff + p * w.outPlane();
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH(), y1 = Math.min(y0 + w.kh(), w.inH() + w.padH());
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW(), x1 = Math.min(x0 + w.kw(), w.inW() + w.padW());
                    int div = divisor(y0, y1, x0, x1, w, countIncludePad, divisorOverride);
                    int cy0 = Math.max(y0, 0), cy1 = Math.min(y1, w.inH()), cx0 = Math.max(x0, 0), cx1 = Math.min(x1, w.inW());
                    float sum = 0f;
                    for (int iy = cy0; iy < cy1; iy++) {
                        for (int ix = cx0; ix < cx1; ix++) sum += x[xp + iy * w.inW() + ix];
                    }
                    out[op + oy * w.outW() + ox] = cy0 >= cy1 || cx0 >= cx1 ? 0f : sum / div;
                }
            }
        }
    }

    /** dx (zeroed here) gets each output gradient divided over the real cells of its window. */
    public static void avgBackward(float[] g, int gOff, int planes, Window2d w, boolean countIncludePad, int divisorOverride,
                                   float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + planes * w.inPlane(), 0f);
        for (int p = 0; p < planes; p++) {
            int xp = dxOff + p * w.inPlane(), op = gOff + p * w.outPlane();
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH(), y1 = Math.min(y0 + w.kh(), w.inH() + w.padH());
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW(), x1 = Math.min(x0 + w.kw(), w.inW() + w.padW());
                    int div = divisor(y0, y1, x0, x1, w, countIncludePad, divisorOverride);
                    float share = g[op + oy * w.outW() + ox] / div;
                    for (int iy = Math.max(y0, 0); iy < Math.min(y1, w.inH()); iy++) {
                        for (int ix = Math.max(x0, 0); ix < Math.min(x1, w.inW()); ix++) dx[xp + iy * w.inW() + ix] += share;
                    }
                }
            }
        }
    }

    /** Adaptive mean: window i of o along a dim of size L spans [floor(i·L/o), ceil((i+1)·L/o)). */
    public static void adaptiveAvgForward(float[] x, int xOff, int planes, int inH, int inW, int outH, int outW, float[] out, int outOff) {
        for (int p = 0; p < planes; p++) {
            int xp = xOff + p * inH * inW, op = outOff + p * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = start(oy, outH, inH), y1 = end(oy, outH, inH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = start(ox, outW, inW), x1 = end(ox, outW, inW);
                    float sum = 0f;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) sum += x[xp + iy * inW + ix];
                    }
                    out[op + oy * outW + ox] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
        }
    }

    public static void adaptiveAvgBackward(float[] g, int gOff, int planes, int inH, int inW, int outH, int outW, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + planes * inH * inW, 0f);
        for (int p = 0; p < planes; p++) {
            int xp = dxOff + p * inH * inW, op = gOff + p * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = start(oy, outH, inH), y1 = end(oy, outH, inH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = start(ox, outW, inW), x1 = end(ox, outW, inW);
                    float share = g[op + oy * outW + ox] / ((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) dx[xp + iy * inW + ix] += share;
                    }
                }
            }
        }
    }

    public static void maxForward(double[] x, int xOff, int planes, Window2d w, double[] out, int outOff, long[] indices, int idxOff) {
        for (int p = 0; p < planes; p++) {
            int xp = xOff + p * w.inPlane(), op = p * w.outPlane();
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH(), y1 = Math.min(y0 + (w.kh() - 1) * w.dilationH() + 1, w.inH());
                while (y0 < 0) y0 += w.dilationH();
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW(), x1 = Math.min(x0 + (w.kw() - 1) * w.dilationW() + 1, w.inW());
                    while (x0 < 0) x0 += w.dilationW();
                    int best = y0 * w.inW() + x0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int iy = y0; iy < y1; iy += w.dilationH()) {
                        for (int ix = x0; ix < x1; ix += w.dilationW()) {
                            double v = x[xp + iy * w.inW() + ix];
                            if (v > max || Double.isNaN(v)) { // PyTorch's rule: NaN propagates
                                max = v;
                                best = iy * w.inW() + ix;
                            }
                        }
                    }
                    out[outOff + op + oy * w.outW() + ox] = max;
                    indices[idxOff + op + oy * w.outW() + ox] = best;
                }
            }
        }
    }

    public static void maxBackward(double[] g, int gOff, long[] indices, int idxOff, int planes, Window2d w, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + planes * w.inPlane(), 0.0);
        for (int p = 0; p < planes; p++) {
            int op = p * w.outPlane(), xp = dxOff + p * w.inPlane();
            for (int i = 0; i < w.outPlane(); i++) dx[xp + (int) indices[idxOff + op + i]] += g[gOff + op + i];
        }
    }

    public static void avgForward(double[] x, int xOff, int planes, Window2d w, boolean countIncludePad, int divisorOverride,
                                  double[] out, int outOff) {
        for (int p = 0; p < planes; p++) {
            int xp = xOff + p * w.inPlane(), op = outOff + p * w.outPlane();
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH(), y1 = Math.min(y0 + w.kh(), w.inH() + w.padH());
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW(), x1 = Math.min(x0 + w.kw(), w.inW() + w.padW());
                    int div = divisor(y0, y1, x0, x1, w, countIncludePad, divisorOverride);
                    int cy0 = Math.max(y0, 0), cy1 = Math.min(y1, w.inH()), cx0 = Math.max(x0, 0), cx1 = Math.min(x1, w.inW());
                    double sum = 0.0;
                    for (int iy = cy0; iy < cy1; iy++) {
                        for (int ix = cx0; ix < cx1; ix++) sum += x[xp + iy * w.inW() + ix];
                    }
                    out[op + oy * w.outW() + ox] = cy0 >= cy1 || cx0 >= cx1 ? 0.0 : sum / div;
                }
            }
        }
    }

    public static void avgBackward(double[] g, int gOff, int planes, Window2d w, boolean countIncludePad, int divisorOverride,
                                   double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + planes * w.inPlane(), 0.0);
        for (int p = 0; p < planes; p++) {
            int xp = dxOff + p * w.inPlane(), op = gOff + p * w.outPlane();
            for (int oy = 0; oy < w.outH(); oy++) {
                int y0 = oy * w.strideH() - w.padH(), y1 = Math.min(y0 + w.kh(), w.inH() + w.padH());
                for (int ox = 0; ox < w.outW(); ox++) {
                    int x0 = ox * w.strideW() - w.padW(), x1 = Math.min(x0 + w.kw(), w.inW() + w.padW());
                    int div = divisor(y0, y1, x0, x1, w, countIncludePad, divisorOverride);
                    double share = g[op + oy * w.outW() + ox] / div;
                    for (int iy = Math.max(y0, 0); iy < Math.min(y1, w.inH()); iy++) {
                        for (int ix = Math.max(x0, 0); ix < Math.min(x1, w.inW()); ix++) dx[xp + iy * w.inW() + ix] += share;
                    }
                }
            }
        }
    }

    public static void adaptiveAvgForward(double[] x, int xOff, int planes, int inH, int inW, int outH, int outW, double[] out, int outOff) {
        for (int p = 0; p < planes; p++) {
            int xp = xOff + p * inH * inW, op = outOff + p * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = start(oy, outH, inH), y1 = end(oy, outH, inH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = start(ox, outW, inW), x1 = end(ox, outW, inW);
                    double sum = 0.0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) sum += x[xp + iy * inW + ix];
                    }
                    out[op + oy * outW + ox] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
        }
    }

    public static void adaptiveAvgBackward(double[] g, int gOff, int planes, int inH, int inW, int outH, int outW, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + planes * inH * inW, 0.0);
        for (int p = 0; p < planes; p++) {
            int xp = dxOff + p * inH * inW, op = gOff + p * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = start(oy, outH, inH), y1 = end(oy, outH, inH);
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = start(ox, outW, inW), x1 = end(ox, outW, inW);
                    double share = g[op + oy * outW + ox] / ((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) dx[xp + iy * inW + ix] += share;
                    }
                }
            }
        }
    }

    /**
     * PyTorch's avg_pool divisor: the override when non-zero; else the window clipped to the padded
     * input (padding cells count, cells past it added by ceil_mode do not), or only the real cells
     * when {@code countIncludePad} is false. Takes the unclipped window [y0, y1) x [x0, x1).
     */
    static int divisor(int y0, int y1, int x0, int x1, Window2d w, boolean countIncludePad, int divisorOverride) {
        if (divisorOverride != 0) return divisorOverride;
        if (countIncludePad) return (y1 - y0) * (x1 - x0);
        return (Math.min(y1, w.inH()) - Math.max(y0, 0)) * (Math.min(x1, w.inW()) - Math.max(x0, 0));
    }

    static int start(int i, int out, int in) {
        return (int) ((long) i * in / out);
    }

    static int end(int i, int out, int in) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }
}
