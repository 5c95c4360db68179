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

    private static void step(Linear m, Adam opt, Tensor x, Tensor y) {
        Tensor loss = Functional.mseLoss(m.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
    }
}
