package org.kindling.dashboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each status a run folder can be in, from the files a run leaves. */
class RunInspectorTest {
    @TempDir
    static Path runs;
    private static Path finished;

    private final RunInspector inspector = new RunInspector(Dashboard.mapper(), 60_000);

    @BeforeAll
    static void train() throws Exception {
        finished = TinyTraining.finished(runs, "2026-01-02_03-04-05", 3, 0.05);
    }

    @Test
    void aFinishedRunHasItsFinalLossesAndDescription() throws Exception {
        RunSummary s = inspector.summarize(finished.getFileName().toString(), finished);
        assertEquals("finished", s.status());
        assertNull(s.message());
        assertEquals("2026-01-02T03:04:05", s.started());
        assertEquals("sine", s.data());
        assertEquals("mlp 16 relu", s.model());
        assertEquals(3, s.epochsDone());
        assertEquals(3, s.epochs());
        assertEquals(3 * TinyTraining.STEPS_PER_EPOCH, s.steps());
        var log = org.kindling.tabular.log.TrainingLog.read(finished.resolve("metrics.jsonl"));
        assertEquals(log.epochs().getLast().trainLoss(), s.last().get("train_loss"));
        assertEquals(log.epochs().getLast().valLoss().getAsDouble(), s.last().get("val_loss"));
    }

    @Test
    void aRunStillLoggingIsRunningEvenWithATornLastLine() throws IOException {
        Path dir = copy("torn");
        Files.delete(dir.resolve("model.safetensors"));
        Files.delete(dir.resolve("report.html"));
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"kind\":\"step\",\"epoch\":4,\"st", StandardOpenOption.APPEND);
        RunSummary s = inspector.summarize("torn", dir);
        assertEquals("running", s.status(), s.message());
        assertEquals(3, s.epochsDone());
    }

    @Test
    void aRunThatWentSilentIsStoppedAndSaysHowToResume() throws IOException {
        Path dir = copy("silent");
        Files.delete(dir.resolve("model.safetensors"));
        Files.delete(dir.resolve("report.html"));
        Files.writeString(dir.resolve("checkpoint.safetensors"), "x");
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"epochs\":3", "\"epochs\":9"));
        Files.setLastModifiedTime(dir.resolve("metrics.jsonl"), FileTime.from(Instant.now().minusSeconds(600)));
        RunSummary s = inspector.summarize("silent", dir);
        assertEquals("stopped", s.status());
        assertTrue(s.message().contains("epoch 3 of 9") && s.message().contains("--resume"), s.message());
    }

    @Test
    void aDivergedRunWithAReportButNoModelFailed() throws IOException {
        Path dir = copy("diverged");
        Files.delete(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"epochs\":3", "\"epochs\":50"));
        Files.setLastModifiedTime(dir.resolve("report.html"), FileTime.from(Instant.now().plusSeconds(1)));
        RunSummary s = inspector.summarize("diverged", dir);
        assertEquals("failed", s.status());
        assertTrue(s.message().contains("epoch 3 of 50"), s.message());
    }

    @Test
    void aBadConfigIsCorruptAndSaysWhere() throws IOException {
        Path dir = copy("bad-config");
        Files.writeString(dir.resolve("config.json"), "{\"dataset\": \"sine\",\n \"epochs\": }");
        RunSummary s = inspector.summarize("bad-config", dir);
        assertEquals("corrupt", s.status());
        assertTrue(s.message().startsWith("config.json is not valid JSON") && s.message().contains("line 2"), s.message());
    }

    @Test
    void aConfigThatIsNotAnObjectIsCorrupt() throws IOException {
        Path dir = copy("array-config");
        Files.writeString(dir.resolve("config.json"), "[1, 2]");
        assertEquals("corrupt", inspector.summarize("array-config", dir).status());
    }

    @Test
    void aMalformedLineInsideTheLogIsCorruptAndNamesTheLine() throws IOException {
        Path dir = copy("bad-line");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve("metrics.jsonl")));
        lines.set(4, lines.get(4).substring(0, 10));
        Files.write(dir.resolve("metrics.jsonl"), lines);
        RunSummary s = inspector.summarize("bad-line", dir);
        assertEquals("corrupt", s.status());
        assertTrue(s.message().startsWith("metrics.jsonl:5: "), s.message());
        assertTrue(!s.message().contains(runs.toString()), "the message names the file relative to the run: " + s.message());
    }

    @Test
    void aFolderWithoutConfigIsCorrupt() throws IOException {
        Path dir = Files.createDirectories(runs.resolve("empty"));
        RunSummary s = inspector.summarize("empty", dir);
        assertEquals("corrupt", s.status());
        assertTrue(s.message().contains("no config.json"), s.message());
    }

    @Test
    void aRunThatWroteOnlyItsConfigIsStartingThenCorruptWhenItStaysSo() throws IOException {
        Path dir = Files.createDirectories(runs.resolve("starting"));
        Files.copy(finished.resolve("config.json"), dir.resolve("config.json"));
        assertEquals("running", inspector.summarize("starting", dir).status());
        Files.setLastModifiedTime(dir.resolve("config.json"), FileTime.from(Instant.now().minusSeconds(600)));
        RunSummary s = inspector.summarize("starting", dir);
        assertEquals("corrupt", s.status());
        assertTrue(s.message().contains("metrics.jsonl"), s.message());
    }

    private static Path copy(String name) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name));
        try (var files = Files.list(finished)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }
}
