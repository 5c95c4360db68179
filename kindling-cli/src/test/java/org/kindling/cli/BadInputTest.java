package org.kindling.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad files and folders: exit code 1 and a message naming the file, row and column, never a stack trace. */
class BadInputTest {
    @TempDir
    static Path tmp;
    static Path trained;
    static Path classified;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        Path csv = tmp.resolve("good.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n2,3,5\n3,5,8\n4,1,5\n5,2,7\n6,0,6\n7,7,14\n8,1,9\n9,3,12\n10,2,12\n");
        trained = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--epochs", "5", "--batch-size", "4",
                "--out", trained.toString());
        assertEquals(0, r.exitCode(), r.toString());

        StringBuilder labelled = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 20; i++) labelled.append(i).append(',').append(i % 4).append(',').append(i < 10 ? "cat" : "owl").append('\n');
        classified = tmp.resolve("classified");
        CliRun c = CliRun.of("train", "--data", file("labelled.csv", labelled.toString()).toString(), "--target", "kind",
                "--epochs", "3", "--out", classified.toString());
        assertEquals(0, c.exitCode(), c.toString());
    }

    @Test
    void aClassColumnWithASingleClassIsAUsageErrorThatKeepsTheRun() throws Exception {
        Path f = file("one-class.csv", "a,b,kind\n1,2,cat\n2,3,cat\n3,1,cat\n");
        CliRun r = failing(2, "train", "--data", f.toString(), "--target", "kind", "--out", classified.toString());
        assertTrue(r.err().contains("target 'kind' has a single class ('cat')"), r.err());
        failing(2, "train", "--data", f.toString(), "--target", "kind", "--task", "classify", "--out", classified.toString());
    }

    @Test
    void anUnseenLabelAtPredictIsAUsageErrorNamingIt() throws Exception {
        Path f = file("test-labels.csv", "a,b,kind\n1,2,cat\n2,3,dog\n");
        CliRun r = failing(2, "predict", "--model", classified.toString(), "--data", f.toString(), "--out",
                tmp.resolve("never.csv").toString());
        assertTrue(r.err().contains("data row 2, column 'kind': label 'dog' is not one of the classes the run was trained on (cat, owl)"),
                r.err());
    }

    @Test
    void aCnnOnColumnsThatAreNotASquareImageIsAUsageError() throws Exception {
        CliRun r = failing(2, "train", "--data", tmp.resolve("good.csv").toString(), "--target", "y", "--model", "cnn",
                "--out", trained.toString());
        assertTrue(r.err().contains("--model cnn needs square images") && r.err().contains("2 feature columns are not"), r.err());
        failing(2, "train", "--dataset", "digits", "--loss", "mse", "--out", classified.toString());
        failing(2, "train", "--dataset", "digits", "--model", "cnn", "--hidden", "32", "--out", classified.toString());
        failing(2, "train", "--dataset", "digits", "--task", "guess");
    }

    private static CliRun failing(String... args) {
        return failing(1, args);
    }

    /**
     * Runs a command that must fail with {@code exitCode}, and checks that it changed nothing: no file under
     * the test folder (run folders, their copies, the inputs) is created, changed or removed.
     */
    private static CliRun failing(int exitCode, String... args) {
        Map<String, String> before = FolderChecksums.of(tmp);
        CliRun r = CliRun.of(args);
        assertEquals(exitCode, r.exitCode(), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
        assertEquals(before, FolderChecksums.of(tmp), "a failing command changed files:\n" + r);
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

    @Test
    void resumingWithFewerEpochsThanTheRunHasIsAUsageErrorThatKeepsTheRun() throws Exception {
        Path run = copyRun("finished");
        CliRun r = failing(2, "train", "--resume", run.toString(), "--epochs", "3");
        assertTrue(r.err().contains("the run already has 5 epochs"), r.err());
        assertFalse(r.err().contains("progress:"), r.err());
        failing(2, "train", "--resume", run.toString(), "--epochs", "5");
        CliRun complete = failing(2, "train", "--resume", run.toString());
        assertTrue(complete.err().contains("the run is complete (5 epochs)"), complete.err());
    }

    @Test
    void resumeWithACorruptLogFailsBeforeTouchingTheRun() throws Exception {
        Path run = copyRun("bad-log");
        Path log = run.resolve("metrics.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        lines.set(2, "{not json");
        Files.write(log, lines);
        Files.writeString(run.resolve(".checkpoint.safetensors.0123456789abcdef.tmp"), "left by a kill");
        CliRun r = failing("train", "--resume", run.toString(), "--epochs", "8");
        assertTrue(r.err().contains("metrics.jsonl:3:"), r.err());
        failing("plot", run.toString());
    }

    @Test
    void invalidUtf8ShowsTheReadersMessage() throws Exception {
        Path f = tmp.resolve("latin1.csv");
        Files.write(f, "a,b,y\n1,2,3\n4,5,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = failing("train", "--data", f.toString(), "--target", "y", "--out", tmp.resolve("x4").toString());
        assertTrue(r.err().contains("latin1.csv: not UTF-8 text"), r.err());
        assertFalse(r.err().contains("Input length"), r.err());
    }

    @Test
    void controlCharactersInCellsAreEscapedAndHugeCellsCut() throws Exception {
        Path f = file("escape.csv", "a,b,y\n1,2,3\n2,\u001b[31mred\u0007,5\n");
        CliRun r = failing("train", "--data", f.toString(), "--target", "y", "--out", tmp.resolve("x5").toString());
        assertFalse(r.err().chars().anyMatch(c -> c < 0x20 && c != '\n'), "raw control characters: " + r.err());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("\\u001b[31mred\\u0007"), r.err());

        Path big = file("big.csv", "a,b,y\n1,2,3\n2," + "9x".repeat(500_000) + ",5\n");
        CliRun longCell = failing("train", "--data", big.toString(), "--target", "y", "--out", tmp.resolve("x6").toString());
        assertTrue(longCell.err().length() < 2_000, "message of " + longCell.err().length() + " characters");
        assertTrue(longCell.err().contains("big.csv: row 3, column 'b': cannot parse"), longCell.err());
        assertTrue(longCell.err().contains("... (1000000 chars)"), longCell.err());

        CliRun option = failing(2, "train", "--optimizer", "\u001b]0;pwned\u0007");
        assertFalse(option.err().contains("\u001b"), option.err());
        CliRun unknown = failing(2, "train", "--\u001b[2J");
        assertFalse(unknown.err().contains("\u001b"), unknown.err());
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
