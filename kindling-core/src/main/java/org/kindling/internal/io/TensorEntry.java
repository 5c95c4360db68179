package org.kindling.internal.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a safetensors file: dtype, shape and its raw little-endian, row-major bytes.
 *
 * <p>Shapes: {@code shape} is {@code []} for a 0-dim tensor (one element); a {@code 0} anywhere means an empty
 * tensor with no bytes. The constructor checks that {@code data.remaining()} is exactly
 * {@code numel * itemSize}; it copies {@code shape} but keeps a read-only view of {@code data} (not a copy),
 * from its position to its limit. Equality compares dtype, shape and bytes.
 *
 * @param dtype element type
 * @param shape dimensions, each non-negative
 * @param data  the elements' bytes, little-endian; {@link #data()} returns an independent read-only view
 */
public record TensorEntry(SafetensorsDType dtype, long[] shape, ByteBuffer data) {
    /** Largest element count a Java array can hold on common JVMs. */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    public TensorEntry {
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
        Objects.requireNonNull(data, "data");
        long bytes = byteSize(dtype, shape);
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException("TensorEntry: dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " need " + bytes + " bytes, data has " + data.remaining());
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 (F32) tensor holding a copy of {@code values}, whose length must be the shape's product. */
    public static TensorEntry ofFloats(long[] shape, float[] values) {
        checkLength(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorEntry(SafetensorsDType.F32, shape, b);
    }

    /** A float64 (F64) tensor holding a copy of {@code values}, whose length must be the shape's product. */
    public static TensorEntry ofDoubles(long[] shape, double[] values) {
        checkLength(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new TensorEntry(SafetensorsDType.F64, shape, b);
    }

    /** An int64 (I64) tensor holding a copy of {@code values}, whose length must be the shape's product. */
    public static TensorEntry ofLongs(long[] shape, long[] values) {
        checkLength(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorEntry(SafetensorsDType.I64, shape, b);
    }

    /** An int32 (I32) tensor holding a copy of {@code values}, whose length must be the shape's product. */
    public static TensorEntry ofInts(long[] shape, int[] values) {
        checkLength(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new TensorEntry(SafetensorsDType.I32, shape, b);
    }

    /** A copy of the dimensions. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A fresh read-only little-endian view of the bytes (position 0, limit {@link #byteSize()}). */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a 0-dim tensor). */
    public long numel() {
        return numel(shape);
    }

    /** Number of data bytes. */
    public long byteSize() {
        return data.capacity();
    }

    /**
     * The elements as float32, row-major.
     *
     * <p>Exact for F32, F16, BF16, BOOL (0 or 1; any non-zero byte reads as 1), U8, I8 and I16. F64, I32 and
     * I64 round to the nearest float, as a Java cast (and {@code tensor.float()} in PyTorch) does.
     */
    public float[] toFloatArray() {
        int n = arrayLength();
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(b.getShort(2 * i));
                }
            }
            case BF16 -> {
                // NOTE: bfloat16 is the upper half of a float32, so widening is a shift and is exact.
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = dtype == SafetensorsDType.F64 ? (float) b.getDouble(8 * i) : (float) integerAt(b, i);
                }
            }
        }
        return out;
    }

    /** The elements as float64, row-major; exact for every dtype except I64 values beyond 2^53, which round. */
    public double[] toDoubleArray() {
        int n = arrayLength();
        double[] out = new double[n];
        ByteBuffer b = data();
        switch (dtype) {
            case F64 -> b.asDoubleBuffer().get(out);
            case F32, F16, BF16 -> {
                float[] f = toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[i] = f[i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = integerAt(b, i);
                }
            }
        }
        return out;
    }

    /** The elements as int64, row-major, for integer and BOOL dtypes (exact); float dtypes are refused. */
    public long[] toLongArray() {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException("TensorEntry.toLongArray: dtype " + dtype
                    + " is floating point; use toFloatArray or toDoubleArray");
        }
        int n = arrayLength();
        long[] out = new long[n];
        ByteBuffer b = data();
        if (dtype == SafetensorsDType.I64) {
            b.asLongBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = integerAt(b, i);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry t && dtype == t.dtype && Arrays.equals(shape, t.shape) && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }

    @Override
    public String toString() {
        return "TensorEntry[" + dtype + " " + Arrays.toString(shape) + ", " + byteSize() + " bytes]";
    }

    /**
     * Product of the dimensions; throws {@code IllegalArgumentException} on a negative dimension or overflow.
     * A zero anywhere makes the product 0 whatever the other dimensions are, so the result (and whether it
     * overflows) does not depend on the order of the dimensions.
     */
    public static long numel(long[] shape) {
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0;
        }
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^63 elements");
            }
        }
        return n;
    }

    /** Bytes needed by a tensor of this dtype and shape; throws {@code IllegalArgumentException} on overflow. */
    public static long byteSize(SafetensorsDType dtype, long[] shape) {
        long n = numel(shape);
        if (n > Long.MAX_VALUE / dtype.itemSize()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of dtype " + dtype
                    + " needs more than 2^63 bytes");
        }
        return n * dtype.itemSize();
    }

    private static void checkLength(long[] shape, int length) {
        long n = numel(shape);
        if (n != length) {
            throw new IllegalArgumentException("TensorEntry: shape " + Arrays.toString(shape) + " has " + n
                    + " elements but " + length + " values were given");
        }
    }

    private int arrayLength() {
        long n = numel(shape);
        if (n > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("TensorEntry: " + n + " elements do not fit in a Java array");
        }
        return (int) n;
    }

    /** Element {@code i} of an integer or BOOL tensor, widened exactly to long. */
    private long integerAt(ByteBuffer b, int i) {
        return switch (dtype) {
            case BOOL -> b.get(i) != 0 ? 1 : 0;
            case U8 -> b.get(i) & 0xff;
            case I8 -> b.get(i);
            case I16 -> b.getShort(2 * i);
            case I32 -> b.getInt(4 * i);
            case I64 -> b.getLong(8 * i);
            default -> throw new IllegalStateException("not an integer dtype: " + dtype);
        };
    }
}
