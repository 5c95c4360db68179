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
     * wt [in, out] (W transposed), b [out] or null, y [rows, out].
     */
    public static void forwardNarrow(float[] x, int xo, int rows, int in, float[] wt, float[] b, int bo,
                                     float[] y, int yo, int out) {
        int full = out - out % L;
        VectorMask<Float> tail = S.indexInRange(full, out);
        for (int i = 0; i < rows; i++) {
            int xi = xo + i * in, yi = yo + i * out;
            for (int j = 0; j < full; j += L) {
                FloatVector acc = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, bo + j);
                for (int p = 0; p < in; p++) acc = FloatVector.fromArray(S, wt, p * out + j).fma(FloatVector.broadcast(S, x[xi + p]), acc);
                acc.intoArray(y, yi + j);
            }
            if (full < out) {
                FloatVector acc = b == null ? FloatVector.zero(S) : FloatVector.fromArray(S, b, bo + full, tail);
                for (int p = 0; p < in; p++) {
                    acc = FloatVector.fromArray(S, wt, p * out + full, tail).fma(FloatVector.broadcast(S, x[xi + p]), acc);
                }
                acc.intoArray(y, yi + full, tail);
            }
        }
    }

    /**
     * Weight and bias gradients in one pass over g: {@code gwt[p, :] = Σ_i x[i, p] · g[i, :]} and
     * {@code gb[:] = Σ_i g[i, :]}, accumulated in float over blocks of rows and in double across
     * blocks. Shapes: g [rows, out], x [rows, in]; gwt is [in, out] (the transposed weight
     * gradient), gb [out] or null. {@code accW} (≥ in·out) and {@code accB} (≥ out) are double
     * scratch; {@code tmp} float scratch of length ≥ out.
     */
    public static void weightGradNarrow(float[] g, int go, float[] x, int xo, int rows, int in, int out,
                                        double[] accW, double[] accB, float[] tmp, boolean bias) {
        java.util.Arrays.fill(accW, 0, in * out, 0.0);
        if (bias) java.util.Arrays.fill(accB, 0, out, 0.0);
        int block = VectorElementwise.BLOCK;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int p = -1; p < in; p++) { // p == -1 is the bias: Σ g
                if (p < 0 && !bias) continue;
                int j = 0;
                for (int full = S.loopBound(out); j < full; j += L) {
                    FloatVector s = FloatVector.zero(S);
                    for (int i = r0; i < r1; i++) {
                        FloatVector gv = FloatVector.fromArray(S, g, go + i * out + j);
                        s = p < 0 ? s.add(gv) : gv.fma(FloatVector.broadcast(S, x[xo + i * in + p]), s);
                    }
                    s.intoArray(tmp, j);
                }
                for (; j < out; j++) {
                    float s = 0;
                    for (int i = r0; i < r1; i++) s += p < 0 ? g[go + i * out + j] : g[go + i * out + j] * x[xo + i * in + p];
                    tmp[j] = s;
                }
                if (p < 0) {
                    for (int c = 0; c < out; c++) accB[c] += tmp[c];
                } else {
                    for (int c = 0; c < out; c++) accW[p * out + c] += tmp[c];
                }
            }
        }
    }
}
