package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.tabular.log.TrainingLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interrupting a run and resuming it gives exactly the weights of the uninterrupted run. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumingFromACheckpointMatchesAnUninterruptedRunBitForBit() throws Exception {
        String[] common = {"--dataset", "diabetes", "--batch-size", "16", "--momentum", "0.9", "--checkpoint-every", "1"};
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        assertEquals(0, CliRun.of(concat(common, "train", "--epochs", "8", "--out", whole.toString())).exitCode());
        assertEquals(0, CliRun.of(concat(common, "train", "--epochs", "3", "--out", split.toString())).exitCode());
        // What a kill in epoch 4 leaves: a logged step the checkpoint does not have, half-written temp files.
        Path metrics = split.resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"kind\":\"step\",\"epoch\":4,\"step\":999,\"loss\":123.0}\n", StandardOpenOption.APPEND);
        String logged = Files.readString(metrics);
        Object logFile = Files.readAttributes(metrics, BasicFileAttributes.class).fileKey();
        Path staleCheckpoint = split.resolve(".checkpoint.safetensors.0123456789abcdef.tmp");
        Path staleLog = split.resolve(".metrics.jsonl.resume.tmp");
        Path notOurs = split.resolve(".notes.tmp");
        for (Path f : List.of(staleCheckpoint, staleLog, notOurs)) Files.writeString(f, "partial");

        CliRun resumed = CliRun.of("train", "--resume", split.toString(), "--epochs", "8");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("Resuming"), resumed.out());
        assertTrue(resumed.out().contains("done: 8/8 epochs (resumed at epoch 4)"), resumed.out());
        assertFalse(Files.exists(staleCheckpoint) || Files.exists(staleLog), "stale temporary files are removed");
        assertTrue(Files.exists(notOurs), "files the project did not write stay");
        assertEquals(logFile, Files.readAttributes(metrics, BasicFileAttributes.class).fileKey(), "the log is appended to, not replaced");
        String kept = logged.substring(0, logged.indexOf("{\"kind\":\"step\",\"epoch\":4,\"step\":999"));
        assertTrue(Files.readString(metrics).startsWith(kept), "the records before the checkpoint stay as written");
        assertFalse(Files.readString(metrics).contains("\"step\":999"), "the step after the checkpoint is cut");

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
