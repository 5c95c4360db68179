package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Im2colConvolution;
import org.kindling.internal.kernels.Window2d;

/**
 * conv1d and conv2d (cross-correlation, zero padding, stride, dilation, groups) on the im2col +
 * GEMM kernel, with {@code ConvolutionBackward0}. A 1-D convolution runs as a 2-D one of height 1.
 * Shapes: input [N, C, (H,) W] or unbatched [C, (H,) W]; weight [O, C/groups, (kh,) kw]; bias [O].
 */
public final class Convolution {
    private Convolution() {}

    /** With explicit symmetric padding per spatial dim. */
    public static Tensor apply(int dims, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                               int groups) {
        return apply(dims, x, weight, bias, stride, padding, padding, dilation, groups);
    }

    /**
     * {@code padding="same"}: the output keeps the input's size; total padding d·(k-1) per dim, the
     * odd cell going at the end (right/bottom), as PyTorch does. Only for stride 1.
     */
    public static Tensor applySame(int dims, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] dilation, int groups) {
        for (int s : stride) {
            if (s != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
        }
        int[] begin = new int[dims], end = new int[dims];
        int[] ws = weight.shape();
        for (int i = 0; i < dims && ws.length == dims + 2; i++) {
            int total = dilation[i] * (ws[2 + i] - 1);
            begin[i] = total / 2;
            end[i] = total - begin[i];
        }
        return apply(dims, x, weight, bias, stride, begin, end, dilation, groups);
    }

    private static Tensor apply(int dims, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padBegin, int[] padEnd,
                                int[] dilation, int groups) {
        String op = "conv" + dims + "d";
        if (x.dim() == dims + 1) { // unbatched: [C, ...] runs as a batch of one
            return apply(dims, x.unsqueeze(0), weight, bias, stride, padBegin, padEnd, dilation, groups).squeeze(0);
        }
        ConvChecks.check(op, dims, x, weight, bias, stride, padBegin, dilation, groups);
        int[] xs = x.shape(), ws = weight.shape();
        Window2d win = window(dims, xs, ws, stride, padBegin, padEnd, dilation, op);
        int batch = xs[0], channels = xs[1], outChannels = ws[0];
        int[] outShape = dims == 1 ? new int[] {batch, outChannels, win.outW()}
                : new int[] {batch, outChannels, win.outH(), win.outW()};
        boolean tracked = Ops.tracked(x, weight, bias);
        Tensor out = Ops.output(x.dtype(), outShape, tracked, x, weight);
        Tensor xc = Ops.contiguousData(x), wc = Ops.contiguousData(weight), bc = bias == null ? null : Ops.contiguousData(bias);
        if (x.dtype() == DType.FLOAT32) {
            Im2colConvolution.forward(Ops.floats(xc), xc.storageOffset(), Ops.floats(wc), wc.storageOffset(),
                    bc == null ? null : Ops.floats(bc), bc == null ? 0 : bc.storageOffset(), Ops.floats(out), 0,
                    batch, channels, outChannels, groups, win);
        } else {
            Im2colConvolution.forward(Ops.doubles(xc), xc.storageOffset(), Ops.doubles(wc), wc.storageOffset(),
                    bc == null ? null : Ops.doubles(bc), bc == null ? 0 : bc.storageOffset(), Ops.doubles(out), 0,
                    batch, channels, outChannels, groups, win);
        }
        if (tracked) {
            ConvolutionBackward0 fn = new ConvolutionBackward0(win, groups);
            if (bias != null) fn.connect(out, true, x, weight, bias);
            else fn.connect(out, true, x, weight);
            if (fn.needsGrad(1)) fn.input = fn.save(x);
            if (fn.needsGrad(0)) fn.weight = fn.save(weight);
        }
        return out;
    }

    /** The sliding window, with the output size {@code floor((L + pads - d(k-1) - 1) / s) + 1} per dim. */
    private static Window2d window(int dims, int[] xs, int[] ws, int[] stride, int[] padBegin, int[] padEnd, int[] dilation,
                                   String op) {
        int[] in = new int[2], k = new int[2], s = {1, 1}, pb = new int[2], pe = new int[2], d = {1, 1}, out = new int[2];
        in[0] = 1;
        k[0] = 1;
        for (int i = 0; i < dims; i++) {
            int j = i + 2 - dims; // 1-D fills the width slot
            in[j] = xs[2 + i];
            k[j] = ws[2 + i];
            s[j] = stride[i];
            pb[j] = padBegin[i];
            pe[j] = padEnd[i];
            d[j] = dilation[i];
        }
        for (int j = 0; j < 2; j++) {
            int padded = in[j] + pb[j] + pe[j], span = d[j] * (k[j] - 1) + 1;
            if (padded < span) throw ConvChecks.kernelTooLarge(dims, xs, ws, padBegin, padEnd, dilation);
            out[j] = (padded - span) / s[j] + 1;
        }
        return new Window2d(in[0], in[1], out[0], out[1], k[0], k[1], s[0], s[1], pb[0], pb[1], d[0], d[1]);
    }

    static final class ConvolutionBackward0 extends Node {
        private final Window2d win;
        private final int groups;
        SavedTensor input, weight;

        ConvolutionBackward0(Window2d win, int groups) {
            this.win = win;
            this.groups = groups;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor gc = Ops.contiguousData(g);
            int[] xs = inputShape(0), ws = inputShape(1);
            int batch = xs[0], channels = xs[1], outChannels = ws[0];
            Tensor[] grads = new Tensor[inputCount()];
            if (needsGrad(0)) {
                Tensor w = Ops.contiguousData(weight.get());
                Tensor dx = Ops.output(g.dtype(), xs, false, gc, w);
                if (g.dtype() == DType.FLOAT32) {
                    Im2colConvolution.backwardInput(Ops.floats(gc), gc.storageOffset(), Ops.floats(w), w.storageOffset(),
                            Ops.floats(dx), 0, batch, channels, outChannels, groups, win);
                } else {
                    Im2colConvolution.backwardInput(Ops.doubles(gc), gc.storageOffset(), Ops.doubles(w), w.storageOffset(),
                            Ops.doubles(dx), 0, batch, channels, outChannels, groups, win);
                }
                grads[0] = dx;
            }
            boolean wantW = needsGrad(1), wantB = grads.length == 3 && needsGrad(2);
            if (wantW || wantB) {
                Tensor x = wantW ? Ops.contiguousData(input.get()) : null;
                Tensor dw = wantW ? Ops.output(g.dtype(), ws, false, gc, x) : null;
                Tensor db = wantB ? Ops.output(g.dtype(), new int[] {outChannels}, false, gc, x) : null;
                if (g.dtype() == DType.FLOAT32) {
                    Im2colConvolution.backwardWeight(Ops.floats(gc), gc.storageOffset(), x == null ? null : Ops.floats(x),
                            x == null ? 0 : x.storageOffset(), dw == null ? null : Ops.floats(dw), 0,
                            db == null ? null : Ops.floats(db), 0, batch, channels, outChannels, groups, win);
                } else {
                    Im2colConvolution.backwardWeight(Ops.doubles(gc), gc.storageOffset(), x == null ? null : Ops.doubles(x),
                            x == null ? 0 : x.storageOffset(), dw == null ? null : Ops.doubles(dw), 0,
                            db == null ? null : Ops.doubles(db), 0, batch, channels, outChannels, groups, win);
                }
                grads[1] = dw;
                if (wantB) grads[2] = db;
            }
            return grads;
        }
    }

    static String formatDims(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? " x " : "").append(v[i]);
        return sb.append(')').toString();
    }
}
