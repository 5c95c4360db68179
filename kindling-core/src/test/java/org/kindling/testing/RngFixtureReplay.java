package org.kindling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kindling.Generator;

/**
 * Replays {@code "rng"} fixtures (parity README §7) on a {@link Generator}, compares every value by
 * bit pattern, checks that each call consumed exactly {@code u32_consumed} engine outputs, and
 * tallies values per kernel path.
 */
public final class RngFixtureReplay {
    /** Bytes of {@link Generator#state()} that hold the engine (seed, counters, words), not the caches. */
    public static final int ENGINE_BYTES = 24 + 8 * 624;

    /** What {@code nn.Linear(in, out)} does to the generator. */
    @FunctionalInterface
    public interface LinearInit {
        /** Initializes a Linear layer from {@code g}; returns {weight, bias} to compare, or null to skip. */
        float[][] init(Generator g, int inFeatures, int outFeatures);
    }

    /** What a layer constructor other than Linear ({@code conv1d_init}, {@code conv2d_init}, {@code embedding_init}) draws. */
    @FunctionalInterface
    public interface LayerInit {
        /** Builds the layer the call's {@code op} and {@code args} describe from {@code g}; returns its tensors by name, or null for an unknown op. */
        Map<String, float[]> init(Generator g, String op, JsonNode args);
    }

    private final LinearInit linearInit;
    private final LayerInit layerInit;
    private final Map<String, long[]> counts = new TreeMap<>();

    /** Creates a replayer that runs {@code linear_init} calls through {@code linearInit}. */
    public RngFixtureReplay(LinearInit linearInit) {
        this(linearInit, null);
    }

    /** Also runs the other layer-init calls through {@code layerInit}. */
    public RngFixtureReplay(LinearInit linearInit, LayerInit layerInit) {
        this.linearInit = linearInit;
        this.layerInit = layerInit;
    }

    /** Per kernel path, {values compared, values matched} so far. */
    public synchronized Map<String, long[]> counts() {
        Map<String, long[]> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Runs every call of one fixture; returns the mismatches (empty when all values match). */
    public List<String> run(JsonNode fixture) {
        String name = fixture.get("name").asText();
        long seed = fixture.get("seed").asLong();
        List<String> failures = new ArrayList<>();
        Generator g = new Generator(seed);
        if (fixture.has("u32")) {
            long[] expected = Fixtures.longs(fixture.get("u32"));
            long[] actual = new long[expected.length];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = Integer.toUnsignedLong(g.nextU32());
            }
            compare(name + " u32", "raw_u32", expected, actual, failures);
            return failures;
        }
        JsonNode calls = fixture.get("calls");
        if (calls == null || calls.isEmpty()) {
            failures.add(name + ": no calls");
        } else {
            for (int i = 0; i < calls.size(); i++) {
                runCall(name + " call " + i, seed, calls.get(i), g, failures);
            }
        }
        return failures;
    }

