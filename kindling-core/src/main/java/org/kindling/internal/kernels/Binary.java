package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.VectorElementwise;

/**
 * Elementwise binary kernels over broadcast, strided operands into a contiguous output.
 *
 * <p>Operands come with broadcast strides (0 along stretched dims). Dims are collapsed first, so
 * the common cases (same shape, a bias row, a scalar) become a few long rows with unit or zero
 * strides, which get dedicated loops the JIT can vectorize.
 */
public final class Binary {
    private Binary() {}

    /** {@code out[i] = a[i] op b[i]} over {@code shape}; {@code out} is contiguous from offset 0. */
    public static void apply(BinaryOp op, Object a, int aOffset, int[] aStrides, Object b, int bOffset, int[] bStrides,
                             Object out, int[] shape) {
        int[] sh = shape.clone();
        int[] as = aStrides.clone();
        int[] bs = bStrides.clone();
        int[] os = org.kindling.internal.shape.Shapes.contiguousStrides(shape);
        int rank = Strided.collapse(sh, as, bs, os);
        if (rank == 0) {
            row(op, a, aOffset, 0, b, bOffset, 0, out, 0, 1);
            return;
        }
        int n = sh[rank - 1];
        int rows = 1;
        for (int i = 0; i < rank - 1; i++) rows *= sh[i];
        int[] ia = new int[rank], ib = new int[rank];
        int pa = aOffset, pb = bOffset;
        for (int r = 0, o = 0; r < rows; r++, o += n) {
            row(op, a, pa, as[rank - 1], b, pb, bs[rank - 1], out, o, n);
            pa = Strided.advance(ia, sh, as, rank - 1, pa);
            pb = Strided.advance(ib, sh, bs, rank - 1, pb);
        }
    }

    private static void row(BinaryOp op, Object a, int ai, int as, Object b, int bi, int bs, Object out, int oi, int n) {
        switch (a) {
            case float[] fa -> floatRow(op, fa, ai, as, (float[]) b, bi, bs, (float[]) out, oi, n);
            case double[] da -> doubleRow(op, da, ai, as, (double[]) b, bi, bs, (double[]) out, oi, n);
            case long[] la -> longRow(op, la, ai, as, (long[]) b, bi, bs, (long[]) out, oi, n);
            default -> throw new IllegalArgumentException("unsupported array " + a.getClass());
        }
    }

    /** Rows shorter than this are not worth a vector loop's setup. */
    private static final int VECTOR_MIN = 32;

    static void floatRow(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        if (VectorSupport.AVAILABLE && n >= VECTOR_MIN && as == 1 && (bs == 1 || bs == 0)) {
            if (bs == 1) VectorElementwise.binary(op, a, ai, b, bi, o, oi, n);
            else VectorElementwise.binaryScalar(op, a, ai, b[bi], o, oi, n);
            return;
        }
        floatRowScalar(op, a, ai, as, b, bi, bs, o, oi, n);
    }

    /** The plain-loop row, whatever {@link VectorSupport} says. */
    static void floatRowScalar(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        if (as == 1 && bs == 1) {
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] + b[bi + j]; }
                case SUB -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] - b[bi + j]; }
                case MUL -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] * b[bi + j]; }
                case DIV -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] / b[bi + j]; }
                case MAX -> { for (int j = 0; j < n; j++) o[oi + j] = Math.max(a[ai + j], b[bi + j]); }
                case MIN -> { for (int j = 0; j < n; j++) o[oi + j] = Math.min(a[ai + j], b[bi + j]); }
            }
        } else if (as == 1 && bs == 0) {
            float v = b[bi];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] + v; }
                case SUB -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] - v; }
                case MUL -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] * v; }
                case DIV -> { for (int j = 0; j < n; j++) o[oi + j] = a[ai + j] / v; }
                case MAX -> { for (int j = 0; j < n; j++) o[oi + j] = Math.max(a[ai + j], v); }
                case MIN -> { for (int j = 0; j < n; j++) o[oi + j] = Math.min(a[ai + j], v); }
            }
        } else if (as == 0 && bs == 1 && (op == BinaryOp.SUB || op == BinaryOp.DIV)) {
            float v = a[ai];
            if (op == BinaryOp.SUB) for (int j = 0; j < n; j++) o[oi + j] = v - b[bi + j];
            else for (int j = 0; j < n; j++) o[oi + j] = v / b[bi + j];
        } else if (as == 0 && bs == 1) {
            floatRowScalar(op, b, bi, bs, a, ai, as, o, oi, n); // the remaining ops commute
        } else {
            for (int j = 0; j < n; j++, ai += as, bi += bs) o[oi + j] = (float) scalar(op, a[ai], b[bi]);
        }
    }

    private static void doubleRow(BinaryOp op, double[] a, int ai, int as, double[] b, int bi, int bs, double[] o, int oi, int n) {
        for (int j = 0; j < n; j++, ai += as, bi += bs) o[oi + j] = scalar(op, a[ai], b[bi]);
    }

    private static void longRow(BinaryOp op, long[] a, int ai, int as, long[] b, int bi, int bs, long[] o, int oi, int n) {
        for (int j = 0; j < n; j++, ai += as, bi += bs) {
            long x = a[ai], y = b[bi];
            o[oi + j] = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case MAX -> Math.max(x, y);
                case MIN -> Math.min(x, y);
                case DIV -> throw new IllegalArgumentException("int64 does not support op " + op);
            };
        }
    }

    /** One element; the reference every loop above must agree with. */
    static double scalar(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
            case MIN -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
        };
    }
}
