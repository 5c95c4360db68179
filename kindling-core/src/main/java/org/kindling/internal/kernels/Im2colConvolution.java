package org.kindling.internal.kernels;

/**
 * Grouped 2-D convolution (cross-correlation) as im2col + GEMM. Shapes: x [N, C, inH, inW],
 * weight [O, C/groups, kh, kw], out [N, O, outH, outW]. A block of samples is unrolled side by side
 * into a per-thread column buffer [C·kh·kw, samples·outH·outW] (reused call after call: no
 * allocation once warm), then each group is one {@link Gemm} call per block. A 1x1, stride-1, unpadded window skips the unrolling:
 * the input already is the column matrix. Every sum has a fixed order (samples in turn, GEMM's own
 * fixed reduction), so results do not depend on the thread count.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class Im2colConvolution {
    private Im2colConvolution() {}

    /**
     * out = conv(x, w) + bias (bias may be null). Samples are taken in blocks laid side by side
     * ({@link #samplesPerBlock}): one GEMM per group and block instead of one per sample, which on
     * small images (few positions per sample) is what keeps the GEMM out of its overhead.
     */
    public static void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff, float[] out, int outOff,
                               int batch, int channels, int outChannels, int groups, Window2d win) {
        if (win.isPointwise()) {
            forwardPointwise(x, xOff, w, wOff, bias, bOff, out, outOff, batch, channels, outChannels, groups, win);
            return;
        }
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        int block = samplesPerBlock(channels * win.kernelArea() + outChannels, l, batch);
        Workspace ws = Workspace.get();
        float[] col = ws.floats(channels * win.kernelArea() * strideFor(l * block));
        float[] outBlock = ws.gradients(outChannels * strideFor(l * block));
        for (int n0 = 0; n0 < batch; n0 += block) {
            int nb = Math.min(block, batch - n0), ld = strideFor(nb * l);
            for (int b = 0; b < nb; b++) Im2col.im2col(x, xOff + (n0 + b) * channels * win.inPlane(), channels, win, col, b * l, ld);
            if (bias != null) {
                for (int o = 0; o < outChannels; o++) java.util.Arrays.fill(outBlock, o * ld, o * ld + nb * l, bias[bOff + o]);
            }
            for (int g = 0; g < groups; g++) {
                Gemm.sgemm(false, false, og, nb * l, k, 1f, w, wOff + g * og * k, k, col, g * k * ld, ld,
                        bias == null ? 0f : 1f, outBlock, g * og * ld, ld);
            }
            for (int b = 0; b < nb; b++) {
                for (int o = 0; o < outChannels; o++) {
                    System.arraycopy(outBlock, o * ld + b * l, out, outOff + ((n0 + b) * outChannels + o) * l, l);
                }
            }
        }
    }

    /** A 1x1, stride-1, unpadded window: each sample's input already is its column matrix. */
    private static void forwardPointwise(float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff, float[] out, int outOff,
                                         int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg, l = win.outPlane();
        for (int n = 0; n < batch; n++) {
            int xn = xOff + n * channels * win.inPlane(), on = outOff + n * outChannels * l;
            if (bias != null) {
                for (int o = 0; o < outChannels; o++) java.util.Arrays.fill(out, on + o * l, on + (o + 1) * l, bias[bOff + o]);
            }
            for (int g = 0; g < groups; g++) {
                Gemm.sgemm(false, false, og, l, k, 1f, w, wOff + g * og * k, k, x, xn + g * k * l, l,
                        bias == null ? 0f : 1f, out, on + g * og * l, l);
            }
        }
    }

    /** dx = the input gradient for output gradient g (dx is overwritten); samples in blocks as in forward. */
    public static void backwardInput(float[] g, int gOff, float[] w, int wOff, float[] dx, int dxOff,
                                     int batch, int channels, int outChannels, int groups, Window2d win) {
        if (win.isPointwise()) {
            backwardInputPointwise(g, gOff, w, wOff, dx, dxOff, batch, channels, outChannels, groups, win);
            return;
        }
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        int block = samplesPerBlock(channels * win.kernelArea() + outChannels, l, batch);
        Workspace ws = Workspace.get();
        float[] col = ws.floats(channels * win.kernelArea() * strideFor(l * block));
        float[] gBlock = ws.gradients(outChannels * strideFor(l * block));
        for (int n0 = 0; n0 < batch; n0 += block) {
            int nb = Math.min(block, batch - n0), ld = strideFor(nb * l);
            for (int b = 0; b < nb; b++) {
                for (int o = 0; o < outChannels; o++) {
                    System.arraycopy(g, gOff + ((n0 + b) * outChannels + o) * l, gBlock, o * ld + b * l, l);
                }
            }
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(true, false, k, nb * l, og, 1f, w, wOff + gr * og * k, k, gBlock, gr * og * ld, ld,
                        0f, col, gr * k * ld, ld);
            }
            for (int b = 0; b < nb; b++) {
                int xn = dxOff + (n0 + b) * channels * win.inPlane();
                java.util.Arrays.fill(dx, xn, xn + channels * win.inPlane(), 0f);
                Im2col.col2im(col, b * l, channels, win, dx, xn, ld);
            }
        }
    }

    private static void backwardInputPointwise(float[] g, int gOff, float[] w, int wOff, float[] dx, int dxOff,
                                               int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg, l = win.outPlane();
        for (int n = 0; n < batch; n++) {
            int xn = dxOff + n * channels * win.inPlane(), gn = gOff + n * outChannels * l;
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(true, false, k, l, og, 1f, w, wOff + gr * og * k, k, g, gn + gr * og * l, l,
                        0f, dx, xn + gr * k * l, l);
            }
        }
    }

    /**
     * dw and db (each skipped when null) = the weight and bias gradients for output gradient g
     * (overwritten). Samples are taken in blocks laid side by side ({@link #samplesPerBlock}), so
     * each group's GEMM runs over a long inner dimension instead of one sample's few positions.
     */
    public static void backwardWeight(float[] g, int gOff, float[] x, int xOff, float[] dw, int dwOff, float[] db, int dbOff,
                                      int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        if (dw != null && batch == 0) java.util.Arrays.fill(dw, dwOff, dwOff + outChannels * k, 0f);
        int block = samplesPerBlock(channels * win.kernelArea() + outChannels, l, batch);
        Workspace ws = Workspace.get();
        float[] col = dw == null ? null : ws.floats(channels * win.kernelArea() * strideFor(l * block));
        float[] gBlock = dw == null ? null : ws.gradients(outChannels * strideFor(l * block));
        for (int n0 = 0; dw != null && n0 < batch; n0 += block) {
            int nb = Math.min(block, batch - n0), ld = strideFor(nb * l);
            for (int b = 0; b < nb; b++) {
                int n = n0 + b;
                Im2col.im2col(x, xOff + n * channels * win.inPlane(), channels, win, col, b * l, ld);
                for (int o = 0; o < outChannels; o++) {
                    System.arraycopy(g, gOff + (n * outChannels + o) * l, gBlock, o * ld + b * l, l);
                }
            }
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(false, true, og, k, nb * l, 1f, gBlock, gr * og * ld, ld, col, gr * k * ld, ld,
                        n0 == 0 ? 0f : 1f, dw, dwOff + gr * og * k, k);
            }
        }
        if (db == null) return;
        for (int o = 0; o < outChannels; o++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                int p = gOff + (n * outChannels + o) * l;
                for (int i = 0; i < l; i++) sum += g[p + i];
            }
            db[dbOff + o] = (float) sum;
        }
    }

    /**
     * How many samples share one column block: enough for a GEMM inner dimension of about
     * {@link #BLOCK_POSITIONS} positions, within {@link #BLOCK_FLOATS} floats of buffer. Depends on
     * shapes only, never on threads, so the summation order is fixed.
     */
    static int samplesPerBlock(int rowsPerPosition, int positions, int batch) {
        if (positions == 0 || batch == 0) return 1;
        int byPositions = Math.max(1, BLOCK_POSITIONS / positions);
        int byMemory = (int) Math.max(1, BLOCK_FLOATS / ((long) rowsPerPosition * positions));
        return Math.min(batch, Math.min(byPositions, byMemory));
    }

    /** A row stride for {@code width} columns, kept off multiples of 256 floats: power-of-two strides thrash the cache. */
    static int strideFor(int width) {
        return width % 256 == 0 ? width + 16 : width;
    }

    static final int BLOCK_POSITIONS = 4096;
    static final long BLOCK_FLOATS = 1L << 21;

    public static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff, double[] out, int outOff,
                               int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        double[] col = win.isPointwise() ? x : Workspace.get().doubles(channels * win.kernelArea() * l);
        for (int n = 0; n < batch; n++) {
            int xn = xOff + n * channels * win.inPlane(), on = outOff + n * outChannels * l;
            int colBase = win.isPointwise() ? xn : 0;
            if (!win.isPointwise()) Im2col.im2col(x, xn, channels, win, col, 0);
            if (bias != null) {
                for (int o = 0; o < outChannels; o++) java.util.Arrays.fill(out, on + o * l, on + (o + 1) * l, bias[bOff + o]);
            }
            for (int g = 0; g < groups; g++) {
                Gemm.dgemm(false, false, og, l, k, 1.0, w, wOff + g * og * k, k, col, colBase + g * k * l, l,
                        bias == null ? 0.0 : 1.0, out, on + g * og * l, l);
            }
        }
    }

    public static void backwardInput(double[] g, int gOff, double[] w, int wOff, double[] dx, int dxOff,
                                     int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        double[] col = win.isPointwise() ? dx : Workspace.get().doubles(channels * win.kernelArea() * l);
        for (int n = 0; n < batch; n++) {
            int xn = dxOff + n * channels * win.inPlane(), gn = gOff + n * outChannels * l;
            int colBase = win.isPointwise() ? xn : 0;
            for (int gr = 0; gr < groups; gr++) {
                Gemm.dgemm(true, false, k, l, og, 1.0, w, wOff + gr * og * k, k, g, gn + gr * og * l, l,
                        0.0, col, colBase + gr * k * l, l);
            }
            if (!win.isPointwise()) {
                java.util.Arrays.fill(dx, xn, xn + channels * win.inPlane(), 0.0);
                Im2col.col2im(col, 0, channels, win, dx, xn);
            }
        }
    }

    public static void backwardWeight(double[] g, int gOff, double[] x, int xOff, double[] dw, int dwOff, double[] db, int dbOff,
                                      int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        double[] col = win.isPointwise() ? x : Workspace.get().doubles(channels * win.kernelArea() * l);
        if (dw != null && batch == 0) java.util.Arrays.fill(dw, dwOff, dwOff + outChannels * k, 0.0);
        for (int n = 0; dw != null && n < batch; n++) {
            int xn = xOff + n * channels * win.inPlane(), gn = gOff + n * outChannels * l;
            int colBase = win.isPointwise() ? xn : 0;
            if (!win.isPointwise()) Im2col.im2col(x, xn, channels, win, col, 0);
            for (int gr = 0; gr < groups; gr++) {
                Gemm.dgemm(false, true, og, k, l, 1.0, g, gn + gr * og * l, l, col, colBase + gr * k * l, l,
                        n == 0 ? 0.0 : 1.0, dw, dwOff + gr * og * k, k);
            }
        }
        if (db == null) return;
        for (int o = 0; o < outChannels; o++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                int p = gOff + (n * outChannels + o) * l;
                for (int i = 0; i < l; i++) sum += g[p + i];
            }
            db[dbOff + o] = sum;
        }
    }

    /** Per-thread column buffers, grown to the largest convolution seen and then reused. */
    public static final class Workspace {
        private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);
        private float[] floats = new float[0], gradients = new float[0];
        private double[] doubles = new double[0];

        static Workspace get() {
            return LOCAL.get();
        }

        float[] floats(int n) {
            if (floats.length < n) floats = new float[n];
            return floats;
        }

        /** A second float buffer: outputs or output gradients of a block of samples, side by side. */
        float[] gradients(int n) {
            if (gradients.length < n) gradients = new float[n];
            return gradients;
        }

        double[] doubles(int n) {
            if (doubles.length < n) doubles = new double[n];
            return doubles;
        }
    }
}
