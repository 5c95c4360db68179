package org.kindling.tabular.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.internal.io.SafetensorsDType;
import org.kindling.internal.io.SafetensorsFile;
import org.kindling.internal.io.TensorEntry;
import org.kindling.nn.Linear;
import org.kindling.optim.Adam;
import org.kindling.train.Checkpoint;

/** Valid files the fuzzer starts from: every dtype and layout the readers know, with and without metadata. */
final class FuzzSeeds {
    private static final String[] FIXTURES = {"edge_shapes_f32", "mixed_dtypes", "mymodel_f32", "sequential_f32",
        "tensors_bf16", "tensors_f16", "tensors_f64"};

    private FuzzSeeds() {}

    static List<byte[]> safetensors() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : FIXTURES) seeds.add(resource("/fuzz-seeds/" + name + ".safetensors"));
        Map<String, TensorEntry> all = new LinkedHashMap<>();
        for (SafetensorsDType t : SafetensorsDType.values()) {
            byte[] data = new byte[6 * t.itemSize()];
            for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 37 + 1);
            all.put(t.name().toLowerCase(), new TensorEntry(t, new long[] {2, 3}, ByteBuffer.wrap(data)));
        }
        all.put("scalar", TensorEntry.ofFloats(new long[0], new float[] {1.5f}));
        all.put("empty", TensorEntry.ofFloats(new long[] {0, 4}, new float[0]));
        seeds.add(write(Map.of("format", "pt", "note", "h\u00e9llo"), all));
        return seeds;
    }

    static List<byte[]> checkpoints(Path dir) {
        Linear model = new Linear(3, 2, true, DType.FLOAT32, new Generator(1));
        Adam adam = new Adam(model.parameters(), 0.01);
        Tensor loss = model.forward(Tensor.ones(4, 3)).sum();
        loss.backward();
        adam.step();
        Path file = dir.resolve("seed-checkpoint.safetensors");
        new Checkpoint(model.stateDict(), adam.stateDict(), 7, new Generator(2).state(),
                Map.of("scale", Tensor.of(2f)), Map.of("note", "seed")).save(file);
        Path plain = dir.resolve("seed-plain-checkpoint.safetensors");
        new Checkpoint(model.stateDict(), null, 0, null, null, null).save(plain);
        try {
            return List.of(Files.readAllBytes(file), Files.readAllBytes(plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<byte[]> csv() {
        String diabetes = new String(resource("/org/kindling/tabular/datasets/diabetes.csv"), StandardCharsets.UTF_8);
        String head = String.join("\n", diabetes.lines().limit(30).toList()) + "\n";
        return List.of(utf8(head),
                utf8("x,\"long, quoted\",y\r\n1,\"a\"\"b\",2.5\r\n-3e-2,\"multi\nline\",+4\r\n"),
                utf8("\uFEFFa,b,y\n1,2,3\n\n4, 5 ,6\n.5,1e3,-0\n"),
                utf8("y\n1\n2\n3\n"),
                utf8("a;b;y\n1;2;3\n"));
    }

    private static byte[] write(Map<String, String> metadata, Map<String, TensorEntry> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SafetensorsFile.write(out, metadata, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = FuzzSeeds.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
