package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.shape.Shapes;
import org.kindling.internal.storage.Storage;

import java.util.Arrays;

/** Tensors made from Java arrays and the constant factories (zeros, full, arange, linspace, eye). */
public final class Creation {
    private Creation() {}

    /** Takes ownership of {@code data} (callers copy user arrays first). */
    public static Tensor fromFloats(float[] data, int... shape) {
        return wrap(Storage.wrap(data), "tensor", data.length, shape);
    }

    public static Tensor fromDoubles(double[] data, int... shape) {
        return wrap(Storage.wrap(data), "tensor", data.length, shape);
    }

    public static Tensor fromLongs(long[] data, int... shape) {
        return wrap(Storage.wrap(data), "tensor", data.length, shape);
    }

    /** Takes ownership of 0/1 floats as a bool tensor. */
    public static Tensor fromBools(float[] data, int... shape) {
        return wrap(Storage.wrapBool(data), "tensor", data.length, shape);
    }

    private static Tensor wrap(Storage s, String op, int length, int[] shape) {
        Shapes.checkShape(op, shape);
        if (Shapes.numel(shape) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values cannot fill shape " + Shapes.format(shape)
                    + " (" + Shapes.numel(shape) + " elements)");
        }
        return TensorAccess.create(s, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    public static Tensor fromFloats(float[][] v) {
        int cols = rowLength(v, 0);
        float[] d = new float[v.length * cols];
        for (int i = 0; i < v.length; i++) {
            checkRow(v[i].length, cols, i);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return fromFloats(d, v.length, cols);
    }

    public static Tensor fromFloats(float[][][] v) {
        Tensor[] slices = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) slices[i] = fromFloats(v[i]);
        return stackConstant(slices, v.length == 0 ? new int[] {0, 0, 0} : null);
    }

    public static Tensor fromFloats(float[][][][] v) {
        Tensor[] slices = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) slices[i] = fromFloats(v[i]);
        return stackConstant(slices, v.length == 0 ? new int[] {0, 0, 0, 0} : null);
    }

    public static Tensor fromDoubles(double[][] v) {
        int cols = rowLength(v, 0);
        double[] d = new double[v.length * cols];
        for (int i = 0; i < v.length; i++) {
            checkRow(v[i].length, cols, i);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return fromDoubles(d, v.length, cols);
    }

    public static Tensor fromDoubles(double[][][] v) {
        Tensor[] slices = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) slices[i] = fromDoubles(v[i]);
        return stackConstant(slices, v.length == 0 ? new int[] {0, 0, 0} : null);
    }

    public static Tensor fromDoubles(double[][][][] v) {
        Tensor[] slices = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) slices[i] = fromDoubles(v[i]);
        return stackConstant(slices, v.length == 0 ? new int[] {0, 0, 0, 0} : null);
    }

    public static Tensor fromLongs(long[][] v) {
        int cols = rowLength(v, 0);
        long[] d = new long[v.length * cols];
        for (int i = 0; i < v.length; i++) {
            checkRow(v[i].length, cols, i);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return fromLongs(d, v.length, cols);
    }

    private static int rowLength(Object[] rows, int i) {
        if (rows.length == 0) return 0;
        Object r = rows[i];
        return r instanceof float[] f ? f.length : r instanceof double[] d ? d.length : ((long[]) r).length;
    }

    private static void checkRow(int length, int expected, int row) {
        if (length != expected) {
            throw new IllegalArgumentException("tensor: expected sequence of length " + expected + " at row " + row
                    + " (got " + length + ")");
        }
    }

    private static Tensor stackConstant(Tensor[] slices, int[] emptyShape) {
        if (emptyShape != null) return full(slices.length == 0 ? DType.FLOAT32 : slices[0].dtype(), 0, emptyShape);
        for (int i = 1; i < slices.length; i++) {
            if (!Arrays.equals(slices[i].shape(), slices[0].shape())) {
                throw new IllegalArgumentException("tensor: expected sequence of shape " + Shapes.format(slices[0].shape())
                        + " at index " + i + " (got " + Shapes.format(slices[i].shape()) + ")");
            }
        }
        return Cat.stack(slices, 0);
    }

    /** A tensor of {@code dtype} filled with {@code value}; never recycled. */
    public static Tensor full(DType dtype, double value, int... shape) {
        Shapes.checkShape("full", shape);
        Storage s = Storage.allocate(dtype, Shapes.numel(shape));
        if (value != 0) {
            switch (dtype) {
                case FLOAT32, BOOL -> Arrays.fill(s.floats(), (float) value);
                case FLOAT64 -> Arrays.fill(s.doubles(), value);
                case INT64 -> Arrays.fill(s.longs(), (long) value);
            }
        }
        return TensorAccess.create(s, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    public static Tensor arange(long start, long end) {
        if (end < start) throw new IllegalArgumentException("arange: upper bound " + end + " is below lower bound " + start);
        long[] d = new long[Math.toIntExact(end - start)];
        for (int i = 0; i < d.length; i++) d[i] = start + i;
        return fromLongs(d, d.length);
    }

    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || (end - start) / step < 0) {
            throw new IllegalArgumentException("arange: upper bound and larger bound inconsistent with step sign (start="
                    + start + ", end=" + end + ", step=" + step + ")");
        }
        int n = (int) Math.ceil((end - start) / step);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float) (start + i * step);
        return fromFloats(d, n);
    }

    /** Evenly spaced values; like PyTorch, the second half counts back from {@code end} for symmetry. */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
        float[] d = new float[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        int half = steps / 2;
        for (int i = 0; i < steps; i++) d[i] = (float) (i < half ? start + step * i : end - step * (steps - 1 - i));
        return fromFloats(d, steps);
    }

    public static Tensor eye(int n, int m) {
        if (n < 0 || m < 0) throw new IllegalArgumentException("eye: n and m must be non-negative, got " + n + ", " + m);
        float[] d = new float[n * m];
        for (int i = 0; i < Math.min(n, m); i++) d[i * m + i] = 1;
        return fromFloats(d, n, m);
    }
}
