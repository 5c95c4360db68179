package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Same seed, same bits: two runs of the same job write byte-identical models, checkpoints and logs. */
class ReproducibleRunTest {
    @Test
    void twoRunsOfTheDefaultJobWriteTheSameBytes(@TempDir Path dir) throws IOException {
        // The second run starts with the kernels already compiled by the first: the bytes may not care.
        for (String[] job : List.of(new String[] {"--epochs", "300"},
                new String[] {"--dataset", "diabetes", "--epochs", "20", "--optimizer", "adam"},
                new String[] {"--dataset", "digits", "--epochs", "2"})) {
            Path first = dir.resolve("first-" + job.length), second = dir.resolve("second-" + job.length);
            for (Path out : List.of(first, second)) {
                String[] args = new String[job.length + 3];
                args[0] = "train";
                System.arraycopy(job, 0, args, 1, job.length);
                args[job.length + 1] = "--out";
                args[job.length + 2] = out.toString();
                CliRun r = CliRun.of(args);
                assertEquals(0, r.exitCode(), r.toString());
            }
            for (String file : List.of("model.safetensors", "checkpoint.safetensors", "metrics.jsonl", "predictions.csv")) {
                assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                        String.join(" ", job) + ": " + file + " differs between two runs");
            }
        }
    }
}
