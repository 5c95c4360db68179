package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.testing.Fixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Kind "safetensors" (parity README §8): the public loader reproduces metadata, names, dtypes, shapes and values exactly. */
final class SafetensorsFixtures implements ParityTest.FixtureRunner {
    @Override
    public void run(JsonNode fx, Path sidecar) {
        Path file = sidecar.resolveSibling(fx.get("file").asText());
        Safetensors.Contents c = Safetensors.read(file);

        JsonNode meta = fx.get("metadata");
        Map<String, String> expectedMeta = null;
        if (meta != null && !meta.isNull()) {
            expectedMeta = new HashMap<>();
            for (var it = meta.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                expectedMeta.put(e.getKey(), e.getValue().asText());
            }
        }
        assertEquals(expectedMeta, c.metadata(), "metadata");

        List<String> order = new ArrayList<>();
        fx.get("header_order").forEach(n -> order.add(n.asText()));
        assertEquals(order, new ArrayList<>(c.tensors().keySet()), "tensor names in header order");

        fx.get("tensors").properties().forEach(e -> {
            String name = e.getKey();
            JsonNode spec = e.getValue();
            Tensor t = c.tensors().get(name);
            assertNotNull(t, "missing tensor " + name);
            assertEquals(spec.get("dtype").asText(), c.storedDTypes().get(name), name + ": stored dtype");
            Fixtures.TensorData expected = Fixtures.tensor(spec.get("values"));
            if (expected.longValues() != null) Compare.exact(name, expected.longs(), t.toLongArray());
            else Compare.close(name, expected, t, 0, 0);
            if (spec.has("bits_u16")) {
                long[] bits = Fixtures.longs(spec.get("bits_u16"));
                float[] values = t.toFloatArray();
                for (int i = 0; i < bits.length; i++) {
                    int actual = spec.get("dtype").asText().equals("BF16")
                            ? Float.floatToRawIntBits(values[i]) >>> 16
                            : Float.floatToFloat16(values[i]) & 0xffff;
                    assertEquals(bits[i], actual, name + "[" + i + "] bit pattern");
                }
            }
        });
    }
}
