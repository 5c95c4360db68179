package org.kindling.nn;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.Warnings;
import org.kindling.internal.ops.AvgPooling;
import org.kindling.internal.ops.Convolution;
import org.kindling.internal.ops.DropoutOp;
import org.kindling.internal.ops.EmbeddingLookup;
import org.kindling.internal.ops.LinearOp;
import org.kindling.internal.ops.Losses;
import org.kindling.internal.ops.MaxPooling;
import org.kindling.internal.ops.NllLoss;
import org.kindling.internal.ops.Normalization;
import org.kindling.internal.shape.Shapes;

import java.util.Arrays;

/**
 * Stateless layers and losses, the counterpart of {@code torch.nn.functional}.
 *
 * <p>Pointwise losses whose input and target shapes differ broadcast them, as PyTorch does, and
 * warn with PyTorch's message, because that is almost always the {@code [N, 1]} vs {@code [N]}
 * mistake. Like Python's default warning filter, each distinct message is shown once, not on every
 * step. {@link #setStrictLossShapes(boolean)} turns the warning into an error. The binary
 * cross-entropy losses refuse mismatched shapes outright, as PyTorch's do.
 */
public final class Functional {
    private static volatile boolean strictLossShapes;

    private Functional() {}

    /**
     * When on, a loss whose input and target shapes differ throws instead of warning and broadcasting.
     * Process-wide configuration: set it once, before training starts; every thread sees it.
     */
    public static void setStrictLossShapes(boolean strict) {
        strictLossShapes = strict;
    }

    public static boolean isStrictLossShapes() {
        return strictLossShapes;
    }

    // ---------------------------------------------------------------- layers

