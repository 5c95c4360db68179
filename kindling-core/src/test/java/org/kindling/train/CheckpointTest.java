package org.kindling.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.io.SafetensorsFormatException;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.optim.Adam;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A training checkpoint round-trips model, optimizer, epoch, generator and extras, and refuses other files. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void resumingFromASavedCheckpointContinuesExactly() {
        Tensor x = Tensor.randn(new Generator(1), org.kindling.DType.FLOAT32, 16, 3);
        Tensor y = Tensor.randn(new Generator(2), org.kindling.DType.FLOAT32, 16, 1);
        Linear a = new Linear(3, 1, true, org.kindling.DType.FLOAT32, new Generator(3));
        Adam optA = new Adam(a.parameters(), 0.01);
        for (int i = 0; i < 3; i++) step(a, optA, x, y);
        Generator g = new Generator(9);
        g.nextU32();
        Path file = dir.resolve("ck.safetensors");
        new Checkpoint(a.stateDict(), optA.stateDict(), 3, g.state(), Map.of("scale", Tensor.of(2f)), Map.of("note", "hi"))
                .save(file);
        for (int i = 0; i < 3; i++) step(a, optA, x, y);

        Checkpoint ck = Checkpoint.load(file);
        Linear b = new Linear(3, 1, true, org.kindling.DType.FLOAT32, new Generator(4));
        b.loadStateDict(ck.model());
        Adam optB = new Adam(b.parameters(), 0.01);
        optB.loadStateDict(ck.optimizer());
        for (int i = 0; i < 3; i++) step(b, optB, x, y);

        assertTrue(a.weight().equalValues(b.weight()) && a.bias().equalValues(b.bias()), "same weights after resuming");
        assertEquals(3, ck.epoch());
        Generator restored = new Generator();
        restored.setState(ck.generatorState());
        assertEquals(g.nextU32(), restored.nextU32());
        assertEquals(2f, ck.extra().get("scale").item());
        assertEquals(Map.of("note", "hi"), ck.metadata());
    }

    @Test
    void aPlainSafetensorsFileIsNotACheckpoint() {
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(Map.of("w", Tensor.ones(2)), file);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("not a Kindling checkpoint"), e.getMessage());
    }

    @Test
    void damagedMetadataNamesTheFileAndTheProblem() {
        String generator = java.util.Base64.getEncoder().encodeToString(new Generator(5).state());
        assertEquals(": damaged checkpoint: metadata 'generator' is not base64 text (Illegal base64 character 21)",
                problem(Map.of("epoch", "1", "generator", "!!!")));
        assertEquals(": damaged checkpoint: metadata 'generator' is not a generator state: setState: expected a"
                + " generator state of 5056 bytes (torch.get_rng_state() layout), got 3",
                problem(Map.of("epoch", "1", "generator", "AAAA")));
        assertEquals(": damaged checkpoint: metadata 'epoch' must be a non-negative integer, found \"-1\"",
                problem(Map.of("epoch", "-1", "generator", generator)));
        assertEquals(": damaged checkpoint: metadata 'epoch' must be a non-negative integer, found \"1e3\"",
                problem(Map.of("epoch", "1e3")));
        assertEquals(": damaged checkpoint: metadata has no 'epoch'", problem(Map.of()));
        assertTrue(problem(Map.of("epoch", "1", "optimizer", "[1,")).startsWith(
                ": damaged checkpoint: metadata 'optimizer' is not a valid optimizer state: "), "optimizer");
        assertEquals(": damaged checkpoint: metadata 'optimizer' is 4194305 characters long (at most 4194304)",
                problem(Map.of("epoch", "1", "optimizer", " ".repeat((4 << 20) + 1))));
    }

    @Test
    void textFromTheFileIsEscapedAndCutInMessages() {
        Path file = dir.resolve("odd.safetensors");
        Safetensors.save(Map.of(), Map.of("format", "\u001b[2J" + "x".repeat(1000)), file);
        assertEquals(file + ": not a Kindling checkpoint (metadata 'format' is \"\\u001B[2J" + "x".repeat(76)
                + "... (1004 chars)\", expected kindling-checkpoint-1)",
                assertThrows(SafetensorsFormatException.class, () -> Checkpoint.load(file)).getMessage());
    }

    /** Loads a checkpoint with this metadata (besides its format) and returns the message after the file name. */
    private String problem(Map<String, String> metadata) {
        Path file = dir.resolve("damaged.safetensors");
        Map<String, String> meta = new java.util.LinkedHashMap<>(metadata);
        meta.put("format", "kindling-checkpoint-1");
        Safetensors.save(Map.of("model/w", Tensor.ones(2)), meta, file);
        String message = assertThrows(SafetensorsFormatException.class, () -> Checkpoint.load(file)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        return message.substring(file.toString().length());
    }

    private static void step(Linear m, Adam opt, Tensor x, Tensor y) {
        Tensor loss = Functional.mseLoss(m.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
    }
}
