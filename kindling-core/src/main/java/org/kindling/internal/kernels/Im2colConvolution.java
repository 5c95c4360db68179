package org.kindling.internal.kernels;

/**
 * Grouped 2-D convolution (cross-correlation) as im2col + GEMM. Shapes: x [N, C, inH, inW],
 * weight [O, C/groups, kh, kw], out [N, O, outH, outW]. Per sample the input is unrolled once into
 * a per-thread column buffer [C·kh·kw, outH·outW] (reused call after call: no allocation once warm),
 * then each group is one {@link Gemm} call. A 1x1, stride-1, unpadded window skips the unrolling:
 * the input already is the column matrix. Every sum has a fixed order (samples in turn, GEMM's own
 * fixed reduction), so results do not depend on the thread count.
 */
public final class Im2colConvolution {
    private Im2colConvolution() {}

    /** out = conv(x, w) + bias (bias may be null). */
    public static void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff, float[] out, int outOff,
                               int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        float[] col = win.isPointwise() ? x : Workspace.get().floats(channels * win.kernelArea() * l);
        for (int n = 0; n < batch; n++) {
            int xn = xOff + n * channels * win.inPlane(), on = outOff + n * outChannels * l;
            int colBase = win.isPointwise() ? xn : 0;
            if (!win.isPointwise()) Im2col.im2col(x, xn, channels, win, col, 0);
            if (bias != null) {
                for (int o = 0; o < outChannels; o++) java.util.Arrays.fill(out, on + o * l, on + (o + 1) * l, bias[bOff + o]);
            }
            for (int g = 0; g < groups; g++) {
                Gemm.sgemm(false, false, og, l, k, 1f, w, wOff + g * og * k, k, col, colBase + g * k * l, l,
                        bias == null ? 0f : 1f, out, on + g * og * l, l);
            }
        }
    }

    /** dx = the input gradient for output gradient g (dx is overwritten). */
    public static void backwardInput(float[] g, int gOff, float[] w, int wOff, float[] dx, int dxOff,
                                     int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        float[] col = win.isPointwise() ? dx : Workspace.get().floats(channels * win.kernelArea() * l);
        for (int n = 0; n < batch; n++) {
            int xn = dxOff + n * channels * win.inPlane(), gn = gOff + n * outChannels * l;
            int colBase = win.isPointwise() ? xn : 0;
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(true, false, k, l, og, 1f, w, wOff + gr * og * k, k, g, gn + gr * og * l, l,
                        0f, col, colBase + gr * k * l, l);
            }
            if (!win.isPointwise()) {
                java.util.Arrays.fill(dx, xn, xn + channels * win.inPlane(), 0f);
                Im2col.col2im(col, 0, channels, win, dx, xn);
            }
        }
    }

    /** dw and db (each skipped when null) = the weight and bias gradients for output gradient g (overwritten). */
    public static void backwardWeight(float[] g, int gOff, float[] x, int xOff, float[] dw, int dwOff, float[] db, int dbOff,
                                      int batch, int channels, int outChannels, int groups, Window2d win) {
        int cg = channels / groups, og = outChannels / groups, k = cg * win.kernelArea(), l = win.outPlane();
        float[] col = win.isPointwise() ? x : Workspace.get().floats(channels * win.kernelArea() * l);
        if (dw != null && batch == 0) java.util.Arrays.fill(dw, dwOff, dwOff + outChannels * k, 0f);
        for (int n = 0; dw != null && n < batch; n++) {
            int xn = xOff + n * channels * win.inPlane(), gn = gOff + n * outChannels * l;
            int colBase = win.isPointwise() ? xn : 0;
            if (!win.isPointwise()) Im2col.im2col(x, xn, channels, win, col, 0);
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(false, true, og, k, l, 1f, g, gn + gr * og * l, l, col, colBase + gr * k * l, l,
                        n == 0 ? 0f : 1f, dw, dwOff + gr * og * k, k);
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
        private float[] floats = new float[0];
        private double[] doubles = new double[0];

        static Workspace get() {
            return LOCAL.get();
        }

        float[] floats(int n) {
            if (floats.length < n) floats = new float[n];
            return floats;
        }

        double[] doubles(int n) {
            if (doubles.length < n) doubles = new double[n];
            return doubles;
        }
    }
}
