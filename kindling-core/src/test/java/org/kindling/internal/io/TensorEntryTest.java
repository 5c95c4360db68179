package org.kindling.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class TensorEntryTest {

    private static ByteBuffer le(int... bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes.length);
        for (int x : bytes) {
            b.put((byte) x);
        }
        return b.flip();
    }

    @Test
    void float16DecodesSpecialValuesExactly() {
        // IEEE 754 binary16 patterns and their values, worked out by hand from the format.
        TensorEntry t = new TensorEntry(SafetensorsDType.F16, new long[] {9}, le(
                0x00, 0x3c, // 1.0
                0x00, 0xc0, // -2.0
                0xff, 0x7b, // 65504, the largest finite half
                0x01, 0x00, // 2^-24, the smallest subnormal
                0x00, 0x04, // 2^-14, the smallest normal
                0x00, 0x80, // -0.0
                0x00, 0x7c, // +inf
                0x00, 0xfc, // -inf
                0x55, 0x35)); // 0x3555 = 0.333251953125
        float[] f = t.toFloatArray();
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, 0x1p-14f, -0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 0.333251953125f}, f);
        TensorEntry nan = new TensorEntry(SafetensorsDType.F16, new long[] {}, le(0x00, 0x7e));
        assertTrue(Float.isNaN(nan.toFloatArray()[0]));
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat32() {
        TensorEntry t = new TensorEntry(SafetensorsDType.BF16, new long[] {4}, le(
                0x80, 0x3f, // 1.0
                0x49, 0x40, // 0x4049 -> 3.140625
                0x80, 0xff, // -inf
                0x01, 0x00)); // 0x0001 -> 2^-133 (subnormal)
        assertArrayEquals(new float[] {1f, 3.140625f, Float.NEGATIVE_INFINITY, 0x1p-133f}, t.toFloatArray());
        assertArrayEquals(new double[] {1.0, 3.140625, Double.NEGATIVE_INFINITY, 0x1p-133}, t.toDoubleArray());
    }

    @Test
    void integerDtypesWidenExactly() {
        assertArrayEquals(new long[] {1, 0, 1}, new TensorEntry(SafetensorsDType.BOOL, new long[] {3}, le(1, 0, 7))
                .toLongArray());
        assertArrayEquals(new long[] {255, 0}, new TensorEntry(SafetensorsDType.U8, new long[] {2}, le(0xff, 0))
                .toLongArray());
        assertArrayEquals(new long[] {-1, 127}, new TensorEntry(SafetensorsDType.I8, new long[] {2}, le(0xff, 0x7f))
                .toLongArray());
        assertArrayEquals(new long[] {-32768, 258}, new TensorEntry(SafetensorsDType.I16, new long[] {2},
                le(0x00, 0x80, 0x02, 0x01)).toLongArray());
        assertArrayEquals(new long[] {Integer.MIN_VALUE, -2},
                TensorEntry.ofInts(new long[] {2}, new int[] {Integer.MIN_VALUE, -2}).toLongArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 1L << 40},
                TensorEntry.ofLongs(new long[] {2}, new long[] {Long.MIN_VALUE, 1L << 40}).toLongArray());
        assertArrayEquals(new float[] {255f, 0f}, new TensorEntry(SafetensorsDType.U8, new long[] {2}, le(0xff, 0))
                .toFloatArray());
        assertArrayEquals(new double[] {-32768, 258}, new TensorEntry(SafetensorsDType.I16, new long[] {2},
                le(0x00, 0x80, 0x02, 0x01)).toDoubleArray());
    }

    @Test
    void bytesAreLittleEndianRowMajor() {
        TensorEntry t = TensorEntry.ofFloats(new long[] {2, 1}, new float[] {1f, -2f});
        ByteBuffer b = t.data();
        byte[] bytes = new byte[8];
        b.get(bytes);
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0}, bytes);
        assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0},
                toBytes(TensorEntry.ofLongs(new long[] {1}, new long[] {1}).data()));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f},
                toBytes(TensorEntry.ofDoubles(new long[] {}, new double[] {1.0}).data()));
    }

    @Test
    void narrowingToFloatRoundsToNearest() {
        TensorEntry d = TensorEntry.ofDoubles(new long[] {2}, new double[] {0.1, 1e300});
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY}, d.toFloatArray());
        TensorEntry l = TensorEntry.ofLongs(new long[] {1}, new long[] {(1L << 24) + 1});
        assertArrayEquals(new float[] {16777216f}, l.toFloatArray());
        assertArrayEquals(new double[] {0x1p53}, TensorEntry.ofLongs(new long[] {1}, new long[] {(1L << 53) + 1})
                .toDoubleArray());
    }

    @Test
    void floatDtypesRefuseLongConversion() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TensorEntry.ofFloats(new long[] {1}, new float[1]).toLongArray());
        assertEquals("TensorEntry.toLongArray: dtype F32 is floating point; use toFloatArray or toDoubleArray",
                e.getMessage());
    }

    @Test
    void constructorChecksTheByteCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorEntry(SafetensorsDType.F32, new long[] {2, 3}, ByteBuffer.allocate(20)));
        assertEquals("TensorEntry: dtype F32 and shape [2, 3] need 24 bytes, data has 20", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TensorEntry(SafetensorsDType.F32, new long[] {-1}, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class,
                () -> new TensorEntry(SafetensorsDType.F64, new long[] {1L << 61}, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> TensorEntry.ofFloats(new long[] {3}, new float[2]));
        assertEquals(0, new TensorEntry(SafetensorsDType.F32, new long[] {1L << 62, 0}, ByteBuffer.allocate(0))
                .numel());
    }

    @Test
    void aZeroDimensionMakesZeroElementsWhateverTheOrder() {
        // Multiplying left to right overflowed before reaching the 0 in [65536, 65536, 0]: a valid empty tensor.
        assertEquals(0, TensorEntry.numel(new long[] {65536, 65536, 0}));
        assertEquals(0, TensorEntry.numel(new long[] {0, 65536, 65536}));
        assertEquals(0, TensorEntry.numel(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, 0}));
        assertEquals(0, TensorEntry.byteSize(SafetensorsDType.F64, new long[] {1L << 62, 1L << 62, 0}));
        assertThrows(IllegalArgumentException.class, () -> TensorEntry.numel(new long[] {0, -1}));
        assertThrows(IllegalArgumentException.class, () -> TensorEntry.numel(new long[] {1L << 32, 1L << 32}));
    }

    @Test
    void isImmutableFromOutside() {
        long[] shape = {2};
        ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 9, 1, 2, 3, 4, 5, 6, 7, 8});
        source.position(2);
        TensorEntry t = new TensorEntry(SafetensorsDType.F32, shape, source);
        shape[0] = 5;
        t.shape()[0] = 7;
        assertArrayEquals(new long[] {2}, t.shape());
        ByteBuffer view = t.data();
        view.position(4);
        assertEquals(0, t.data().position());
        assertEquals(8, t.data().remaining());
        assertEquals(1, t.data().get(0)); // the view starts at the source's position
        assertThrows(ReadOnlyBufferException.class, () -> t.data().put(0, (byte) 0));
    }

    @Test
    void equalityComparesContent() {
        TensorEntry a = TensorEntry.ofFloats(new long[] {2}, new float[] {1, 2});
        TensorEntry b = TensorEntry.ofFloats(new long[] {2}, new float[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, TensorEntry.ofFloats(new long[] {1, 2}, new float[] {1, 2}));
        assertNotEquals(a, TensorEntry.ofFloats(new long[] {2}, new float[] {1, 3}));
        assertNotEquals(a, TensorEntry.ofInts(new long[] {2}, new int[] {0x3f800000, 0x40000000}));
        assertEquals("TensorEntry[F32 [2], 8 bytes]", a.toString());
    }

    private static byte[] toBytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
