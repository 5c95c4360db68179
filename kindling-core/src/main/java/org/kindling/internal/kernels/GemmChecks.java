package org.kindling.internal.kernels;

/** Argument validation shared by the GEMM entry points; messages carry the offending values. */
final class GemmChecks {
    private GemmChecks() {}

    /** Array lengths are -1 for a null array. */
    static void check(String op, boolean transA, boolean transB, int m, int n, int k,
                      int aLength, int aOffset, int lda, int bLength, int bOffset, int ldb,
                      int cLength, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(
                    op + ": dimensions must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m > 1 && ldc < n) {
            throw new IllegalArgumentException(op + ": ldc=" + ldc + " must be >= n=" + n
                    + " (rows of C would overlap)");
        }
        operand(op, "a", "A", "lda", "aOffset", "transA", transA,
                transA ? k : m, transA ? m : k, aLength, aOffset, lda);
        operand(op, "b", "B", "ldb", "bOffset", "transB", transB,
                transB ? n : k, transB ? k : n, bLength, bOffset, ldb);
        operand(op, "c", "C", "ldc", "cOffset", null, false, m, n, cLength, cOffset, ldc);
    }

    /** One stored matrix [rows, cols] at offset with row stride ld must lie inside its array. */
    private static void operand(String op, String array, String matrix, String ldName, String offName,
                                String transName, boolean trans, int rows, int cols,
                                int length, int offset, int ld) {
        if (length < 0) {
            throw new NullPointerException(op + ": array " + array + " for " + what(matrix, transName, trans, rows, cols)
                    + " is null");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(op + ": " + offName + "=" + offset + " must be >= 0");
        }
        if (ld < 0) {
            throw new IllegalArgumentException(op + ": " + ldName + "=" + ld + " must be >= 0");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long needed = offset + (long) (rows - 1) * ld + cols;
        if (needed > length) {
            throw new IllegalArgumentException(op + ": " + array + " has length " + length + " but "
                    + what(matrix, transName, trans, rows, cols)
                    + " at " + offName + "=" + offset + " with " + ldName + "=" + ld + " needs " + needed);
        }
    }

    /** Describes a stored operand; built only for error messages (the check itself must not allocate). */
    private static String what(String matrix, String transName, boolean trans, int rows, int cols) {
        return matrix + " [" + rows + ", " + cols + "]"
                + (transName == null ? "" : " (stored, " + transName + "=" + trans + ")");
    }
}
