package org.kindling.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad files and folders: exit code 1 and a message naming the file, row and column, never a stack trace. */
class BadInputTest {
    @TempDir
    static Path tmp;
    static Path trained;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        Path csv = tmp.resolve("good.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n2,3,5\n3,5,8\n4,1,5\n5,2,7\n6,0,6\n7,7,14\n8,1,9\n9,3,12\n10,2,12\n");
        trained = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--epochs", "5", "--batch-size", "4",
                "--out", trained.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static CliRun failing(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
        return r;
    }

    private static Path file(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void missingFile() {
        CliRun r = failing("train", "--data", tmp.resolve("nope.csv").toString(), "--target", "y");
        assertTrue(r.err().contains("nope.csv"), r.err());
        assertTrue(r.err().contains("no such file") || r.err().contains("does not exist"), r.err());
    }

    @Test
    void nonNumericCellNamesFileRowAndColumn() throws Exception {
        Path f = file("bad-cell.csv", "a,b,y\n1,2,3\n2,abc,5\n");
        CliRun r = failing("train", "--data", f.toString(), "--target", "y", "--out", tmp.resolve("x1").toString());
        assertTrue(r.err().contains("bad-cell.csv: row 3, column 'b': cannot parse \"abc\" as a number"), r.err());
    }

    @Test
    void missingTargetColumnListsTheColumns() throws Exception {
        Path f = file("no-target.csv", "a,b,c\n1,2,3\n");
        CliRun r = failing("train", "--data", f.toString(), "--target", "y", "--out", tmp.resolve("x2").toString());
        assertTrue(r.err().contains("'y'") && r.err().contains("a, b, c"), r.err());
    }

    @Test
    void emptyFile() throws Exception {
        Path f = file("empty.csv", "");
        CliRun r = failing("train", "--data", f.toString(), "--target", "y", "--out", tmp.resolve("x3").toString());
        assertTrue(r.err().contains("empty.csv") && r.err().contains("empty"), r.err());
    }

    @Test
    void wrongFeatureCountAtPredict() throws Exception {
        Path f = file("fewer.csv", "a\n1\n2\n");
        CliRun r = failing("predict", "--model", trained.toString(), "--data", f.toString());
        assertTrue(r.err().contains("'b'"), r.err());
        assertTrue(r.err().contains("the model was trained on 2 features: a, b"), r.err());
    }

    @Test
    void predictOnAFolderThatIsNotARun() {
        CliRun r = failing("predict", "--model", tmp.toString(), "--data", "x.csv");
        assertTrue(r.err().contains("is not a run folder"), r.err());
    }

    @Test
    void truncatedCheckpointFailsResumeAndNamesTheFile() throws Exception {
        Path run = copyRun("truncated");
        Path ck = run.resolve("checkpoint.safetensors");
        byte[] bytes = Files.readAllBytes(ck);
        Files.write(ck, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = failing("train", "--resume", run.toString(), "--epochs", "8");
        assertTrue(r.err().contains("checkpoint.safetensors"), r.err());
    }

    @Test
    void corruptCheckpointFailsResumeAndNamesTheFile() throws Exception {
        Path run = copyRun("corrupt");
        Path ck = run.resolve("checkpoint.safetensors");
        byte[] bytes = Files.readAllBytes(ck);
        for (int i = 8; i < 40; i++) bytes[i] = (byte) '#'; // garbage in the JSON header
        Files.write(ck, bytes);
        CliRun r = failing("train", "--resume", run.toString(), "--epochs", "8");
        assertTrue(r.err().contains("checkpoint.safetensors"), r.err());
    }

    @Test
    void corruptModelFailsPredict() throws Exception {
        Path run = copyRun("corrupt-model");
        Files.write(run.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Path rows = file("rows.csv", "a,b\n1,2\n");
        CliRun r = failing("predict", "--model", run.toString(), "--data", rows.toString());
        assertTrue(r.err().contains("model.safetensors"), r.err());
    }

    private static Path copyRun(String name) throws Exception {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(trained)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }
}
