package org.kindling.internal.ops;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.NormKernels;
import org.kindling.internal.shape.Shapes;

/**
 * Batch normalization (statistics per channel, dim 1, over every other dim) and layer
 * normalization (statistics per row over the trailing {@code normalized_shape}), each with an
 * optional affine weight and bias. Statistics are two-pass in double ({@link NormKernels}).
 */
public final class Normalization {
    private Normalization() {}

    /**
     * {@code F.batch_norm}. Training normalizes with the batch's mean and biased variance and, when
     * given, updates the running statistics in place ({@code (1-m)·old + m·new}, with the unbiased
     * variance); evaluation normalizes with the running statistics.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        Ops.requireFloat("batch_norm", x);
        int[] shape = x.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("batch_norm: expected an input of at least 2 dims [N, C, ...], got shape "
                    + Shapes.format(shape));
        }
        int n = shape[0], c = shape[1], inner = Shapes.numel(shape) / Math.max(1, n * c);
        checkChannels("running_mean", runningMean, c, shape);
        checkChannels("running_var", runningVar, c, shape);
        checkChannels("weight", weight, c, shape);
        checkChannels("bias", bias, c, shape);
        checkDType("batch_norm", x, runningMean, runningVar, weight, bias);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batch_norm: running_mean and running_var must both be given or both be null");
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException("batch_norm: running_mean and running_var must be defined in evaluation mode");
        }
        int count = n * inner;
        if (training && count <= 1) {
            throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                    + torchSize(shape));
        }
        // float32 is read and written in place (the double copies cost more than the arithmetic);
        // both paths compute in double with the same operations in the same order: same bits.
        boolean f32 = x.dtype() == DType.FLOAT32;
        Tensor xc = Ops.contiguousData(x);
        double[] xs = f32 ? null : xc.toDoubleArray();
        double[] mean, invstd;
        if (training) {
            mean = new double[c];
            double[] var = new double[c];
            if (f32) NormKernels.channelStats(Ops.floats(xc), xc.storageOffset(), n, c, inner, mean, var);
            else NormKernels.channelStats(xs, n, c, inner, mean, var);
            invstd = new double[c];
            for (int ch = 0; ch < c; ch++) invstd[ch] = 1 / Math.sqrt(var[ch] + eps);
            if (runningMean != null) updateRunning(runningMean, runningVar, mean, var, momentum, count);
        } else {
            mean = runningMean.toDoubleArray();
            double[] rv = runningVar.toDoubleArray();
            invstd = new double[c];
            for (int ch = 0; ch < c; ch++) invstd[ch] = 1 / Math.sqrt(rv[ch] + eps);
        }
        double[] w = weight == null ? null : weight.toDoubleArray(), b = bias == null ? null : bias.toDoubleArray();
        boolean tracked = Ops.tracked(x, weight, bias);
        Tensor out = Ops.output(x.dtype(), shape, tracked, x, null);
        if (f32) {
            NormKernels.batchNormApply(Ops.floats(xc), xc.storageOffset(), n, c, inner, mean, invstd, w, b,
                    Ops.floats(out), out.storageOffset());
        } else {
            for (int i = 0; i < xs.length; i++) {
                int ch = (i / inner) % c;
                double y = (xs[i] - mean[ch]) * invstd[ch];
                Ops.set(out, i, y * (w == null ? 1 : w[ch]) + (b == null ? 0 : b[ch]));
            }
        }
        if (tracked) {
            NativeBatchNormBackward0 fn = new NativeBatchNormBackward0(training, mean, invstd, n, c, inner);
            fn.connect(out, true, x, weight, bias);
            fn.x = fn.save(x);
            if (weight != null) fn.weight = fn.save(weight);
        }
        return out;
    }

    private static String torchSize(int[] shape) {
        return "torch.Size(" + Shapes.format(shape) + ")";
    }

    private static void checkChannels(String name, Tensor t, int c, int[] inputShape) {
        if (t != null && (t.dim() != 1 || t.size(0) != c)) {
            throw new IllegalArgumentException("batch_norm: " + name + " of shape " + Shapes.format(t.shape())
                    + " does not match the " + c + " channels of input shape " + Shapes.format(inputShape));
        }
    }

    /** Weight, bias and statistics must share the input's dtype (their gradients take it). */
    private static void checkDType(String op, Tensor x, Tensor... others) {
        for (Tensor t : others) {
            if (t != null && t.dtype() != x.dtype()) {
                throw new IllegalArgumentException(op + ": expected weight, bias and running statistics of the input's dtype "
                        + x.dtype().pytorchName() + ", got " + t.dtype().pytorchName());
            }
        }
    }

