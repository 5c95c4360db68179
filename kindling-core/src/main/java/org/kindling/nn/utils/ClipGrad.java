package org.kindling.nn.utils;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.ops.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, like {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: call between
 * {@code backward()} and {@code step()}. Parameters whose gradient is null are ignored; gradients are modified
 * in place.
 */
public final class ClipGrad {
    private ClipGrad() {}

    /** {@link #clipGradNorm(Iterable, double, double, boolean)} with the 2-norm. */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    /** {@link #clipGradNorm(Iterable, double, double, boolean)} without the non-finite check. */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales all gradients together so that their total norm (the norm of the vector of every gradient's norm,
     * i.e. of all elements joined) is at most {@code maxNorm}: each gradient is multiplied by
     * {@code min(1, maxNorm / (total + 1e-6))}, as PyTorch does. Returns the total norm before clipping
     * (0 when no parameter has a gradient).
     *
     * <p>NOTE: the norm is accumulated in double; PyTorch accumulates float32 gradients in float32, so the
     * returned norm and the scale factor may differ from PyTorch's in the last float bits.
     *
     * @param normType         {@code p} of the p-norm: positive, or {@code Double.POSITIVE_INFINITY} for the max norm
     * @param errorIfNonfinite fail instead of scaling when the total norm is NaN or infinite
     */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, double normType,
                                      boolean errorIfNonfinite) {
        if (!(maxNorm >= 0)) throw new IllegalArgumentException("clipGradNorm: maxNorm must be non-negative, got " + maxNorm);
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be positive or infinity, got " + normType);
        }
        List<Tensor> grads = grads(params);
        if (grads.isEmpty()) return 0.0;
        boolean inf = normType == Double.POSITIVE_INFINITY;
        double total = 0;
        for (Tensor g : grads) {
            double norm = norm(g, normType);
            if (inf) total = Double.isNaN(norm) || Double.isNaN(total) ? Double.NaN : Math.max(total, norm);
            else total += pow(norm, normType);
        }
        if (!inf) total = root(total, normType);
        if (errorIfNonfinite && !Double.isFinite(total)) {
            throw new IllegalStateException("The total norm of order " + normType + " for gradients from `parameters` is "
                    + "non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite "
                    + "norm anyway, set errorIfNonfinite to false");
        }
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0); // Math.min keeps NaN, as torch.clamp does
        if (coef != 1.0) {
            try (var scope = Autograd.noGrad()) {
                for (Tensor g : grads) g.mulInPlace(coef);
            }
        }
        return total;
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]} ({@code clip_grad_value_}). */
    public static void clipGradValue(Iterable<? extends Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) throw new IllegalArgumentException("clipGradValue: clipValue must be non-negative, got " + clipValue);
        try (var scope = Autograd.noGrad()) {
            for (Tensor g : grads(params)) g.copyInPlace(g.clamp(-clipValue, clipValue));
        }
    }

    private static List<Tensor> grads(Iterable<? extends Tensor> params) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            if (TensorAccess.grad(p) != null) grads.add(TensorAccess.grad(p));
        }
        return grads;
    }

    /** The p-norm of one tensor's elements, accumulated in double. */
    private static double norm(Tensor t, double p) {
        Tensor c = Ops.contiguousData(t);
        int n = c.numel(), o = c.storageOffset();
        boolean isFloat = c.dtype() == org.kindling.DType.FLOAT32;
        float[] f = isFloat ? Ops.floats(c) : null;
        double[] d = isFloat ? null : Ops.doubles(c);
        double acc = 0;
        if (p == Double.POSITIVE_INFINITY) {
            for (int i = 0; i < n; i++) {
                double a = Math.abs(isFloat ? f[o + i] : d[o + i]);
                if (!(a <= acc)) acc = Double.isNaN(acc) ? acc : a; // keeps NaN once seen, like torch.max
            }
            return acc;
        }
        for (int i = 0; i < n; i++) acc += pow(Math.abs(isFloat ? f[o + i] : d[o + i]), p);
        return root(acc, p);
    }

    private static double pow(double x, double p) {
        return p == 1 ? x : p == 2 ? x * x : Math.pow(x, p);
    }

    private static double root(double x, double p) {
        return p == 1 ? x : p == 2 ? Math.sqrt(x) : Math.pow(x, 1 / p);
    }
}
