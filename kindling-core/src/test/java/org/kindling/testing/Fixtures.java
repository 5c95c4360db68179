package org.kindling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the PyTorch parity fixtures (format: parity README §3): JSON files as Jackson trees, and
 * tensor objects {@code {"dtype", "shape", "data"}} as Java arrays with their shape.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** Returns the bundled parity directory (the test resource {@code parity/}). */
    public static Path parityRoot() {
        URL manifest = Fixtures.class.getResource("/parity/manifest.json");
        if (manifest == null) {
            throw new IllegalStateException("parity fixtures not found: no /parity/manifest.json on the test class path");
        }
        try {
            return Path.of(manifest.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot resolve parity directory from " + manifest, e);
        }
    }

    /** Returns the {@code .json} files of {@code root/kind} (e.g. kind {@code "rng"}), sorted by name. */
    public static List<Path> list(Path root, String kind) {
        Path dir = root.resolve(kind);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fixtures in " + dir, e);
        }
    }

    /** Parses a JSON file. */
    public static JsonNode load(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    /** Parses a JSON class-path resource, e.g. {@code "/parity/rng/seed_0.json"}. */
    public static JsonNode resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** Reads a tensor object; checks that {@code data} holds {@code product(shape)} values. */
    public static TensorData tensor(JsonNode node) {
        String dtype = required(node, "dtype").asText();
        JsonNode shapeNode = required(node, "shape");
        JsonNode data = required(node, "data");
        int[] shape = new int[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).intValue();
            numel *= shape[i];
        }
        if (!data.isArray() || data.size() != numel) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + numel
                    + " values, data has " + data.size());
        }
        return switch (dtype) {
            case "float32", "float16", "bfloat16", "float64" -> {
                double[] values = new double[data.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = number(data.get(i)).doubleValue();
                }
                yield new TensorData(dtype, shape, values, null);
            }
            case "int64", "int32" -> {
                long[] values = new long[data.size()];
                for (int i = 0; i < values.length; i++) {
                    JsonNode v = number(data.get(i));
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        throw new IllegalArgumentException(dtype + " value is not a 64-bit integer: " + v);
                    }
                    values[i] = v.longValue();
                }
                yield new TensorData(dtype, shape, null, values);
            }
            case "bool" -> { // masks and conditions: JSON true/false, kept as 0/1
                long[] values = new long[data.size()];
                for (int i = 0; i < values.length; i++) {
                    if (!data.get(i).isBoolean()) throw new IllegalArgumentException("bool value is not true/false: " + data.get(i));
                    values[i] = data.get(i).booleanValue() ? 1 : 0;
                }
                yield new TensorData(dtype, shape, null, values);
            }
            default -> throw new IllegalArgumentException("unknown tensor dtype " + dtype);
        };
    }

    /** Reads a JSON array of integers (such as unsigned 32-bit values) as longs. */
    public static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = number(array.get(i));
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException("not a 64-bit integer: " + v);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** Returns the number of elements of a shape ({@code 1} for {@code []}). */
    public static int numel(JsonNode shape) {
        long n = 1;
        for (JsonNode d : shape) {
            n *= d.intValue();
        }
        return Math.toIntExact(n);
    }

    private static JsonNode required(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new IllegalArgumentException("tensor object has no \"" + key + "\": " + node);
        }
        return v;
    }

    private static JsonNode number(JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("not a number: " + v);
        }
        return v;
    }

    /**
     * A tensor read from a fixture. Floating dtypes keep their values as doubles (exact: every
     * float32/float16/bfloat16 value is a double), integer dtypes as longs.
     */
    public record TensorData(String dtype, int[] shape, double[] doubleValues, long[] longValues) {
        /** Number of elements. */
        public int numel() {
            return doubleValues != null ? doubleValues.length : longValues.length;
        }

        /** The values as float32 bit patterns; only for float32/float16/bfloat16. */
        public float[] floats() {
            if (doubleValues == null || dtype.equals("float64")) {
                throw new IllegalStateException("floats() on a " + dtype + " tensor");
            }
            float[] out = new float[doubleValues.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) doubleValues[i];
                if (out[i] != doubleValues[i]) {
                    throw new IllegalStateException(dtype + " value " + doubleValues[i] + " is not a float32");
                }
            }
            return out;
        }

        /** The values as doubles; only for floating dtypes. */
        public double[] doubles() {
            if (doubleValues == null) {
                throw new IllegalStateException("doubles() on a " + dtype + " tensor");
            }
            return doubleValues.clone();
        }

        /** The values as longs; only for integer dtypes and bool (0/1). */
        public long[] longs() {
            if (longValues == null) {
                throw new IllegalStateException("longs() on a " + dtype + " tensor");
            }
            return longValues.clone();
        }
    }
}
