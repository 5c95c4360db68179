package org.kindling.internal.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.kindling.internal.kernels.BinaryOp;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

/**
 * Vector API versions of the elementwise and reduction kernels on the training hot path
 * (activations and their gradients, same-shape arithmetic, column sums, the squared error).
 * Each has a plain-loop twin in {@code internal.kernels} that tests compare it with; callers
 * reach these only when {@code VectorSupport.AVAILABLE}.
 *
 * <p>Sums accumulate in float vectors over blocks of {@link #BLOCK} rows and add each block's
 * result to a double, so the error is that of a short float sum, not of a long one.
 */
public final class VectorElementwise {
    static final int BLOCK = 64;

    private VectorElementwise() {}

    /** {@code y = max(x, 0)}; NaN stays NaN. */
    public static void relu(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(zero).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = Math.max(x[xo + i], 0f);
    }

    /** {@code dx = y > 0 ? g : 0}. */
    public static void reluBackward(float[] g, int go, float[] y, int yo, float[] dx, int dxo, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, y, yo + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, g, go + i), on).intoArray(dx, dxo + i);
        }
        for (; i < n; i++) dx[dxo + i] = y[yo + i] > 0 ? g[go + i] : 0f;
    }

    /** {@code dx = g * (1 - y) * y} (sigmoid's gradient from its output). */
    public static void sigmoidBackward(float[] g, int go, float[] y, int yo, float[] dx, int dxo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, g, go + i).mul(yv.neg().add(1f)).mul(yv).intoArray(dx, dxo + i);
        }
        for (; i < n; i++) dx[dxo + i] = g[go + i] * (1f - y[yo + i]) * y[yo + i];
    }

    /** {@code dx = g * (1 - y²)} (tanh's gradient from its output). */
    public static void tanhBackward(float[] g, int go, float[] y, int yo, float[] dx, int dxo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, g, go + i).mul(yv.mul(yv).neg().add(1f)).intoArray(dx, dxo + i);
        }
        for (; i < n; i++) dx[dxo + i] = g[go + i] * (1f - y[yo + i] * y[yo + i]);
    }

    /**
     * {@code out[i] = a[i] op b[i]} for op ADD, SUB, MUL, DIV, MAX, MIN .
     * NOTE: one loop per operator: {@code lanewise} with an operator that is not a compile-time
     * constant is not intrinsified and allocates on every call.
     */
    public static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0, end = S.loopBound(n);
        switch (op) {
            case ADD -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
            case SUB -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
            case MUL -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
            case DIV -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
            case MAX -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
            case MIN -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i); }
        }
        for (; i < n; i++) out[oo + i] = scalar(op, a[ao + i], b[bo + i]);
    }

    /** {@code out[i] = a[i] op v}, one loop per operator (see {@link #binary}). */
    public static void binaryScalar(BinaryOp op, float[] a, int ao, float v, float[] out, int oo, int n) {
        FloatVector bv = FloatVector.broadcast(S, v);
        int i = 0, end = S.loopBound(n);
        switch (op) {
            case ADD -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).add(bv).intoArray(out, oo + i); }
            case SUB -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).sub(bv).intoArray(out, oo + i); }
            case MUL -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).mul(bv).intoArray(out, oo + i); }
            case DIV -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).div(bv).intoArray(out, oo + i); }
            case MAX -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).max(bv).intoArray(out, oo + i); }
            case MIN -> { for (; i < end; i += L) FloatVector.fromArray(S, a, ao + i).min(bv).intoArray(out, oo + i); }
        }
        for (; i < n; i++) out[oo + i] = scalar(op, a[ao + i], v);
    }

    private static float scalar(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    /**
     * Column sums of a row-major {@code [rows, cols]} block: {@code acc[j] += Σ_i x[i, j]}, in
     * double; {@code tmp} is float scratch of length ≥ cols.
     */
    public static void sumRows(float[] x, int xo, int rows, int cols, double[] acc, float[] tmp) {
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            int r1 = Math.min(rows, r0 + BLOCK);
            int j = 0;
            for (int end = S.loopBound(cols); j < end; j += L) {
                FloatVector s = FloatVector.zero(S);
                for (int r = r0; r < r1; r++) s = s.add(FloatVector.fromArray(S, x, xo + r * cols + j));
                s.intoArray(tmp, j);
            }
            for (; j < cols; j++) {
                float s = 0;
                for (int r = r0; r < r1; r++) s += x[xo + r * cols + j];
                tmp[j] = s;
            }
            for (int c = 0; c < cols; c++) acc[c] += tmp[c];
        }
    }

    /** {@code Σ x[i]} over a contiguous run, in double. */
    public static double sum(float[] x, int xo, int n) {
        float[] lanes = Scratch.get().tile;
        double total = 0;
        for (int b0 = 0; b0 < n; b0 += BLOCK * L) {
            int b1 = Math.min(n, b0 + BLOCK * L);
            FloatVector s = FloatVector.zero(S);
            int i = b0;
            for (int end = b0 + S.loopBound(b1 - b0); i < end; i += L) s = s.add(FloatVector.fromArray(S, x, xo + i));
            s.intoArray(lanes, 0);
            double part = Lanes.sum(lanes, 0);
            for (; i < b1; i++) part += x[xo + i];
            total += part;
        }
        return total;
    }

    /** {@code Σ (x[i] - t[i])²}, in double (the mean squared error's numerator). */
    public static double squaredError(float[] x, int xo, float[] t, int to, int n) {
        float[] lanes = Scratch.get().tile;
        double total = 0;
        for (int b0 = 0; b0 < n; b0 += BLOCK * L) {
            int b1 = Math.min(n, b0 + BLOCK * L);
            FloatVector s = FloatVector.zero(S);
            int i = b0;
            for (int end = b0 + S.loopBound(b1 - b0); i < end; i += L) {
                FloatVector d = FloatVector.fromArray(S, x, xo + i).sub(FloatVector.fromArray(S, t, to + i));
                s = d.fma(d, s);
            }
            s.intoArray(lanes, 0);
            double part = Lanes.sum(lanes, 0);
            for (; i < b1; i++) {
                float d = x[xo + i] - t[to + i];
                part += d * d;
            }
            total += part;
        }
        return total;
    }

    /** {@code out[i] = scale * (x[i] - t[i])} (the squared error's gradient, with scale = 2g/n). */
    public static void scaledDifference(float[] x, int xo, float[] t, int to, float scale, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).sub(FloatVector.fromArray(S, t, to + i)).mul(scale).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = scale * (x[xo + i] - t[to + i]);
    }
}
