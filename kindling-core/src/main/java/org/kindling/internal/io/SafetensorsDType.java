package org.kindling.internal.io;

/**
 * The element types of the safetensors format that Kindling reads, with their size in bytes.
 *
 * <p>Names are the header's {@code "dtype"} strings. The reference implementation also knows {@code U16},
 * {@code U32}, {@code U64} and the 8-bit and smaller float formats; a file using them is rejected with a
 * message listing the supported names.
 */
public enum SafetensorsDType {
    /** One byte, 0 or 1 ({@code torch.bool}). */
    BOOL(1),
    /** Unsigned 8-bit integer ({@code torch.uint8}). */
    U8(1),
    /** Signed 8-bit integer ({@code torch.int8}). */
    I8(1),
    /** Signed 16-bit integer ({@code torch.int16}). */
    I16(2),
    /** IEEE 754 half precision ({@code torch.float16}). */
    F16(2),
    /** The upper 16 bits of a float32 ({@code torch.bfloat16}). */
    BF16(2),
    /** Signed 32-bit integer ({@code torch.int32}). */
    I32(4),
    /** IEEE 754 single precision ({@code torch.float32}). */
    F32(4),
    /** IEEE 754 double precision ({@code torch.float64}). */
    F64(8),
    /** Signed 64-bit integer ({@code torch.int64}). */
    I64(8);

    private static final SafetensorsDType[] VALUES = values();

    private final int itemSize;

    SafetensorsDType(int itemSize) {
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Whether values are floating point (F16, BF16, F32, F64). */
    public boolean isFloatingPoint() {
        return this == F16 || this == BF16 || this == F32 || this == F64;
    }

    /** The dtype named exactly {@code name} in a header, or {@code null} if Kindling does not read it. */
    public static SafetensorsDType fromHeaderName(String name) {
        for (SafetensorsDType t : VALUES) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
