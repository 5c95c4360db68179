package org.kindling.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.nn.Linear;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A model's state dict through the public safetensors API and back into another model. */
class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aStateDictRoundTripsIntoAFreshModel() {
        Generator.defaultGenerator().manualSeed(1);
        Sequential a = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 1));
        Generator.defaultGenerator().manualSeed(2);
        Sequential b = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 1));
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(a.stateDict(), Map.of("format", "pt"), file);

        Safetensors.Contents c = Safetensors.read(file);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(c.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertArrayEquals(new int[] {4, 3}, c.tensors().get("0.weight").shape());
        assertEquals("F32", c.storedDTypes().get("0.weight"));

        b.loadStateDict(c.tensors());
        Tensor x = Tensor.randn(5, 3);
        assertTrue(a.forward(x).equalValues(b.forward(x)));
    }

    @Test
    void savingOverAnExistingFileReplacesItWhole() throws Exception {
        Path file = dir.resolve("t.safetensors");
        Safetensors.save(Map.of("x", Tensor.ones(1000)), file);
        Safetensors.save(Map.of("y", Tensor.of(1L, 2L)), file);
        assertEquals(List.of("y"), List.copyOf(Safetensors.load(file).keySet()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aTruncatedFileFailsNamingTheFile() throws Exception {
        Path file = dir.resolve("cut.safetensors");
        Safetensors.save(Map.of("w", Tensor.ones(64)), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.load(file));
        assertTrue(e.getMessage().contains("cut.safetensors"), e.getMessage());
    }

    @Test
    void zeroElementTensorsLoadWhateverTheOrderOfTheirDims() throws java.io.IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0,65536,65536],\"data_offsets\":[0,0]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[65536,65536,0],\"data_offsets\":[0,0]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = dir.resolve("empty.safetensors");
        Files.write(file, java.nio.ByteBuffer.allocate(8 + h.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).array());
        Map<String, Tensor> t = Safetensors.load(file);
        assertArrayEquals(new int[] {0, 65536, 65536}, t.get("a").shape());
        assertArrayEquals(new int[] {65536, 65536, 0}, t.get("b").shape());
        assertEquals(0, t.get("b").numel());
    }
}
