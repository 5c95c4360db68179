package org.kindling.nn;

/** How a loss combines its elementwise values, like PyTorch's {@code reduction=} argument. */
public enum Reduction {
    /** One loss per element, in the input's shape. */
    NONE,
    /** The average over all elements (or over the counted targets' weights, for NLL). */
    MEAN,
    /** The sum over all elements. */
    SUM;

    /** Parses PyTorch's names {@code none}, {@code mean}, {@code sum}. */
    public static Reduction fromName(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "mean" -> MEAN;
            case "sum" -> SUM;
            default -> throw new IllegalArgumentException(name + " is not a valid value for reduction (expected none, mean or sum)");
        };
    }

    /** PyTorch's name. */
    public String pytorchName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
