package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.shape.Shapes;

/** Reading a tensor's values out to Java (element access, arrays, allClose). */
public final class Values {
    private Values() {}

    /** The storage position of the element with row-major index {@code flat}. */
    static int position(Tensor t, int flat) {
        int[] shape = t.shape(), strides = t.strides();
        int pos = t.storageOffset();
        for (int d = shape.length - 1; d >= 0; d--) {
            pos += (flat % shape[d]) * strides[d];
            flat /= shape[d];
        }
        return pos;
    }

    public static int flatIndex(Tensor t, int[] index) {
        int[] shape = t.shape();
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indices for shape " + Shapes.format(shape)
                    + ", got " + index.length);
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d]);
            }
            flat = flat * shape[d] + i;
        }
        return flat;
    }

    public static double get(Tensor t, int flat) {
        int p = position(t, flat);
        return switch (t.dtype()) {
            case FLOAT32, BOOL -> Ops.floats(t)[p];
            case FLOAT64 -> Ops.doubles(t)[p];
            case INT64 -> Ops.longs(t)[p];
        };
    }

    public static long getLong(Tensor t, int flat) {
        int p = position(t, flat);
        return switch (t.dtype()) {
            case FLOAT32, BOOL -> (long) Ops.floats(t)[p];
            case FLOAT64 -> (long) Ops.doubles(t)[p];
            case INT64 -> Ops.longs(t)[p];
        };
    }

    public static float[] toFloatArray(Tensor t) {
        Tensor c = Ops.contiguousData(t);
        int n = c.numel(), o = c.storageOffset();
        float[] out = new float[n];
        switch (c.dtype()) {
            case FLOAT32, BOOL -> System.arraycopy(Ops.floats(c), o, out, 0, n);
            case FLOAT64 -> { double[] d = Ops.doubles(c); for (int i = 0; i < n; i++) out[i] = (float) d[o + i]; }
            case INT64 -> { long[] d = Ops.longs(c); for (int i = 0; i < n; i++) out[i] = d[o + i]; }
        }
        return out;
    }

    public static double[] toDoubleArray(Tensor t) {
        Tensor c = Ops.contiguousData(t);
        int n = c.numel(), o = c.storageOffset();
        double[] out = new double[n];
        switch (c.dtype()) {
            case FLOAT32, BOOL -> { float[] d = Ops.floats(c); for (int i = 0; i < n; i++) out[i] = d[o + i]; }
            case FLOAT64 -> System.arraycopy(Ops.doubles(c), o, out, 0, n);
            case INT64 -> { long[] d = Ops.longs(c); for (int i = 0; i < n; i++) out[i] = d[o + i]; }
        }
        return out;
    }

    public static long[] toLongArray(Tensor t) {
        Tensor c = Ops.contiguousData(t);
        int n = c.numel(), o = c.storageOffset();
        long[] out = new long[n];
        switch (c.dtype()) {
            case FLOAT32, BOOL -> { float[] d = Ops.floats(c); for (int i = 0; i < n; i++) out[i] = (long) d[o + i]; }
            case FLOAT64 -> { double[] d = Ops.doubles(c); for (int i = 0; i < n; i++) out[i] = (long) d[o + i]; }
            case INT64 -> System.arraycopy(Ops.longs(c), o, out, 0, n);
        }
        return out;
    }

    /** {@code torch.allclose}: equal shapes and {@code |a - b| <= atol + rtol |b|}; NaNs are never close. */
    public static boolean allClose(Tensor a, Tensor b, double rtol, double atol) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) return false;
        if (a.dtype() == DType.INT64 && b.dtype() == DType.INT64) {
            return java.util.Arrays.equals(a.toLongArray(), b.toLongArray()) || rtol + atol > 0 && closeAsDoubles(a, b, rtol, atol);
        }
        return closeAsDoubles(a, b, rtol, atol);
    }

    private static boolean closeAsDoubles(Tensor a, Tensor b, double rtol, double atol) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) continue; // also equal infinities
            if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) return false;
        }
        return true;
    }
}
