package org.kindling.parity;

import org.kindling.Tensor;
import org.kindling.testing.Fixtures;

/** Fixture tensor objects as Kindling tensors. */
final class Tensors {
    private Tensors() {}

    static Tensor of(Fixtures.TensorData d) {
        return switch (d.dtype()) {
            case "float32" -> Tensor.fromArray(d.floats(), d.shape());
            case "float64" -> Tensor.fromArray(d.doubles(), d.shape());
            case "int64" -> Tensor.fromArray(d.longs(), d.shape());
            case "bool" -> Tensor.fromArray(d.longs(), d.shape()).ne(0);
            default -> throw new IllegalArgumentException("unsupported fixture dtype " + d.dtype());
        };
    }
}
