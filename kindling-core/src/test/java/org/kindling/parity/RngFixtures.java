package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.nn.Conv1d;
import org.kindling.nn.Conv2d;
import org.kindling.nn.Embedding;
import org.kindling.nn.Linear;
import org.kindling.nn.Module;
import org.kindling.testing.RngFixtureReplay;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kind "rng" (parity README §7): every draw bit for bit, including nn.Linear, Conv1d/2d and Embedding initialization. */
final class RngFixtures implements ParityTest.FixtureRunner {
    private static final RngFixtureReplay REPLAY = new RngFixtureReplay((g, in, out) -> {
        Linear layer = new Linear(in, out, true, DType.FLOAT32, g);
        return new float[][] {layer.weight().toFloatArray(), layer.bias().toFloatArray()};
    }, RngFixtures::layer);

    @Override
    public void run(JsonNode fixture, Path file) {
        List<String> failures = REPLAY.run(fixture);
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    /** The layer a {@code conv1d_init}, {@code conv2d_init} or {@code embedding_init} call constructs, by state-dict name. */
    private static Map<String, float[]> layer(Generator g, String op, JsonNode args) {
        Module m = switch (op) {
            case "conv1d_init", "conv2d_init" -> conv(op.equals("conv1d_init") ? 1 : 2, g, args);
            case "embedding_init" -> {
                JsonNode pad = args.get("padding_idx");
                yield new Embedding(args.get("num_embeddings").asInt(), args.get("embedding_dim").asInt(),
                        pad == null || pad.isNull() ? null : pad.asInt(), DType.FLOAT32, g);
            }
            default -> null;
        };
        if (m == null) return null;
        Map<String, float[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private static Module conv(int dims, Generator g, JsonNode args) {
        JsonNode k = args.get("kernel_size");
        int in = args.get("in_channels").asInt(), out = args.get("out_channels").asInt();
        int groups = args.path("groups").asInt(1);
        boolean bias = args.path("bias").asBoolean(true);
        if (dims == 1) return new Conv1d(in, out, k.isArray() ? k.get(0).asInt() : k.asInt(), 1, 0, 1, groups, bias, DType.FLOAT32, g);
        int[] kernel = k.isArray() ? OpFixtures.ints(k) : new int[] {k.asInt(), k.asInt()};
        return new Conv2d(in, out, kernel, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, groups, bias, DType.FLOAT32, g);
    }
}
