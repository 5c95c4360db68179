package org.kindling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without kindling-spark on the class path (as here), --spark says what is missing and writes nothing. */
class SparkOptionTest {
    @TempDir
    Path dir;

    @Test
    void sparkWithoutKindlingSparkSaysWhatIsMissing() {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", "--spark", "local[2]", "--dataset", "diabetes", "--out", out.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--spark needs kindling-spark and Spark on the class path"), run.toString());
        assertFalse(Files.exists(out), "a run folder was created");
    }

    @Test
    void sparkDoesNotResume() {
        CliRun run = CliRun.of("train", "--spark", "local[2]", "--resume", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--resume continues a local run; give --spark without it"), run.toString());
    }
}
