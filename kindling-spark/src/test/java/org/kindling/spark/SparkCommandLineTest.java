package org.kindling.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.cli.Main;

/** {@code kindling train --spark local[2]} writes the run folder a local run writes, with the cluster's curves in it. */
class SparkCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void aSparkRunWritesTheRunFolderOfALocalRun() throws IOException {
        Path local = dir.resolve("local"), spread = dir.resolve("spark");
        assertEquals(0, Main.run("train", "--dataset", "diabetes", "--epochs", "3", "--out", local.toString()));
        assertEquals(0, Main.run("train", "--spark", "local[2]", "--dataset", "diabetes", "--epochs", "3",
                "--out", spread.toString()));

        Set<String> localFiles = files(local), sparkFiles = files(spread);
        // The checkpoint is the one difference: Spark's task 0 keeps its own, under spark/.
        localFiles.remove("checkpoint.safetensors");
        sparkFiles.remove("spark/" + SparkDataParallel.CHECKPOINT_FILE);
        assertEquals(localFiles, sparkFiles);
        List<String> lines = Files.readAllLines(spread.resolve("metrics.jsonl"));
        assertEquals(3, lines.stream().filter(l -> l.contains("\"val_loss\"")).count(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"step\"")), "no step records");
    }

    @Test
    void theRunsBatchIsSplitOverTheTasks() {
        assertEquals(16, SparkCliTraining.perTaskBatch(32, 353, 2));
        assertEquals(177, SparkCliTraining.perTaskBatch(353, 353, 2)); // full batch: 177 + 176 rows
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SparkCliTraining.perTaskBatch(33, 353, 2));
        assertEquals("--batch-size 33 is the batch over all 2 Spark tasks and must be a multiple of 2", e.getMessage());
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