    /** PyTorch's running-statistics update, written in place without recording. */
    private static void updateRunning(Tensor runningMean, Tensor runningVar, double[] mean, double[] var, double momentum,
                                      int count) {
        double[] rm = runningMean.toDoubleArray(), rv = runningVar.toDoubleArray();
        for (int ch = 0; ch < rm.length; ch++) {
            rm[ch] = momentum * mean[ch] + (1 - momentum) * rm[ch];
            rv[ch] = momentum * var[ch] * count / (count - 1) + (1 - momentum) * rv[ch];
        }
        try (var g = Autograd.noGrad()) {
            runningMean.copyInPlace(Tensor.fromArray(rm, rm.length));
            runningVar.copyInPlace(Tensor.fromArray(rv, rv.length));
        }
    }

    /** {@code F.layer_norm}: statistics over the trailing dims given by {@code normalizedShape}. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        Ops.requireFloat("layer_norm", x);
        int[] shape = x.shape();
        int k = normalizedShape.length, lead = shape.length - k;
        boolean fits = lead >= 0;
        for (int i = 0; fits && i < k; i++) fits = shape[lead + i] == normalizedShape[i];
        if (!fits) {
            throw new IllegalArgumentException("layer_norm: given normalized_shape=" + Shapes.format(normalizedShape)
                    + ", expected input with shape [*, " + Shapes.format(normalizedShape).replaceAll("^\\[|\\]$", "")
                    + "], but got input of size " + Shapes.format(shape));
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !java.util.Arrays.equals(t.shape(), normalizedShape)) {
                throw new IllegalArgumentException("layer_norm: weight and bias must have the normalized shape "
                        + Shapes.format(normalizedShape) + ", got " + Shapes.format(t.shape()));
            }
        }
        checkDType("layer_norm", x, weight, bias);
        int d = Shapes.numel(normalizedShape), rows = d == 0 ? 0 : x.numel() / d;
        double[] xs = Ops.contiguousData(x).toDoubleArray();
        double[] mean = new double[rows], rstd = new double[rows];
        NormKernels.rowStats(xs, rows, d, mean, rstd);
        for (int r = 0; r < rows; r++) rstd[r] = 1 / Math.sqrt(rstd[r] + eps);
        double[] w = weight == null ? null : weight.toDoubleArray(), b = bias == null ? null : bias.toDoubleArray();
        boolean tracked = Ops.tracked(x, weight, bias);
        Tensor out = Ops.output(x.dtype(), shape, tracked, x, null);
        for (int i = 0; i < xs.length; i++) {
            int r = i / d, j = i % d;
            double y = (xs[i] - mean[r]) * rstd[r];
            Ops.set(out, i, y * (w == null ? 1 : w[j]) + (b == null ? 0 : b[j]));
        }
        if (tracked) {
            NativeLayerNormBackward0 fn = new NativeLayerNormBackward0(mean, rstd, rows, d);
            fn.connect(out, true, x, weight, bias);
            fn.x = fn.save(x);
            if (weight != null) fn.weight = fn.save(weight);
        }
        return out;
    }

    /** Gradients for input, weight and bias of batch norm, in double, from the saved mean and 1/std per channel. */
    static final class NativeBatchNormBackward0 extends Node {
        private final boolean training;
        private final double[] mean, invstd;
        private final int n, c, inner;
        SavedTensor x, weight;

