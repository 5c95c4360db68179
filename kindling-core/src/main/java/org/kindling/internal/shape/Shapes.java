package org.kindling.internal.shape;

import java.util.Arrays;

/** Shape arithmetic shared by every op: element counts, strides, broadcasting and dim checks. */
public final class Shapes {
    private Shapes() {}

    public static final int[] SCALAR = new int[0];

    /** Number of elements; throws when the product does not fit in an int. */
    public static int numel(int[] shape) {
        for (int d : shape) {
            if (d == 0) return 0; // [65536, 65536, 0] is empty whatever the order of its dims
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /** Row-major strides of a contiguous tensor with this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** True when elements are laid out row-major without gaps (size-1 dims may have any stride). */
    public static boolean isContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** NumPy broadcasting of two shapes; {@code op} names the operation in the error. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast together (dim " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides that read a tensor of {@code shape}/{@code strides} as if it had {@code target} shape:
     * missing leading dims and stretched size-1 dims get stride 0.
     */
    public static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] out = new int[target.length];
        int shift = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            out[i + shift] = shape[i] == 1 && target[i + shift] != 1 ? 0 : strides[i];
        }
        return out;
    }

    /** A Python-style dim index (negative counts from the end) checked against {@code rank}. */
    public static int normalizeDim(String op, int dim, int rank) {
        int r = Math.max(rank, 1); // a 0-dim tensor accepts dim 0 and -1, like PyTorch
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of "
                    + rank + " dimension" + (rank == 1 ? "" : "s") + " (expected -" + r + " to " + (r - 1) + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** The shape with {@code dim} removed, or kept as size 1 when {@code keepDim}. */
    public static int[] reduce(int[] shape, int dim, boolean keepDim) {
        if (shape.length == 0) return SCALAR;
        if (keepDim) {
            int[] out = shape.clone();
            out[dim] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) out[j++] = shape[i];
        }
        return out;
    }

    /** Product of the dims before {@code dim}. */
    public static int outer(int[] shape, int dim) {
        int n = 1;
        for (int i = 0; i < dim; i++) n *= shape[i];
        return n;
    }

    /** Product of the dims after {@code dim}. */
    public static int inner(int[] shape, int dim) {
        int n = 1;
        for (int i = dim + 1; i < shape.length; i++) n *= shape[i];
        return n;
    }

    /** Resolves one {@code -1} in a requested shape against {@code numel} elements. */
    public static int[] inferShape(String op, int[] requested, int numel) {
        int[] out = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + format(requested));
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid shape dimension " + out[i] + " in " + format(requested));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + format(requested) + " is invalid for input of size " + numel);
            }
            out[unknown] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + format(requested) + " is invalid for input of size " + numel);
        }
        return out;
    }

    /** {@code [2, 3]}, as PyTorch prints sizes in errors. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Checks that a user-given shape has no negative dims. */
    public static int[] checkShape(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension " + d + " in shape " + format(shape));
        }
        return shape.clone();
    }
}
