package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.DType;
import org.kindling.nn.Linear;
import org.kindling.testing.RngFixtureReplay;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kind "rng" (parity README §7): every draw bit for bit, including nn.Linear's initialization. */
final class RngFixtures implements ParityTest.FixtureRunner {
    private static final RngFixtureReplay REPLAY = new RngFixtureReplay((g, in, out) -> {
        Linear layer = new Linear(in, out, true, DType.FLOAT32, g);
        return new float[][] {layer.weight().toFloatArray(), layer.bias().toFloatArray()};
    });

    @Override
    public void run(JsonNode fixture, Path file) {
        List<String> failures = REPLAY.run(fixture);
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }
}
