package org.kindling.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every safetensors parity fixture (and those under {@code -Dkindling.parity.dir}) and checks
 * round trips; hostile inputs are in {@link SafetensorsHostileFileTest}.
 */
class SafetensorsFileTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Path> sidecars() throws IOException, URISyntaxException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of(SafetensorsFileTest.class.getResource("/parity/safetensors").toURI()));
        String extra = System.getProperty("kindling.parity.dir");
        if (extra != null && Files.isDirectory(Path.of(extra, "safetensors"))) {
            dirs.add(Path.of(extra, "safetensors"));
        }
        List<Path> sidecars = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(sidecars::add);
            }
        }
        assertFalse(sidecars.isEmpty(), "no safetensors fixtures found");
        return sidecars.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void readsFixtureExactly(Path sidecar) throws IOException {
        JsonNode expected = JACKSON.readTree(sidecar.toFile());
        assertEquals("safetensors", expected.get("kind").asText());
        Path file = sidecar.resolveSibling(expected.get("file").asText());
        assertEquals(expected.get("file_size").asLong(), Files.size(file));

        SafetensorsHeader header = SafetensorsFile.readHeader(file);
        assertEquals(expected.get("header_length").asLong(), header.headerLength());
        SafetensorsFile.Content content = SafetensorsFile.read(file);

        JsonNode meta = expected.get("metadata");
        if (meta.isNull()) {
            assertNull(content.metadata());
        } else {
            Map<String, String> m = new LinkedHashMap<>();
            meta.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
            assertEquals(m, content.metadata());
        }

        List<String> headerOrder = new ArrayList<>();
        expected.get("header_order").forEach(n -> headerOrder.add(n.asText()));
        assertEquals(headerOrder, List.copyOf(content.tensors().keySet()), "names in header order");
        JsonNode tensors = expected.get("tensors");
        assertEquals(tensors.size(), content.tensors().size());

        for (Map.Entry<String, TensorEntry> e : content.tensors().entrySet()) {
            String name = e.getKey();
            TensorEntry actual = e.getValue();
            JsonNode t = tensors.get(name);
            assertTrue(t != null, "unexpected tensor " + name);
            assertEquals(t.get("dtype").asText(), actual.dtype().name(), name);
            assertArrayEquals(longs(t.get("shape")), actual.shape(), name);
            SafetensorsHeader.TensorInfo info = header.tensors().get(name);
            assertEquals(t.get("data_offsets").get(0).asLong(), info.begin(), name);
            assertEquals(t.get("data_offsets").get(1).asLong(), info.end(), name);
            assertValues(name, t, actual);
        }
    }

    private static void assertValues(String name, JsonNode t, TensorEntry actual) {
        JsonNode values = t.get("values");
        assertArrayEquals(longs(values.get("shape")), actual.shape(), name);
        JsonNode data = values.get("data");
        assertEquals(data.size(), actual.numel(), name);
        switch (actual.dtype()) {
            case F32, F16, BF16 -> {
                float[] f = actual.toFloatArray();
                for (int i = 0; i < f.length; i++) {
                    // Parsing the decimal as double then casting recovers the float32 bits exactly (README §3).
                    float want = (float) data.get(i).doubleValue();
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(f[i]), name + "[" + i + "]");
                }
            }
            case F64 -> {
                double[] d = actual.toDoubleArray();
                for (int i = 0; i < d.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(data.get(i).doubleValue()),
                            Double.doubleToRawLongBits(d[i]), name + "[" + i + "]");
                }
            }
            default -> assertArrayEquals(longs(data), actual.toLongArray(), name);
        }
        if (t.has("bits_u16")) {
            JsonNode bits = t.get("bits_u16");
            ByteBuffer raw = actual.data();
            float[] f = actual.toFloatArray();
            for (int i = 0; i < bits.size(); i++) {
                int b = bits.get(i).asInt();
                assertEquals(b, raw.getShort(2 * i) & 0xffff, name + " bits[" + i + "]");
                float fromBits = actual.dtype() == SafetensorsDType.F16
                        ? Float.float16ToFloat((short) b) : Float.intBitsToFloat(b << 16);
                assertEquals(Float.floatToRawIntBits(fromBits), Float.floatToRawIntBits(f[i]), name + "[" + i + "]");
            }
        }
    }

    /**
     * Rebuilds each fixture from its sidecar alone and writes it. Our writer lays tensors out in the order given,
     * so where the fixture's header order is also its data order the bytes must equal the fixture's (checked by
     * its sha256). Fixtures that deliberately shuffle the header relative to the data (to test readers) cannot
     * be reproduced by any writer that emits header order, so for them only the round trip is checked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void writerReproducesFixturesLaidOutInHeaderOrder(Path sidecar) throws Exception {
        JsonNode expected = JACKSON.readTree(sidecar.toFile());
        JsonNode tensors = expected.get("tensors");
        Map<String, TensorEntry> entries = new LinkedHashMap<>();
        long previousEnd = 0;
        boolean dataInHeaderOrder = true;
        for (JsonNode nameNode : expected.get("header_order")) {
            String name = nameNode.asText();
            JsonNode t = tensors.get(name);
            entries.put(name, entryFromSidecar(t));
            dataInHeaderOrder &= t.get("data_offsets").get(0).asLong() == previousEnd;
            previousEnd = t.get("data_offsets").get(1).asLong();
        }
        Map<String, String> metadata = null;
        if (!expected.get("metadata").isNull()) {
            Map<String, String> m = new LinkedHashMap<>();
            expected.get("metadata").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
            metadata = m;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsFile.write(out, metadata, entries);
        byte[] written = out.toByteArray();
        if (dataInHeaderOrder) {
            assertEquals(expected.get("sha256").asText(), sha256(written));
            assertArrayEquals(Files.readAllBytes(sidecar.resolveSibling(expected.get("file").asText())), written);
        }
        Path copy = tmp.resolve("copy.safetensors");
        Files.write(copy, written);
        SafetensorsFile.Content back = SafetensorsFile.read(copy);
        assertEquals(entries, back.tensors());
        assertEquals(metadata, back.metadata());
    }

    @Test
    void theMyModelFixtureIsReproducedByteForByte() throws Exception {
        // Guards the parameterized check above against silently skipping every fixture.
        Path file = Path.of(getClass().getResource("/parity/safetensors/mymodel_f32.safetensors").toURI());
        SafetensorsFile.Content content = SafetensorsFile.read(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsFile.write(out, content.metadata(), content.tensors());
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray());
    }

    @Test
    void roundTripsEveryWritableKindOfTensor() throws IOException {
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        tensors.put("layer1.weight", TensorEntry.ofFloats(new long[] {2, 3}, new float[] {1, -2, 3.5f, 0, -0f, 1e-40f}));
        tensors.put("layer1.bias", TensorEntry.ofFloats(new long[] {2}, new float[] {Float.MAX_VALUE, Float.MIN_VALUE}));
        tensors.put("scalar", TensorEntry.ofFloats(new long[] {}, new float[] {42f}));
        tensors.put("empty", TensorEntry.ofFloats(new long[] {0, 5}, new float[0]));
        tensors.put("also.empty", TensorEntry.ofDoubles(new long[] {3, 0}, new double[0]));
        tensors.put("f64", TensorEntry.ofDoubles(new long[] {2, 2}, new double[] {Math.PI, -1e300, 4.9e-324, -0.0}));
        tensors.put("i64", TensorEntry.ofLongs(new long[] {3}, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}));
        tensors.put("i32", TensorEntry.ofInts(new long[] {1, 1, 2}, new int[] {Integer.MIN_VALUE, 7}));
        tensors.put("naïve.层.😀 \"q\"\\", TensorEntry.ofLongs(new long[] {}, new long[] {-5}));
        tensors.put("", TensorEntry.ofFloats(new long[] {1}, new float[] {7}));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note ✓", "line\nbreak \"quoted\" \u0001");

        Path file = tmp.resolve("model.safetensors");
        SafetensorsFile.write(file, metadata, tensors);
        SafetensorsFile.Content back = SafetensorsFile.read(file);
        assertEquals(metadata, back.metadata());
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        assertEquals(tensors, back.tensors());
        assertArrayEquals(new float[] {1, -2, 3.5f, 0, -0f, 1e-40f}, back.tensors().get("layer1.weight").toFloatArray());
        assertArrayEquals(new long[] {}, back.tensors().get("scalar").shape());
        assertEquals(1, back.tensors().get("scalar").numel());
        assertArrayEquals(new long[] {0, 5}, back.tensors().get("empty").shape());
        assertEquals(0, back.tensors().get("empty").byteSize());

        SafetensorsHeader header = SafetensorsFile.readHeader(file);
        assertEquals(0, header.headerLength() % 8);
        assertEquals(Files.size(file), header.dataStart() + header.dataLength());
        // Offsets follow the given order, and the unicode name is stored as raw UTF-8, not as escapes.
        assertEquals(0, header.tensors().get("layer1.weight").begin());
        assertEquals(24, header.tensors().get("layer1.bias").begin());
        String headerText = new String(SafetensorsHeader.encode(metadata, tensors), StandardCharsets.UTF_8);
        assertTrue(headerText.contains("\"naïve.层.😀 \\\"q\\\"\\\\\""), headerText);
        assertTrue(headerText.startsWith("{\"__metadata__\":{\"format\":\"pt\""), headerText);
    }

    @Test
    void noMetadataEmptyMetadataAndNoTensors() {
        Path none = tmp.resolve("none.safetensors");
        SafetensorsFile.write(none, null, Map.of());
        SafetensorsFile.Content c = SafetensorsFile.read(none);
        assertNull(c.metadata());
        assertTrue(c.tensors().isEmpty());
        // As in the reference implementation: "{}" padded to 8 bytes.
        assertEquals(16, none.toFile().length());

        Path empty = tmp.resolve("empty.safetensors");
        SafetensorsFile.write(empty, Map.of(), Map.of());
        assertEquals(Map.of(), SafetensorsFile.read(empty).metadata());
    }

    @Test
    void writeRejectsReservedAndNullNames() {
        Map<String, TensorEntry> reserved = Map.of("__metadata__", TensorEntry.ofFloats(new long[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.write(tmp.resolve("x"), null, reserved));
        Map<String, String> badMeta = new LinkedHashMap<>();
        badMeta.put("k", null);
        assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.write(tmp.resolve("x"), badMeta, Map.of()));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void readsSingleTensorsFromAHeader() throws Exception {
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        tensors.put("a", TensorEntry.ofFloats(new long[] {2}, new float[] {1, 2}));
        tensors.put("b", TensorEntry.ofLongs(new long[] {1}, new long[] {9}));
        Path file = tmp.resolve("two.safetensors");
        SafetensorsFile.write(file, null, tensors);
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            SafetensorsHeader header = SafetensorsFile.readHeader(ch, "two");
            assertEquals(tensors.get("b"), SafetensorsFile.readTensor(ch, "two", header, "b"));
            assertEquals(tensors.get("a"), SafetensorsFile.readTensor(ch, "two", header, "a"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SafetensorsFile.readTensor(ch, "two", header, "c"));
            assertEquals("two: no tensor named 'c'", e.getMessage());
        }
    }

    @Test
    void missingFileIsAnIoError() {
        Path missing = tmp.resolve("missing.safetensors");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SafetensorsFile.read(missing));
        assertEquals(missing + ": cannot read: no such file", e.getMessage());
    }

    private static TensorEntry entryFromSidecar(JsonNode t) {
        long[] shape = longs(t.get("shape"));
        JsonNode data = t.get("values").get("data");
        SafetensorsDType dtype = SafetensorsDType.valueOf(t.get("dtype").asText());
        ByteBuffer b = ByteBuffer.allocate((int) TensorEntry.byteSize(dtype, shape)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.size(); i++) {
            switch (dtype) {
                case F32 -> b.putFloat((float) data.get(i).doubleValue());
                case F64 -> b.putDouble(data.get(i).doubleValue());
                case I64 -> b.putLong(data.get(i).asLong());
                case I32 -> b.putInt(data.get(i).asInt());
                case F16, BF16 -> b.putShort((short) t.get("bits_u16").get(i).asInt());
                default -> throw new AssertionError("no sidecar conversion for " + dtype);
            }
        }
        return new TensorEntry(dtype, shape, b.flip());
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
