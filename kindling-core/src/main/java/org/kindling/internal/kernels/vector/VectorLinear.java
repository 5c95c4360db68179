package org.kindling.internal.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

/**
 * Fused linear-layer kernels for narrow inputs (a few input features, as in the tutorial's
 * 1 → 64 → 1 network), where a general GEMM would make extra passes over the large output:
 * the forward writes {@code x Wᵀ + b} in one pass, and the weight and bias gradients come from
 * one pass over the output gradient.
 */
public final class VectorLinear {
    private VectorLinear() {}

    /**
     * {@code y[i, :] = b + Σ_p x[i, p] · wt[p, :]}. Shapes: x [rows, in] (row stride in),
     * wt [in, out], b [out] or null, y [rows, out]. Columns go in blocks of up to four vectors
     * whose weights and bias stay in registers while the rows stream by.
     */
    public static void forwardNarrow(float[] x, int xo, int rows, int in, float[] wt, float[] b, int bo,
                                     float[] y, int yo, int out) {
        int j = 0;
        for (; j + 4 * L <= out; j += 4 * L) {
            if (in == 1) columns4In1(x, xo, rows, wt, b, bo, y, yo, out, j);
            else columns4(x, xo, rows, in, wt, b, bo, y, yo, out, j);
        }
        for (; j < out; j += L) {
            VectorMask<Float> m = S.indexInRange(j, out);
            FloatVector bias = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, bo + j, m);
            for (int i = 0; i < rows; i++) {
                FloatVector acc = bias;
                for (int p = 0; p < in; p++) {
                    acc = FloatVector.fromArray(S, wt, p * out + j, m).fma(FloatVector.broadcast(S, x[xo + i * in + p]), acc);
                }
                acc.intoArray(y, yo + i * out + j, m);
            }
        }
    }

    /** One input feature: four weight and four bias vectors in registers, one broadcast per row. */
    private static void columns4In1(float[] x, int xo, int rows, float[] wt, float[] b, int bo,
                                    float[] y, int yo, int out, int j) {
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
            w0.fma(xv, b0).intoArray(y, yi);
            w1.fma(xv, b1).intoArray(y, yi + L);
            w2.fma(xv, b2).intoArray(y, yi + 2 * L);
            w3.fma(xv, b3).intoArray(y, yi + 3 * L);
        }
    }

    /** A few input features: bias in registers, weights reloaded from the small transposed copy (L1-resident). */
    private static void columns4(float[] x, int xo, int rows, int in, float[] wt, float[] b, int bo,
                                 float[] y, int yo, int out, int j) {
        FloatVector z = FloatVector.zero(S);
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
            a0.intoArray(y, yi);
            a1.intoArray(y, yi + L);
            a2.intoArray(y, yi + 2 * L);
            a3.intoArray(y, yi + 3 * L);
        }
    }

    /**
     * Weight and bias gradients in one pass over g: {@code gwt[p, :] = Σ_i x[i, p] · g[i, :]} and
     * {@code gb[:] = Σ_i g[i, :]}, accumulated in float over blocks of rows and in double across
     * blocks. Shapes: g [rows, out], x [rows, in]; gwt is [in, out] (the transposed weight
     * gradient), gb [out]. {@code accW} (≥ in·out) and {@code accB} (≥ out) are double scratch;
     * {@code tmp} float scratch of length ≥ (in + 1)·L.
     */
    public static void weightGradNarrow(float[] g, int go, float[] x, int xo, int rows, int in, int out,
                                        double[] accW, double[] accB, float[] tmp, boolean bias) {
        java.util.Arrays.fill(accW, 0, in * out, 0.0);
        java.util.Arrays.fill(accB, 0, out, 0.0);
        int block = VectorElementwise.BLOCK;
        for (int j = 0; j < out; j += L) {
            VectorMask<Float> m = S.indexInRange(j, out);
            int lanes = Math.min(L, out - j);
            for (int r0 = 0; r0 < rows; r0 += block) {
                int r1 = Math.min(rows, r0 + block);
                if (in == 1) {
                    FloatVector sb = FloatVector.zero(S), sw = FloatVector.zero(S);
                    for (int i = r0; i < r1; i++) {
                        FloatVector gv = FloatVector.fromArray(S, g, go + i * out + j, m);
                        sb = sb.add(gv);
                        sw = gv.fma(FloatVector.broadcast(S, x[xo + i]), sw);
                    }
                    sb.intoArray(tmp, 0);
                    sw.intoArray(tmp, L);
                } else {
                    FloatVector sb = FloatVector.zero(S);
                    for (int i = r0; i < r1; i++) sb = sb.add(FloatVector.fromArray(S, g, go + i * out + j, m));
                    sb.intoArray(tmp, 0);
                    for (int p = 0; p < in; p++) {
                        FloatVector sw = FloatVector.zero(S);
                        for (int i = r0; i < r1; i++) {
                            sw = FloatVector.fromArray(S, g, go + i * out + j, m).fma(FloatVector.broadcast(S, x[xo + i * in + p]), sw);
                        }
                        sw.intoArray(tmp, (p + 1) * L);
                    }
                }
                for (int c = 0; c < lanes; c++) {
                    accB[j + c] += tmp[c];
                    for (int p = 0; p < in; p++) accW[p * out + j + c] += tmp[(p + 1) * L + c];
                }
            }
        }
    }
}
