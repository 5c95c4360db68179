package org.kindling.optim;

import org.kindling.internal.json.Json;

import java.util.List;

/**
 * Python's {@code repr} of hyperparameter values, for error messages and {@code toString()} that read
 * like PyTorch's: {@code 0} for an int, {@code 0.01} and {@code 1e-08} for floats, {@code True},
 * {@code (0.9, 0.999)} for a tuple.
 */
final class PyRepr {
    private PyRepr() {}

    static String of(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> of(d.doubleValue());
            case Float f -> of(f.doubleValue());
            case Number n -> n.toString();
            case List<?> list -> {
                StringBuilder sb = new StringBuilder("(");
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(of(list.get(i)));
                }
                yield sb.append(list.size() == 1 ? ",)" : ")").toString();
            }
            case String s -> "'" + s + "'";
            default -> value.toString();
        };
    }

    /** A Python float's repr: shortest round-trip digits, {@code 1.0}, {@code 1e-08}, {@code inf}, {@code nan}. */
    static String of(double value) {
        if (Double.isNaN(value)) return "nan";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        return Json.formatDouble(value);
    }
}
