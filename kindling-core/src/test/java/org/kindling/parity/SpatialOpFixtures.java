package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Tensor;

import java.util.Map;

/** Op fixtures of convolution, pooling and embedding (parity README §4); null for an op this class does not run. */
final class SpatialOpFixtures {
    private SpatialOpFixtures() {}

    static Tensor apply(String op, Map<String, Tensor> in, JsonNode args, JsonNode fx) {
        return switch (op) {
            default -> null;
        };
    }
}