    /** {@code x Wᵀ + b}. Shapes: x [..., in], weight [out, in], bias [out] or null → [..., out]. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return LinearOp.apply(input, weight, bias);
    }

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor gelu(Tensor x) {
        return x.gelu();
    }

    /** GELU with {@code approximate} {@code "none"} (erf, the default) or {@code "tanh"}. */
    public static Tensor gelu(Tensor x, String approximate) {
        return x.gelu(approximate);
    }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return x.leakyRelu(negativeSlope);
    }

    /** {@code x} where positive, else {@code alpha (e^x - 1)} (PyTorch default alpha 1). */
    public static Tensor elu(Tensor x, double alpha) {
        return x.elu(alpha);
    }

    public static Tensor elu(Tensor x) {
        return x.elu();
    }

    public static Tensor silu(Tensor x) {
        return x.silu();
    }

    /** {@code log(1 + e^(beta x)) / beta}, linear where {@code beta x > threshold} (PyTorch defaults 1 and 20). */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return x.softplus(beta, threshold);
    }

    public static Tensor softplus(Tensor x) {
        return x.softplus();
    }

    /**
     * Batch normalization over dim 1 (channels) of {@code [N, C, ...]}. Training: batch mean and
     * biased variance, and {@code runningMean}/{@code runningVar} (when not null) updated in place
     * to {@code (1 - momentum)·old + momentum·batch}, with the unbiased variance. Evaluation: the
     * running statistics. {@code weight}/{@code bias} [C] may be null (no affine transform).
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return Normalization.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** {@link #batchNorm(Tensor, Tensor, Tensor, Tensor, Tensor, boolean, double, double)} with PyTorch's momentum 0.1 and eps 1e-5. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training) {
        return batchNorm(input, runningMean, runningVar, weight, bias, training, 0.1, 1e-5);
    }

    /** Layer normalization over the trailing dims {@code normalizedShape}; weight/bias of that shape or null. */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** {@link #layerNorm(Tensor, int[], Tensor, Tensor, double)} with PyTorch's eps 1e-5. */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias) {
        return layerNorm(input, normalizedShape, weight, bias, 1e-5);
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /**
     * Zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)} when
     * {@code training}; the identity otherwise.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
        return DropoutOp.apply(x, p, training, generator);
    }

    /** {@link #dropout(Tensor, double, boolean, Generator)} with the default generator. */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return DropoutOp.apply(x, p, training, Generator.defaultGenerator());
    }

    /**
     * Channel dropout: zeroes each whole feature map {@code [n, c]} with probability {@code p} and
     * scales the rest by {@code 1/(1-p)} when {@code training}; the identity otherwise.
     */
    public static Tensor dropout2d(Tensor x, double p, boolean training, Generator generator) {
        return DropoutOp.features(x, p, training, generator);
    }

    // ---------------------------------------------------------------- convolution, pooling, embedding

    /** 1-D convolution with stride 1, no padding: input [N, C, L] or [C, L], weight [O, C, k], bias [O] or null. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return Convolution.apply(1, input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /** With {@code padding} "same" (stride 1 only) or "valid" (no padding), as in PyTorch. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, String padding, int dilation, int groups) {
        return convPadded(1, input, weight, bias, new int[] {stride}, padding, new int[] {dilation}, groups);
    }

    /** 2-D convolution with stride 1, no padding: input [N, C, H, W] or [C, H, W], weight [O, C, kh, kw], bias [O] or null. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return conv2d(input, weight, bias, pair(stride), pair(padding), pair(dilation), groups);
    }

    /** Stride, padding and dilation given per dim as [h, w]. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.apply(2, input, weight, bias, stride, padding, dilation, groups);
    }

    /** With {@code padding} "same" (stride 1 only) or "valid" (no padding), as in PyTorch. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        return convPadded(2, input, weight, bias, stride, padding, dilation, groups);
    }

    private static Tensor convPadded(int dims, Tensor input, Tensor weight, Tensor bias, int[] stride, String padding,
                                     int[] dilation, int groups) {
        return switch (padding) {
            case "same" -> Convolution.applySame(dims, input, weight, bias, stride, dilation, groups);
            case "valid" -> Convolution.apply(dims, input, weight, bias, stride, new int[dims], dilation, groups);
            default -> throw new IllegalArgumentException("Invalid padding string: '" + padding + "' (expected 'same' or 'valid')");
        };
    }

    /** Max pooling with stride = kernel size, no padding. */
    public static Tensor maxPool2d(Tensor input, int kernelSize) {
        return maxPool2dWithIndices(input, pair(kernelSize), null, pair(0), pair(1), false).values();
    }

    /** Max pooling; {@code stride} null means the kernel size. Sizes are [h, w]. */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode).values();
    }

    /** Max pooling and the int64 index of each max within its input plane ({@code return_indices=True}). */
    public static Tensor.ValuesAndIndices maxPool2dWithIndices(Tensor input, int[] kernelSize, int[] stride, int[] padding,
                                                               int[] dilation, boolean ceilMode) {
        MaxPooling.Result r = MaxPooling.apply(input, kernelSize, stride == null ? kernelSize : stride, padding, dilation, ceilMode);
        return new Tensor.ValuesAndIndices(r.values(), r.indices());
    }

    /** Average pooling with stride = kernel size, no padding. */
    public static Tensor avgPool2d(Tensor input, int kernelSize) {
        return avgPool2d(input, pair(kernelSize), null, pair(0), false, true, null);
    }

    /** Average pooling; {@code stride} null means the kernel size; {@code divisorOverride} null means none. */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, Integer divisorOverride) {
        return AvgPooling.apply(input, kernelSize, stride == null ? kernelSize : stride, padding, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** Averages over windows chosen so the output is [outH, outW]. */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return AvgPooling.adaptive(input, outH, outW);
    }

    public static Tensor adaptiveAvgPool2d(Tensor input, int outputSize) {
        return adaptiveAvgPool2d(input, outputSize, outputSize);
    }

    /** Rows of {@code weight} [num_embeddings, dim] picked by the int64 {@code input}: input.shape + [dim]. */
    public static Tensor embedding(Tensor input, Tensor weight) {
        return embedding(input, weight, null);
    }

    /** As {@link #embedding(Tensor, Tensor)}; row {@code paddingIdx} (negative counts from the end) gets no gradient. */
    public static Tensor embedding(Tensor input, Tensor weight, Integer paddingIdx) {
        Integer row = paddingIdx;
        if (paddingIdx != null && weight.dim() == 2) {
            int rows = weight.size(0);
            if (paddingIdx >= rows || paddingIdx < -rows) {
                throw new IllegalArgumentException("Padding_idx must be within num_embeddings, got " + paddingIdx
                        + " for weight of size " + Shapes.format(weight.shape()));
            }
            if (paddingIdx < 0) row = paddingIdx + rows;
        }
        return EmbeddingLookup.apply(input, weight, row);
    }

    static int[] pair(int v) {
        return new int[] {v, v};
    }

    // ---------------------------------------------------------------- losses

    /** Mean squared error with mean reduction. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return pointwise("mse_loss", Losses.Kind.MSE, input, target, reduction, 0);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        return pointwise("l1_loss", Losses.Kind.L1, input, target, reduction, 0);
    }

    /** Smooth L1: quadratic below {@code beta}, linear above (PyTorch default beta 1). */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        return pointwise("smooth_l1_loss", Losses.Kind.SMOOTH_L1, input, target, reduction, beta);
    }

    /** Huber: quadratic below {@code delta}, then linear with slope {@code delta} (PyTorch default delta 1). */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        checkHuberDelta(delta);
        return pointwise("huber_loss", Losses.Kind.HUBER, input, target, reduction, delta);
    }

    /** Binary cross-entropy on probabilities in [0, 1]; log terms are clamped at -100 as in PyTorch. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Reduction reduction) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Using a target size (" + torchSize(target.shape())
                    + ") that is different to the input size (" + torchSize(input.shape())
                    + ") is deprecated. Please ensure they have the same size.");
        }
        return pointwise("binary_cross_entropy", Losses.Kind.BCE, input, target, reduction, 0);
    }

    /** Binary cross-entropy on logits, computed stably (sigmoid folded into the loss). */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Reduction reduction) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Target size (" + torchSize(target.shape()) + ") must be the same as input size ("
                    + torchSize(input.shape()) + ")");
        }
        return pointwise("binary_cross_entropy_with_logits", Losses.Kind.BCE_WITH_LOGITS, input, target, reduction, 0);
    }

    /**
     * Negative log-likelihood of log-probabilities. Shapes: input [N, C] (or [C], or [N, C, d...]),
     * target [N] int64 class indices.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Reduction reduction) {
        return NllLoss.apply(input, target, null, reduction, -100);
    }

    /** NLL with per-class {@code weight} [C] (or null) and an ignored target value. */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        return NllLoss.apply(input, target, weight, reduction, ignoreIndex);
    }

    /** Cross-entropy of logits against class indices: {@code nll_loss(log_softmax(input, 1), target)}. */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, Reduction.MEAN);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return nllLoss(input.logSoftmax(input.dim() == 1 ? 0 : 1), target, reduction);
    }

    /** Cross-entropy with class weights (or null), an ignored target value, and label smoothing in [0, 1]. */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex,
                                      double labelSmoothing) {
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("cross_entropy: label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        Tensor logp = input.logSoftmax(classDim);
        Tensor nll = nllLoss(logp, target, weight, reduction, ignoreIndex);
        if (labelSmoothing == 0) return nll;
        return LabelSmoothing.apply(logp, target, weight, reduction, ignoreIndex, labelSmoothing, nll, classDim);
    }

    private static Tensor pointwise(String op, Losses.Kind kind, Tensor input, Tensor target, Reduction reduction,
                                    double param) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            String message = "Using a target size (" + torchSize(target.shape()) + ") that is different to the input size ("
                    + torchSize(input.shape()) + "). This will likely lead to incorrect results due to broadcasting. "
                    + "Please ensure they have the same size.";
            if (strictLossShapes) throw new IllegalArgumentException(op + ": " + message);
            Warnings.warn(message);
            int[] shape = Shapes.broadcast(op, input.shape(), target.shape());
            input = input.expand(shape);
            target = target.expand(shape);
        }
        return Losses.apply(kind, input, target, reduction, param);
    }

    /** PyTorch's check (ATen {@code huber_loss}): delta 0 would make the loss identically zero. */
    static void checkHuberDelta(double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
    }

    /** {@code torch.Size([256, 1])}, as PyTorch's warning prints sizes. */
    static String torchSize(int[] shape) {
        StringBuilder sb = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append("])").toString();
    }
}
