package org.kindling.internal.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

/**
 * Fused linear-layer kernels for narrow inputs (a few input features, as in the tutorial's
 * 1 → 64 → 1 network), where a general GEMM would make extra passes over the large output:
 * the forward writes {@code x Wᵀ + b} in one pass, and the weight and bias gradients come from
 * one pass over the output gradient.
 *
 * <p>Not a duplicate of {@link SmallGemm}: the bias, the ReLU and the weight-gradient reduction are
 * folded into the same pass instead of separate passes over the 1000 x 64 activations. Justified by
 * the W1 training step (TrainingStepBenchmark, and W1 in bench/compare.sh).
 */
public final class VectorLinear {
    private VectorLinear() {}

    /**
     * {@code y[i, :] = b + Σ_p x[i, p] · wt[p, :]}. Shapes: x [rows, in] (row stride in),
     * wt [in, out], b [out] or null, y [rows, out]. Columns go in blocks of up to four vectors
     * whose weights and bias stay in registers while the rows stream by.
     */
    public static void forwardNarrow(float[] x, int xo, int rows, int in, float[] wt, float[] b, int bo,
                                     float[] y, int yo, int out, boolean relu) {
        // NOTE: relu as a floor of 0 or -infinity keeps one code path (max with -inf is the identity).
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        int j = 0;
        for (; j + 4 * L <= out; j += 4 * L) {
            if (in == 1) columns4In1(x, xo, rows, wt, b, bo, y, yo, out, j, floor);
            else columns4(x, xo, rows, in, wt, b, bo, y, yo, out, j, floor);
        }
        for (; j < out; j += L) {
            VectorMask<Float> m = S.indexInRange(j, out);
            FloatVector bias = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, bo + j, m);
            for (int i = 0; i < rows; i++) {
                FloatVector acc = bias;
                for (int p = 0; p < in; p++) {
                    acc = FloatVector.fromArray(S, wt, p * out + j, m).fma(FloatVector.broadcast(S, x[xo + i * in + p]), acc);
                }
                acc.max(floor).intoArray(y, yo + i * out + j, m);
            }
        }
    }

    /** One input feature: four weight and four bias vectors in registers, one broadcast per row. */
    private static void columns4In1(float[] x, int xo, int rows, float[] wt, float[] b, int bo,
                                    float[] y, int yo, int out, int j, float floor) {
        FloatVector f = FloatVector.broadcast(S, floor);
        FloatVector w0 = FloatVector.fromArray(S, wt, j), w1 = FloatVector.fromArray(S, wt, j + L);
        FloatVector w2 = FloatVector.fromArray(S, wt, j + 2 * L), w3 = FloatVector.fromArray(S, wt, j + 3 * L);
        FloatVector b0 = FloatVector.zero(S), b1 = b0, b2 = b0, b3 = b0;
        if (b != null) {
            b0 = FloatVector.fromArray(S, b, bo + j);
            b1 = FloatVector.fromArray(S, b, bo + j + L);
            b2 = FloatVector.fromArray(S, b, bo + j + 2 * L);
            b3 = FloatVector.fromArray(S, b, bo + j + 3 * L);
        }
        for (int i = 0, yi = yo + j; i < rows; i++, yi += out) {
            FloatVector xv = FloatVector.broadcast(S, x[xo + i]);
            w0.fma(xv, b0).max(f).intoArray(y, yi);
            w1.fma(xv, b1).max(f).intoArray(y, yi + L);
            w2.fma(xv, b2).max(f).intoArray(y, yi + 2 * L);
            w3.fma(xv, b3).max(f).intoArray(y, yi + 3 * L);
        }
    }

    /** A few input features: bias in registers, weights reloaded from the small transposed copy (L1-resident). */
    private static void columns4(float[] x, int xo, int rows, int in, float[] wt, float[] b, int bo,
                                 float[] y, int yo, int out, int j, float floor) {
        FloatVector z = FloatVector.zero(S), f = FloatVector.broadcast(S, floor);
        FloatVector b0 = b == null ? z : FloatVector.fromArray(S, b, bo + j);
        FloatVector b1 = b == null ? z : FloatVector.fromArray(S, b, bo + j + L);
        FloatVector b2 = b == null ? z : FloatVector.fromArray(S, b, bo + j + 2 * L);
        FloatVector b3 = b == null ? z : FloatVector.fromArray(S, b, bo + j + 3 * L);
        for (int i = 0, yi = yo + j; i < rows; i++, yi += out) {
            FloatVector a0 = b0, a1 = b1, a2 = b2, a3 = b3;
            for (int p = 0, wp = j; p < in; p++, wp += out) {
                FloatVector xv = FloatVector.broadcast(S, x[xo + i * in + p]);
                a0 = FloatVector.fromArray(S, wt, wp).fma(xv, a0);
                a1 = FloatVector.fromArray(S, wt, wp + L).fma(xv, a1);
                a2 = FloatVector.fromArray(S, wt, wp + 2 * L).fma(xv, a2);
                a3 = FloatVector.fromArray(S, wt, wp + 3 * L).fma(xv, a3);
            }
            a0.max(f).intoArray(y, yi);
            a1.max(f).intoArray(y, yi + L);
            a2.max(f).intoArray(y, yi + 2 * L);
            a3.max(f).intoArray(y, yi + 3 * L);
        }
    }

    /**
     * Weight and bias gradients in one pass over g: {@code gwt[p, :] = Σ_i x[i, p] · g[i, :]} and
     * {@code gb[:] = Σ_i g[i, :]}, where g is first masked by {@code y > 0} when a ReLU output
     * {@code y} is given (the fused ReLU backward). Accumulated in float over blocks of rows and in
     * double across blocks. Shapes: g and y [rows, out], x [rows, in]; gwt is [in, out] (the
     * transposed weight gradient), gb [out]. {@code accW} (≥ in·out) and {@code accB} (≥ out) are
     * double scratch; {@code tmp} float scratch of length ≥ (in + 1)·out.
     */
    public static void weightGradNarrow(float[] g, int go, float[] y, int yo, float[] x, int xo, int rows, int in,
                                        int out, double[] accW, double[] accB, float[] tmp) {
        java.util.Arrays.fill(accW, 0, in * out, 0.0);
        java.util.Arrays.fill(accB, 0, out, 0.0);
        if (in == 1 && out == 4 * L) {
            weightGradIn1Out4L(g, go, y, yo, x, xo, rows, accW, accB, tmp);
            return;
        }
        int block = VectorElementwise.BLOCK;
        FloatVector zero = FloatVector.zero(S);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            java.util.Arrays.fill(tmp, 0, (in + 1) * out, 0f);
            for (int i = r0; i < r1; i++) {
                for (int j = 0; j < out; j += L) {
                    VectorMask<Float> m = S.indexInRange(j, out);
                    FloatVector gv = FloatVector.fromArray(S, g, go + i * out + j, m);
                    if (y != null) gv = zero.blend(gv, FloatVector.fromArray(S, y, yo + i * out + j, m).compare(VectorOperators.GT, 0f));
                    FloatVector.fromArray(S, tmp, j, m).add(gv).intoArray(tmp, j, m);
                    for (int p = 0; p < in; p++) {
                        int t = (p + 1) * out + j;
                        gv.fma(FloatVector.broadcast(S, x[xo + i * in + p]), FloatVector.fromArray(S, tmp, t, m)).intoArray(tmp, t, m);
                    }
                }
            }
            for (int c = 0; c < out; c++) {
                accB[c] += tmp[c];
                for (int p = 0; p < in; p++) accW[p * out + c] += tmp[(p + 1) * out + c];
            }
        }
    }

    /** The tutorial's shape (one input, 4 vectors of outputs): eight accumulators in registers, rows streamed in order. */
    private static void weightGradIn1Out4L(float[] g, int go, float[] y, int yo, float[] x, int xo, int rows,
                                           double[] accW, double[] accB, float[] tmp) {
        int block = VectorElementwise.BLOCK, out = 4 * L;
        FloatVector zero = FloatVector.zero(S);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            FloatVector b0 = zero, b1 = zero, b2 = zero, b3 = zero, w0 = zero, w1 = zero, w2 = zero, w3 = zero;
            for (int i = r0, gi = go + r0 * out, yi = yo + r0 * out; i < r1; i++, gi += out, yi += out) {
                FloatVector g0 = FloatVector.fromArray(S, g, gi), g1 = FloatVector.fromArray(S, g, gi + L);
                FloatVector g2 = FloatVector.fromArray(S, g, gi + 2 * L), g3 = FloatVector.fromArray(S, g, gi + 3 * L);
                if (y != null) {
                    g0 = zero.blend(g0, FloatVector.fromArray(S, y, yi).compare(VectorOperators.GT, 0f));
                    g1 = zero.blend(g1, FloatVector.fromArray(S, y, yi + L).compare(VectorOperators.GT, 0f));
                    g2 = zero.blend(g2, FloatVector.fromArray(S, y, yi + 2 * L).compare(VectorOperators.GT, 0f));
                    g3 = zero.blend(g3, FloatVector.fromArray(S, y, yi + 3 * L).compare(VectorOperators.GT, 0f));
                }
                FloatVector xv = FloatVector.broadcast(S, x[xo + i]);
                b0 = b0.add(g0); b1 = b1.add(g1); b2 = b2.add(g2); b3 = b3.add(g3);
                w0 = g0.fma(xv, w0); w1 = g1.fma(xv, w1); w2 = g2.fma(xv, w2); w3 = g3.fma(xv, w3);
            }
            b0.intoArray(tmp, 0); b1.intoArray(tmp, L); b2.intoArray(tmp, 2 * L); b3.intoArray(tmp, 3 * L);
            w0.intoArray(tmp, out); w1.intoArray(tmp, out + L); w2.intoArray(tmp, out + 2 * L); w3.intoArray(tmp, out + 3 * L);
            for (int c = 0; c < out; c++) {
                accB[c] += tmp[c];
                accW[c] += tmp[out + c];
            }
        }
    }
}
