package org.kindling.internal.kernels;

import org.kindling.internal.parallel.Parallel;

/**
 * Fused optimizer updates over contiguous runs of {@code n} elements, one pass per parameter.
 *
 * <p>Each loop performs PyTorch 1.13's single-tensor update (parity README §5) element by element, in
 * ATen's operation order, so that float32 results round like PyTorch's:
 * <ul>
 *   <li>{@code a.add(b, alpha)} is {@code fma(b, alpha, a)}: ATen's vectorized add uses {@code vec::fmadd}
 *       (fused on AVX2 builds);
 *   <li>{@code a.addcmul(t1, t2, value)} is {@code fma(value * t1, t2, a)}: ATen writes
 *       {@code a + value * t1 * t2} and the compiler contracts it (found empirically: with this contraction the
 *       float32 kernels reproduce all 17 PyTorch optimizer fixtures bit for bit, without it Adagrad and RMSprop
 *       differ by 1-2 ulp in a few elements);
 *   <li>{@code a.addcdiv(t1, t2, value)} is {@code a + value * t1 / t2}, left to right (a division cannot be
 *       contracted);
 *   <li>Python scalars are rounded to the tensor's dtype before use, so callers pass float scalars to the
 *       float loops (already rounded) and double scalars to the double loops.
 * </ul>
 * Arrays are read and written in place; {@code buf}-style state arrays are updated too. Offsets say where
 * each run starts. There are no tensors here: the optimizer classes handle layout and dtype.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class OptimizerKernels {
    private OptimizerKernels() {}

    // ---------------------------------------------------------------- SGD

    /**
     * SGD: {@code d = ±g (+ wd*p)}; with momentum, {@code buf = first ? d : mom*buf + (1-damp)*d} and
     * {@code d = nesterov ? d + mom*buf : buf}; then {@code p -= lr*d}. {@code buf} is ignored when
     * {@code momentum == 0}. {@code negLr} is {@code -lr}, {@code oneMinusDampening} is {@code 1-dampening}.
     */
    public static void sgd(float[] p, int po, float[] g, int go, float[] buf, int bo, int n, float negLr, float weightDecay,
                           float momentum, float oneMinusDampening, boolean nesterov, boolean maximize, boolean firstStep) {
        if (n >= PARALLEL_MIN && Parallel.threads() > 1) {
            // Elements are independent, so splitting the range gives bit-identical results.
            Parallel.forRange(n, (from, to) -> sgdRange(p, po, g, go, buf, bo, from, to, negLr, weightDecay, momentum,
                    oneMinusDampening, nesterov, maximize, firstStep));
        } else {
            sgdRange(p, po, g, go, buf, bo, 0, n, negLr, weightDecay, momentum, oneMinusDampening, nesterov, maximize,
                    firstStep);
        }
    }

    /** Parameters at least this long are updated by all compute threads (the update is memory-bound). */
    static final int PARALLEL_MIN = 1 << 16;

    private static void sgdRange(float[] p, int po, float[] g, int go, float[] buf, int bo, int from, int to, float negLr,
                                 float weightDecay, float momentum, float oneMinusDampening, boolean nesterov,
                                 boolean maximize, boolean firstStep) {
        if (momentum == 0 && weightDecay == 0) {
            // The tutorial's plain SGD: p = fma(g, -lr, p) (maximize flips the sign of g exactly).
            float alpha = maximize ? -negLr : negLr;
            for (int i = from; i < to; i++) p[po + i] = Math.fma(g[go + i], alpha, p[po + i]);
            return;
        }
        for (int i = from; i < to; i++) {
            float d = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) d = Math.fma(p[po + i], weightDecay, d);
            if (momentum != 0) {
                float b = firstStep ? d : Math.fma(d, oneMinusDampening, buf[bo + i] * momentum);
                buf[bo + i] = b;
                d = nesterov ? Math.fma(b, momentum, d) : b;
            }
            p[po + i] = Math.fma(d, negLr, p[po + i]);
        }
    }

    /** {@link #sgd(float[], int, float[], int, float[], int, int, float, float, float, float, boolean, boolean, boolean)} in float64. */
    public static void sgd(double[] p, int po, double[] g, int go, double[] buf, int bo, int n, double negLr,
                           double weightDecay, double momentum, double oneMinusDampening, boolean nesterov, boolean maximize,
                           boolean firstStep) {
        for (int i = 0; i < n; i++) {
            double d = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) d = Math.fma(p[po + i], weightDecay, d);
            if (momentum != 0) {
                double b = firstStep ? d : Math.fma(d, oneMinusDampening, buf[bo + i] * momentum);
                buf[bo + i] = b;
                d = nesterov ? Math.fma(b, momentum, d) : b;
            }
            p[po + i] = Math.fma(d, negLr, p[po + i]);
        }
    }

    // ---------------------------------------------------------------- Adam / AdamW

    /**
     * Adam and AdamW: {@code p *= decay} (AdamW's decoupled decay; pass 1 for Adam), {@code g = ±g (+ wd*p)}
     * (Adam's coupled L2; pass 0 for AdamW), {@code m = b1*m + (1-b1)*g}, {@code v = b2*v + (1-b2)*g*g},
     * optionally {@code vmax = max(vmax, v)}, {@code denom = sqrt(v or vmax)/bc2Sqrt + eps},
     * {@code p += negStepSize * m / denom}. {@code vmax} is null without amsgrad.
     */
    public static void adam(float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo, float[] vmax, int xo,
                            int n, float decay, float weightDecay, float beta1, float oneMinusBeta1, float beta2,
                            float oneMinusBeta2, float bc2Sqrt, float eps, float negStepSize, boolean maximize) {
        for (int i = 0; i < n; i++) {
            float pi = p[po + i];
            if (decay != 1) pi = pi * decay;
            float gi = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) gi = Math.fma(pi, weightDecay, gi);
            float mi = Math.fma(gi, oneMinusBeta1, m[mo + i] * beta1);
            float vi = Math.fma(oneMinusBeta2 * gi, gi, v[vo + i] * beta2);
            m[mo + i] = mi;
            v[vo + i] = vi;
            if (vmax != null) {
                vi = Math.max(vmax[xo + i], vi);
                vmax[xo + i] = vi;
            }
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p[po + i] = pi + negStepSize * mi / denom;
        }
    }

    /** {@link #adam(float[], int, float[], int, float[], int, float[], int, float[], int, int, float, float, float, float, float, float, float, float, float, boolean)} in float64. */
    public static void adam(double[] p, int po, double[] g, int go, double[] m, int mo, double[] v, int vo, double[] vmax,
                            int xo, int n, double decay, double weightDecay, double beta1, double oneMinusBeta1,
                            double beta2, double oneMinusBeta2, double bc2Sqrt, double eps, double negStepSize,
                            boolean maximize) {
        for (int i = 0; i < n; i++) {
            double pi = p[po + i];
            if (decay != 1) pi = pi * decay;
            double gi = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) gi = Math.fma(pi, weightDecay, gi);
            double mi = Math.fma(gi, oneMinusBeta1, m[mo + i] * beta1);
            double vi = Math.fma(oneMinusBeta2 * gi, gi, v[vo + i] * beta2);
            m[mo + i] = mi;
            v[vo + i] = vi;
            if (vmax != null) {
                vi = Math.max(vmax[xo + i], vi);
                vmax[xo + i] = vi;
            }
            double denom = Math.sqrt(vi) / bc2Sqrt + eps;
            p[po + i] = pi + negStepSize * mi / denom;
        }
    }

    // ---------------------------------------------------------------- RMSprop

    /**
     * RMSprop: {@code g = ±g (+ wd*p)}, {@code sq = a*sq + (1-a)*g*g}; centered: {@code ga = a*ga + (1-a)*g},
     * {@code avg = sqrt(sq - ga*ga) + eps}, else {@code avg = sqrt(sq) + eps}; with momentum
     * {@code buf = mom*buf + g/avg, p -= lr*buf}, else {@code p -= lr*g/avg}. {@code ga} is null unless
     * centered, {@code buf} null unless momentum > 0.
     */
    public static void rmsprop(float[] p, int po, float[] g, int go, float[] sq, int so, float[] ga, int ao, float[] buf,
                               int bo, int n, float negLr, float weightDecay, float alpha, float oneMinusAlpha, float eps,
                               float momentum, boolean maximize) {
        for (int i = 0; i < n; i++) {
            float gi = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) gi = Math.fma(p[po + i], weightDecay, gi);
            float s = Math.fma(oneMinusAlpha * gi, gi, sq[so + i] * alpha);
            sq[so + i] = s;
            float avg;
            if (ga != null) {
                float a = Math.fma(gi, oneMinusAlpha, ga[ao + i] * alpha);
                ga[ao + i] = a;
                avg = (float) Math.sqrt(Math.fma(-a, a, s)) + eps;
            } else {
                avg = (float) Math.sqrt(s) + eps;
            }
            if (buf != null) {
                float b = buf[bo + i] * momentum + gi / avg;
                buf[bo + i] = b;
                p[po + i] = Math.fma(b, negLr, p[po + i]);
            } else {
                p[po + i] = p[po + i] + negLr * gi / avg;
            }
        }
    }

    /** {@link #rmsprop(float[], int, float[], int, float[], int, float[], int, float[], int, int, float, float, float, float, float, float, boolean)} in float64. */
    public static void rmsprop(double[] p, int po, double[] g, int go, double[] sq, int so, double[] ga, int ao,
                               double[] buf, int bo, int n, double negLr, double weightDecay, double alpha,
                               double oneMinusAlpha, double eps, double momentum, boolean maximize) {
        for (int i = 0; i < n; i++) {
            double gi = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) gi = Math.fma(p[po + i], weightDecay, gi);
            double s = Math.fma(oneMinusAlpha * gi, gi, sq[so + i] * alpha);
            sq[so + i] = s;
            double avg;
            if (ga != null) {
                double a = Math.fma(gi, oneMinusAlpha, ga[ao + i] * alpha);
                ga[ao + i] = a;
                avg = Math.sqrt(Math.fma(-a, a, s)) + eps;
            } else {
                avg = Math.sqrt(s) + eps;
            }
            if (buf != null) {
                double b = buf[bo + i] * momentum + gi / avg;
                buf[bo + i] = b;
                p[po + i] = Math.fma(b, negLr, p[po + i]);
            } else {
                p[po + i] = p[po + i] + negLr * gi / avg;
            }
        }
    }

    // ---------------------------------------------------------------- Adagrad

    /** Adagrad: {@code g = ±g (+ wd*p)}, {@code sum += g*g}, {@code p -= clr * g / (sqrt(sum) + eps)}; {@code negClr} is {@code -clr}. */
    public static void adagrad(float[] p, int po, float[] g, int go, float[] sum, int so, int n, float negClr,
                               float weightDecay, float eps, boolean maximize) {
        for (int i = 0; i < n; i++) {
            float gi = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) gi = Math.fma(p[po + i], weightDecay, gi);
            float s = Math.fma(gi, gi, sum[so + i]);
            sum[so + i] = s;
            float std = (float) Math.sqrt(s) + eps;
            p[po + i] = p[po + i] + negClr * gi / std;
        }
    }

    /** {@link #adagrad(float[], int, float[], int, float[], int, int, float, float, float, boolean)} in float64. */
    public static void adagrad(double[] p, int po, double[] g, int go, double[] sum, int so, int n, double negClr,
                               double weightDecay, double eps, boolean maximize) {
        for (int i = 0; i < n; i++) {
            double gi = maximize ? -g[go + i] : g[go + i];
            if (weightDecay != 0) gi = Math.fma(p[po + i], weightDecay, gi);
            double s = Math.fma(gi, gi, sum[so + i]);
            sum[so + i] = s;
            double std = Math.sqrt(s) + eps;
            p[po + i] = p[po + i] + negClr * gi / std;
        }
    }
}
