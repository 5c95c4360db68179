package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.train.TrainingLog;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interrupting a run and resuming it gives exactly the weights of the uninterrupted run. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumingFromACheckpointMatchesAnUninterruptedRunBitForBit() {
        String[] common = {"--dataset", "diabetes", "--batch-size", "16", "--momentum", "0.9", "--checkpoint-every", "1"};
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        assertEquals(0, CliRun.of(concat(common, "train", "--epochs", "8", "--out", whole.toString())).exitCode());
        assertEquals(0, CliRun.of(concat(common, "train", "--epochs", "3", "--out", split.toString())).exitCode());
        CliRun resumed = CliRun.of("train", "--resume", split.toString(), "--epochs", "8");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("Resuming"), resumed.out());

        Map<String, Tensor> a = Safetensors.load(whole.resolve("model.safetensors"));
        Map<String, Tensor> b = Safetensors.load(split.resolve("model.safetensors"));
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertTrue(v.equalValues(b.get(k)), k + " differs after resuming"));

        TrainingLog la = TrainingLog.read(whole.resolve("metrics.jsonl")), lb = TrainingLog.read(split.resolve("metrics.jsonl"));
        assertEquals(8, lb.epochs().size());
        for (int e = 0; e < 8; e++) assertEquals(la.epochs().get(e).trainLoss(), lb.epochs().get(e).trainLoss(), "epoch " + (e + 1));
        assertEquals(la.steps().size(), lb.steps().size());
    }

    private static String[] concat(String[] common, String... args) {
        String[] out = new String[args.length + common.length];
        System.arraycopy(args, 0, out, 0, args.length);
        System.arraycopy(common, 0, out, args.length, common.length);
        return out;
    }
}
