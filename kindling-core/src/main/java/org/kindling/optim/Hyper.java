package org.kindling.optim;

/** PyTorch's hyperparameter checks, with its messages ({@code Invalid learning rate: -0.1}). */
final class Hyper {
    private Hyper() {}

    /** Fails with {@code message + value} unless {@code 0 <= value} (so NaN fails too, as in PyTorch). */
    static void nonNegative(ParamGroup g, String key, String message) {
        if (!(0.0 <= g.getDouble(key))) throw new IllegalArgumentException(message + PyRepr.of(g.get(key)));
    }

    /** Adam's {@code 0 <= beta < 1} check for {@code betas[index]}. */
    static void beta(ParamGroup g, int index) {
        double b = g.getDouble("betas", index);
        if (!(0.0 <= b && b < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index " + index + ": "
                    + PyRepr.of(((java.util.List<?>) g.get("betas")).get(index)));
        }
    }
}
