package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.LossKernels;
import org.kindling.internal.shape.Shapes;
import org.kindling.nn.Reduction;

import java.util.Arrays;

/**
 * Pointwise regression and binary-classification losses as fused primitives: one pass computes
 * the elementwise loss and its reduction; backward is one pass too. Input and target have equal
 * shapes here (the nn layer decides about broadcasting and warns).
 * The reduced float32 MSE, on every regression workload's hot path, has a fused kernel of its own
 * ({@link #mseReduced}).
 */
public final class Losses {
    /** Which pointwise loss. */
    public enum Kind { MSE, L1, SMOOTH_L1, HUBER, BCE, BCE_WITH_LOGITS }

    private Losses() {}

    public static Tensor apply(Kind kind, Tensor input, Tensor target, Reduction reduction, double param) {
        String op = opName(kind);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": input shape " + Shapes.format(input.shape())
                    + " and target shape " + Shapes.format(target.shape()) + " must be equal");
        }
        Ops.requireFloat(op, input);
        if (target.dtype() != input.dtype()) target = target.to(input.dtype());
        if ((kind == Kind.SMOOTH_L1 || kind == Kind.HUBER) && param < 0) {
            throw new IllegalArgumentException(op + ": " + (kind == Kind.HUBER ? "delta" : "beta") + " must be non-negative, got " + param);
        }
        if (kind == Kind.SMOOTH_L1 && param == 0) kind = Kind.L1; // PyTorch: beta 0 is exactly L1
        boolean tracked = Ops.tracked(input, target);
        Tensor x = Ops.contiguousData(input), t = Ops.contiguousData(target);
        int n = x.numel();
        if (kind == Kind.MSE && reduction != Reduction.NONE && x.dtype() == DType.FLOAT32 && n > 0) {
            return mseReduced(input, target, x, t, reduction, tracked);
        }
        double[] xs = x.toDoubleArray(), ts = t.toDoubleArray();
        if (kind == Kind.BCE) checkProbabilities(xs, ts);
        Tensor out;
        if (reduction == Reduction.NONE) {
            out = Ops.output(input.dtype(), input.shape(), tracked, input, target);
            for (int i = 0; i < n; i++) Ops.set(out, i, loss(kind, xs[i], ts[i], param));
        } else {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += loss(kind, xs[i], ts[i], param);
            out = Ops.output(input.dtype(), Shapes.SCALAR, tracked, null, null);
            Ops.set(out, 0, reduction == Reduction.MEAN ? sum / n : sum);
        }
        if (tracked) {
            PointwiseLossBackward fn = new PointwiseLossBackward(kind, reduction, param);
            fn.connect(out, true, input, target);
            fn.input = fn.save(input);
            fn.target = fn.save(target);
        }
        return out;
    }

    private static String opName(Kind kind) {
        return switch (kind) {
            case MSE -> "mse_loss";
            case L1 -> "l1_loss";
            case SMOOTH_L1 -> "smooth_l1_loss";
            case HUBER -> "huber_loss";
            case BCE -> "binary_cross_entropy";
            case BCE_WITH_LOGITS -> "binary_cross_entropy_with_logits";
        };
    }

    private static void checkProbabilities(double[] xs, double[] ts) {
        for (int i = 0; i < xs.length; i++) {
            if (!(xs[i] >= 0 && xs[i] <= 1)) {
                throw new IllegalArgumentException("binary_cross_entropy: all elements of input should be between 0 and 1, "
                        + "but element " + i + " is " + xs[i] + " (apply sigmoid first, or use BCEWithLogitsLoss)");
            }
        }
    }


    /** The elementwise loss, in double. */
    static double loss(Kind kind, double x, double t, double p) {
        double d = x - t;
        return switch (kind) {
            case MSE -> d * d;
            case L1 -> Math.abs(d);
            case SMOOTH_L1 -> Math.abs(d) < p ? 0.5 * d * d / p : Math.abs(d) - 0.5 * p;
            case HUBER -> Math.abs(d) < p ? 0.5 * d * d : p * (Math.abs(d) - 0.5 * p);
            case BCE -> -(t * Math.max(Math.log(x), -100) + (1 - t) * Math.max(Math.log(1 - x), -100));
            case BCE_WITH_LOGITS -> {
                double m = Math.max(-x, 0);
                yield (1 - t) * x + m + Math.log(Math.exp(-m) + Math.exp(-x - m));
            }
        };
    }

    /** d loss / d input for one element. */
    static double derivative(Kind kind, double x, double t, double p) {
        double d = x - t;
        return switch (kind) {
            case MSE -> 2 * d;
            case L1 -> Math.signum(d);
            case SMOOTH_L1 -> Math.abs(d) < p ? d / p : Math.signum(d);
            case HUBER -> Math.abs(d) < p ? d : p * Math.signum(d);
            case BCE -> d / Math.max(x * (1 - x), 1e-12);
            case BCE_WITH_LOGITS -> 1 / (1 + Math.exp(-x)) - t;
        };
    }

    /** d loss / d target for one element (targets rarely need grad; BCE's is the log-odds). */
    static double targetDerivative(Kind kind, double x, double t, double p) {
        return switch (kind) {
            case MSE, L1, SMOOTH_L1, HUBER -> -derivative(kind, x, t, p);
            case BCE -> Math.max(Math.log(1 - x), -100) - Math.max(Math.log(x), -100);
            case BCE_WITH_LOGITS -> -x;
        };
    }

    static final class PointwiseLossBackward extends Node {
        private final Kind kind;
        private final Reduction reduction;
        private final double param;
        SavedTensor input, target;

        PointwiseLossBackward(Kind kind, Reduction reduction, double param) {
            this.kind = kind;
            this.reduction = reduction;
            this.param = param;
        }

        @Override
        public String name() {
            return switch (kind) {
                case MSE -> "MseLossBackward0";
                case L1 -> "L1LossBackward0";
                case SMOOTH_L1 -> "SmoothL1LossBackward0";
                case HUBER -> "HuberLossBackward0";
                case BCE -> "BinaryCrossEntropyBackward0";
                case BCE_WITH_LOGITS -> "BinaryCrossEntropyWithLogitsBackward0";
            };
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = input.get(), t = target.get();
            int n = x.numel();
            double[] xs = x.toDoubleArray(), ts = t.toDoubleArray();
            double[] gs = reduction == Reduction.NONE ? g.contiguous().toDoubleArray() : null;
            double scale = reduction == Reduction.NONE ? 1 : g.itemDouble() * (reduction == Reduction.MEAN ? 1.0 / n : 1.0);
            Tensor[] grads = new Tensor[2];
            for (int which = 0; which < 2; which++) {
                if (!needsGrad(which)) continue;
                Tensor out = Ops.output(x.dtype(), x.shape(), false, g, null);
                for (int i = 0; i < n; i++) {
                    double d = which == 0 ? derivative(kind, xs[i], ts[i], param) : targetDerivative(kind, xs[i], ts[i], param);
                    Ops.set(out, i, d * (gs != null ? gs[i] : scale));
                }
                grads[which] = out;
            }
            return grads;
        }
    }

    /**
     * The reduced float32 mean squared error as one fused pass forward and one backward, without the
     * elementwise temporaries of the general path. Gradient as PyTorch's {@code mse_backward}:
     * {@code (2/n · g) · (x - t)} for 'mean', {@code 2g · (x - t)} for 'sum'. {@code x} and {@code t}
     * are contiguous views of {@code input} and {@code target} (same shape, float32). */
    private static Tensor mseReduced(Tensor input, Tensor target, Tensor x, Tensor t, Reduction reduction, boolean tracked) {
        int n = x.numel();
        double sum = LossKernels.squaredError(Ops.floats(x), x.storageOffset(), Ops.floats(t), t.storageOffset(), n);
        Tensor out = Ops.output(x.dtype(), Shapes.SCALAR, tracked, null, null);
        Ops.floats(out)[0] = (float) (reduction == Reduction.MEAN ? sum / n : sum);
        if (tracked) {
            MseLossBackward0 fn = new MseLossBackward0(reduction);
            fn.connect(out, true, input, target);
            fn.input = fn.save(x);
            fn.target = fn.save(t);
        }
        return out;
    }

    static final class MseLossBackward0 extends Node {
        private final Reduction reduction;
        SavedTensor input, target;

        MseLossBackward0(Reduction reduction) {
            this.reduction = reduction;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = input.get(), t = target.get();
            int n = x.numel();
            float norm = (float) (reduction == Reduction.MEAN ? 2.0 / n : 2.0);
            float scale = norm * g.item();
            Tensor[] grads = new Tensor[2];
            for (int which = 0; which < 2; which++) {
                if (!needsGrad(which)) continue;
                Tensor d = Ops.output(x.dtype(), x.shape(), false, g, null);
                LossKernels.scaledDifference(Ops.floats(x), x.storageOffset(), Ops.floats(t), t.storageOffset(),
                        which == 0 ? scale : -scale, Ops.floats(d), 0, n);
                grads[which] = d.reshape(inputShape(which));
            }
            return grads;
        }
    }
}