        NativeBatchNormBackward0(boolean training, double[] mean, double[] invstd, int n, int c, int inner) {
            this.training = training;
            this.mean = mean;
            this.invstd = invstd;
            this.n = n;
            this.c = c;
            this.inner = inner;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor xc = Ops.contiguousData(x.get()), gc = Ops.contiguousData(g);
            double[] w = weight == null ? null : weight.get().toDoubleArray();
            double[] sumG = new double[c], sumGXhat = new double[c];
            if (g.dtype() == DType.FLOAT32) { // in place, as in the forward: same bits as the double path
                float[] xf = Ops.floats(xc), gf = Ops.floats(gc);
                NormKernels.channelGradSums(xf, xc.storageOffset(), gf, gc.storageOffset(), n, c, inner, mean, invstd, sumG, sumGXhat);
                Tensor dx = null;
                if (needsGrad(0)) {
                    dx = Ops.output(g.dtype(), inputShape(0), false, g, null);
                    NormKernels.batchNormInputGrad(xf, xc.storageOffset(), gf, gc.storageOffset(), n, c, inner, training, mean,
                            invstd, w, sumG, sumGXhat, Ops.floats(dx), dx.storageOffset());
                }
                return new Tensor[] {dx, needsGrad(1) ? vector(g, sumGXhat) : null, needsGrad(2) ? vector(g, sumG) : null};
            }
            double[] xs = xc.toDoubleArray(), gs = gc.toDoubleArray();
            NormKernels.channelGradSums(xs, gs, n, c, inner, mean, invstd, sumG, sumGXhat);
            Tensor dx = null;
            if (needsGrad(0)) {
                dx = Ops.output(g.dtype(), inputShape(0), false, g, null);
                double m = (double) n * inner;
                for (int i = 0; i < xs.length; i++) {
                    int ch = (i / inner) % c;
                    double scale = (w == null ? 1 : w[ch]) * invstd[ch];
                    double v = training
                            ? scale * (gs[i] - sumG[ch] / m - (xs[i] - mean[ch]) * invstd[ch] * sumGXhat[ch] / m)
                            : scale * gs[i];
                    Ops.set(dx, i, v);
                }
            }
            return new Tensor[] {dx, needsGrad(1) ? vector(g, sumGXhat) : null, needsGrad(2) ? vector(g, sumG) : null};
        }
    }

    /** Gradients for input, weight and bias of layer norm, in double, from the saved row means and 1/std. */
    static final class NativeLayerNormBackward0 extends Node {
        private final double[] mean, rstd;
        private final int rows, d;
        SavedTensor x, weight;

        NativeLayerNormBackward0(double[] mean, double[] rstd, int rows, int d) {
            this.mean = mean;
            this.rstd = rstd;
            this.rows = rows;
            this.d = d;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            double[] xs = Ops.contiguousData(x.get()).toDoubleArray(), gs = Ops.contiguousData(g).toDoubleArray();
            double[] w = weight == null ? null : weight.get().toDoubleArray();
            double[] dw = new double[d], db = new double[d], dxs = new double[xs.length];
            NormKernels.layerNormBackward(xs, gs, w, rows, d, mean, rstd, dxs, dw, db);
            Tensor dx = null;
            if (needsGrad(0)) {
                dx = Ops.output(g.dtype(), inputShape(0), false, g, null);
                for (int i = 0; i < dxs.length; i++) Ops.set(dx, i, dxs[i]);
            }
            Tensor gw = needsGrad(1) ? vector(g, dw).reshape(inputShape(1)) : null;
            Tensor gb = needsGrad(2) ? vector(g, db).reshape(inputShape(2)) : null;
            return new Tensor[] {dx, gw, gb};
        }
    }

    /** A 1-D tensor of {@code g}'s dtype holding {@code v}. */
    private static Tensor vector(Tensor g, double[] v) {
        Tensor t = Ops.output(g.dtype(), new int[] {v.length}, false, null, null);
        for (int i = 0; i < v.length; i++) Ops.set(t, i, v[i]);
        return t;
    }
}
