package org.kindling;

/**
 * Element type of a tensor.
 *
 * <p>Kindling computes in {@link #FLOAT32} by default, supports {@link #FLOAT64} everywhere a
 * float op exists (gradient checks need it), {@link #INT64} for indices (class targets, argmax,
 * randperm) and {@link #BOOL} for comparison results.
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT64("int64", 8),
    /** Stored as 0/1 floats; PyTorch stores one byte per element. */
    BOOL("bool", 1);

    private final String pytorchName;
    private final int itemSize;

    DType(String pytorchName, int itemSize) {
        this.pytorchName = pytorchName;
        this.itemSize = itemSize;
    }

    /** PyTorch's name without the {@code torch.} prefix, e.g. {@code float32}. */
    public String pytorchName() {
        return pytorchName;
    }

    /** Bytes per element in PyTorch and in checkpoints. */
    public int itemSize() {
        return itemSize;
    }

    /** True for {@link #FLOAT32} and {@link #FLOAT64}. */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** Looks a dtype up by PyTorch name ({@code float32}, {@code float}, {@code double}, {@code long}, ...). */
    public static DType fromName(String name) {
        return switch (name) {
            case "float32", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            case "int64", "long" -> INT64;
            case "bool" -> BOOL;
            default -> throw new IllegalArgumentException("unknown dtype '" + name
                    + "' (expected float32, float64, int64 or bool)");
        };
    }

    /** The result type of a binary op on these two types, by PyTorch's promotion order. */
    public static DType promote(DType a, DType b) {
        return a.rank() >= b.rank() ? a : b;
    }

    private int rank() {
        return switch (this) {
            case BOOL -> 0;
            case INT64 -> 1;
            case FLOAT32 -> 2;
            case FLOAT64 -> 3;
        };
    }
}
