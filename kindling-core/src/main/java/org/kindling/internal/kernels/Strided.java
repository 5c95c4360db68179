package org.kindling.internal.kernels;

/**
 * Walks strided layouts: copies any view into a contiguous array and simplifies layouts so that
 * elementwise kernels run long inner loops.
 */
public final class Strided {
    private Strided() {}

    /**
     * Merges adjacent dims that are laid out contiguously in every operand, and drops size-1 dims.
     * {@code strides[k]} are the strides of operand k; returns the new rank, with {@code shape} and
     * each {@code strides[k]} rewritten in place (only the first {@code rank} entries are meaningful).
     */
    public static int collapse(int[] shape, int[]... strides) {
        int rank = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) continue;
            if (rank > 0 && mergeable(shape, strides, rank - 1, i)) {
                shape[rank - 1] *= shape[i];
                for (int[] s : strides) s[rank - 1] = s[i];
                continue;
            }
            shape[rank] = shape[i];
            for (int[] s : strides) s[rank] = s[i];
            rank++;
        }
        return rank;
    }

    private static boolean mergeable(int[] shape, int[][] strides, int prev, int next) {
        for (int[] s : strides) {
            if (s[prev] != s[next] * shape[next]) return false;
        }
        return true;
    }

    /**
     * Copies the strided view {@code (src, offset, shape, strides)} into {@code dst[dstOffset...]}
     * row-major. {@code src} and {@code dst} are arrays of the same primitive type.
     */
    public static void copy(Object src, int offset, int[] shape, int[] strides, Object dst, int dstOffset) {
        copyInto(src, offset, shape, strides, dst, dstOffset, org.kindling.internal.shape.Shapes.contiguousStrides(shape));
    }

    /** Copies between two strided layouts of the same shape (arrays of the same primitive type). */
    public static void copyInto(Object src, int offset, int[] shape, int[] strides,
                                Object dst, int dstOffset, int[] dstStrides) {
        int[] sh = shape.clone();
        int[] st = strides.clone();
        int[] dt = dstStrides.clone();
        int rank = collapse(sh, st, dt);
        if (rank == 0) {
            System.arraycopy(src, offset, dst, dstOffset, 1);
            return;
        }
        int n = sh[rank - 1], s = st[rank - 1], t = dt[rank - 1];
        int rows = 1;
        for (int i = 0; i < rank - 1; i++) rows *= sh[i];
        if (rows == 0 || n == 0) return;
        int[] is = new int[rank], id = new int[rank];
        int base = offset, o = dstOffset;
        for (int r = 0; r < rows; r++) {
            if (s == 1 && t == 1) System.arraycopy(src, base, dst, o, n);
            else moveRow(src, base, s, dst, o, t, n);
            base = advance(is, sh, st, rank - 1, base);
            o = advance(id, sh, dt, rank - 1, o);
        }
    }

    private static void moveRow(Object src, int p, int s, Object dst, int o, int t, int n) {
        switch (src) {
            case float[] f -> {
                float[] d = (float[]) dst;
                for (int j = 0; j < n; j++, p += s, o += t) d[o] = f[p];
            }
            case double[] f -> {
                double[] d = (double[]) dst;
                for (int j = 0; j < n; j++, p += s, o += t) d[o] = f[p];
            }
            case long[] f -> {
                long[] d = (long[]) dst;
                for (int j = 0; j < n; j++, p += s, o += t) d[o] = f[p];
            }
            default -> throw new IllegalArgumentException("unsupported array " + src.getClass());
        }
    }

    /**
     * Odometer step over the first {@code dims} dims: increments {@code index} and returns the new
     * base offset. Used by every kernel that loops rows of a strided operand.
     */
    public static int advance(int[] index, int[] shape, int[] strides, int dims, int base) {
        for (int d = dims - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) return base + strides[d];
            index[d] = 0;
            base -= strides[d] * (shape[d] - 1);
        }
        return base;
    }
}
