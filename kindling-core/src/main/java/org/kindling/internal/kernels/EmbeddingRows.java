package org.kindling.internal.kernels;

/**
 * Row gather and scatter-add for embedding lookups: out row i = table row index[i], and its
 * gradient added back in index order (repeated indices sum; a fixed order, so fixed bits).
 */
public final class EmbeddingRows {
    private EmbeddingRows() {}

    /** out[i, :] = table[index[i], :] for every i (any array type; indices already checked). */
    public static void gather(Object table, int tableOff, long[] index, int indexOff, int count, int dim, Object out, int outOff) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(table, tableOff + (int) index[indexOff + i] * dim, out, outOff + i * dim, dim);
        }
    }

    /** dTable (zeroed here) [rows, dim] += g[i, :] at row index[i], skipping {@code skipRow} (-1: none). */
    public static void scatterAdd(float[] g, int gOff, long[] index, int indexOff, int count, int dim, int skipRow,
                                  float[] dTable, int rows) {
        java.util.Arrays.fill(dTable, 0, rows * dim, 0f);
        for (int i = 0; i < count; i++) {
            int row = (int) index[indexOff + i];
            if (row == skipRow) continue;
            int src = gOff + i * dim, dst = row * dim;
            for (int j = 0; j < dim; j++) dTable[dst + j] += g[src + j];
        }
    }

    public static void scatterAdd(double[] g, int gOff, long[] index, int indexOff, int count, int dim, int skipRow,
                                  double[] dTable, int rows) {
        java.util.Arrays.fill(dTable, 0, rows * dim, 0.0);
        for (int i = 0; i < count; i++) {
            int row = (int) index[indexOff + i];
            if (row == skipRow) continue;
            int src = gOff + i * dim, dst = row * dim;
            for (int j = 0; j < dim; j++) dTable[dst + j] += g[src + j];
        }
    }
}