    private void runCall(String where, long seed, JsonNode call, Generator g, List<String> failures) {
        if (call.get("reseed").asBoolean()) {
            g.manualSeed(seed);
        }
        String op = call.get("op").asText();
        String path = call.get("path").asText();
        JsonNode args = call.get("args");
        JsonNode output = call.get("output");
        where = where + " " + call.get("python").asText();
        byte[] before = g.state();
        switch (op) {
            case "rand", "uniform_" -> {
                float[] out = new float[Fixtures.numel(args.get("size"))];
                double from = op.equals("rand") ? 0.0 : args.get("from").asDouble();
                double to = op.equals("rand") ? 1.0 : args.get("to").asDouble();
                g.uniform(out, 0, out.length, from, to);
                compare(where, path, Fixtures.tensor(output).floats(), out, failures);
            }
            case "rand_float64" -> {
                double[] out = new double[Fixtures.numel(args.get("size"))];
                g.uniform(out, 0, out.length, 0.0, 1.0);
                compare(where, path, Fixtures.tensor(output).doubles(), out, failures);
            }
            case "randn", "normal_" -> {
                float[] out = new float[Fixtures.numel(args.get("size"))];
                double mean = op.equals("randn") ? 0.0 : args.get("mean").asDouble();
                double std = op.equals("randn") ? 1.0 : args.get("std").asDouble();
                g.normal(out, 0, out.length, mean, std);
                compare(where, path, Fixtures.tensor(output).floats(), out, failures);
            }
            case "randperm" -> compare(where, path, Fixtures.tensor(output).longs(), g.randperm(args.get("n").asInt()), failures);
            case "linear_init" -> {
                float[][] wb = linearInit.init(g, args.get("in_features").asInt(), args.get("out_features").asInt());
                if (wb != null) {
                    compare(where + " weight", path, Fixtures.tensor(output.get("weight")).floats(), wb[0], failures);
                    compare(where + " bias", path, Fixtures.tensor(output.get("bias")).floats(), wb[1], failures);
                }
            }
            default -> {
                Map<String, float[]> made = layerInit == null ? null : layerInit.init(g, op, args);
                if (made == null) failures.add(where + ": unknown op " + op);
                else compareLayer(where, path, output, made, failures);
            }
        }
        // Replay u32_consumed raw draws from the state before the call; the engines must agree.
        long consumed = call.get("u32_consumed").asLong();
        Generator twin = new Generator();
        twin.setState(before);
        for (long k = consumed; k > 0; k--) {
            twin.nextU32();
        }
        if (!Arrays.equals(twin.state(), 0, ENGINE_BYTES, g.state(), 0, ENGINE_BYTES)) {
            failures.add(where + ": did not consume exactly " + consumed + " u32 outputs");
        }
    }

    /** Every tensor of the fixture's output against the one made under the same name, and no extra ones. */
    private void compareLayer(String where, String path, JsonNode output, Map<String, float[]> made, List<String> failures) {
        for (var it = output.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!made.containsKey(key)) failures.add(where + ": no tensor '" + key + "' made");
            else compare(where + " " + key, path, Fixtures.tensor(output.get(key)).floats(), made.get(key), failures);
        }
        for (String key : made.keySet()) {
            if (!output.has(key)) failures.add(where + ": made tensor '" + key + "' the fixture does not have");
        }
    }

    private void compare(String where, String path, float[] expected, float[] actual, List<String> failures) {
        compare(where, path, floatBits(expected), floatBits(actual), failures);
    }

    private void compare(String where, String path, double[] expected, double[] actual, List<String> failures) {
        long[] e = new long[expected.length];
        long[] a = new long[actual.length];
        Arrays.setAll(e, i -> Double.doubleToRawLongBits(expected[i]));
        Arrays.setAll(a, i -> Double.doubleToRawLongBits(actual[i]));
        compare(where, path, e, a, failures);
    }

    private static long[] floatBits(float[] v) {
        long[] bits = new long[v.length];
        Arrays.setAll(bits, i -> Float.floatToRawIntBits(v[i]));
        return bits;
    }

    /** Compares bit patterns (or integers) element by element and tallies them under {@code path}. */
    private void compare(String where, String path, long[] expected, long[] actual, List<String> failures) {
        if (expected.length != actual.length) {
            failures.add(where + ": " + actual.length + " values, expected " + expected.length);
        }
        int n = Math.min(expected.length, actual.length);
        int matched = 0;
        for (int i = 0; i < n; i++) {
            if (expected[i] == actual[i]) {
                matched++;
            } else {
                failures.add(where + ": element " + i + " expected 0x" + Long.toHexString(expected[i])
                        + ", got 0x" + Long.toHexString(actual[i]));
            }
        }
        synchronized (this) {
            long[] c = counts.computeIfAbsent(path, k -> new long[2]);
            c[0] += expected.length;
            c[1] += matched;
        }
    }
}
