package org.kindling.tabular.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @TempDir
    Path dir;

    private static void fill(TrainingLog log) {
        log.step(1, 0, 0.75, 0.01);
        log.step(1, 1, 0.5, 0.01);
        log.epoch(1, 0.625, 0.7);
        log.step(2, 0, 0.25);
        log.step(2, 1, Double.NaN);
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("accuracy", 0.875);
        extra.put("weird \"name\"\n", -1.0e-7);
        log.epoch(2, 1.0 / 3.0, extra);
        log.epoch(3, Double.POSITIVE_INFINITY, 0.1, Map.of("accuracy", 1));
    }

    @Test
    void roundTripsThroughTheFile() {
        Path file = dir.resolve("run/metrics.jsonl");
        TrainingLog written;
        try (TrainingLog log = TrainingLog.create(file)) {
            fill(log);
            written = log;
        }
        TrainingLog read = TrainingLog.read(file);
        assertEquals(written.steps(), read.steps());
        assertEquals(written.epochs(), read.epochs());
        assertEquals(written.metricNames(), read.metricNames());
        assertEquals(List.of("accuracy", "weird \"name\"\n"), List.copyOf(read.metricNames()));
        // Record equality compares doubles by bits, so NaN and 1/3 must round-trip exactly.
        assertTrue(Double.isNaN(read.steps().get(3).loss()));
        assertEquals(1.0 / 3.0, read.epochs().get(1).trainLoss());
        assertEquals(OptionalDouble.empty(), read.epochs().get(1).valLoss());
        assertEquals(OptionalDouble.of(0.01), read.steps().get(0).lr());
        assertEquals(OptionalDouble.empty(), read.steps().get(2).lr());
    }

    @Test
    void writesValidJsonLinesThatAnotherParserReads() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (TrainingLog log = TrainingLog.create(file)) {
            fill(log);
        }
        ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        List<String> lines = Files.readAllLines(file);
        assertEquals(7, lines.size());
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("step", first.get("kind").asText());
        assertEquals(1, first.get("epoch").asInt());
        assertEquals(0.75, first.get("loss").asDouble());
        assertEquals(0.01, first.get("lr").asDouble());
        JsonNode sixth = json.readTree(lines.get(5));
        assertEquals("epoch", sixth.get("kind").asText());
        assertEquals(1.0 / 3.0, sixth.get("train_loss").asDouble());
        assertFalse(sixth.has("val_loss"));
        assertEquals(-1.0e-7, sixth.get("weird \"name\"\n").asDouble());
        assertTrue(Double.isNaN(json.readTree(lines.get(4)).get("loss").asDouble()));
    }

    @Test
    void everyLineIsInTheFileBeforeClose() {
        Path file = dir.resolve("metrics.jsonl");
        TrainingLog log = TrainingLog.create(file);
        fill(log);
        TrainingLog read = TrainingLog.read(file); // the writer is still open
        assertEquals(log.steps(), read.steps());
        assertEquals(log.epochs(), read.epochs());
        log.close();
    }

    /** Run in a child JVM: logs some records, then dies without closing or running shutdown hooks. */
    public static final class CrashingTrainer {
        public static void main(String[] args) {
            TrainingLog log = TrainingLog.create(Path.of(args[0]));
            for (int epoch = 1; epoch <= 3; epoch++) {
                for (int step = 0; step < 4; step++) {
                    log.step(epoch, step, epoch + step / 10.0);
                }
                log.epoch(epoch, epoch + 0.15, epoch + 0.25, Map.of("accuracy", epoch / 4.0));
            }
            Runtime.getRuntime().halt(3);
        }
    }

    @Test
    void aCrashedProcessLeavesEveryLoggedLineReadable() throws Exception {
        Path file = dir.resolve("crash/metrics.jsonl");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = codeSource(CrashingTrainer.class) + File.pathSeparator + codeSource(TrainingLog.class)
                + File.pathSeparator + codeSource(org.kindling.Tensor.class); // core: the log writes with its JSON codec
        Process child = new ProcessBuilder(java, "-cp", classpath, CrashingTrainer.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, child.exitValue(), "child JVM should halt with 3; output: " + output);

        TrainingLog read = TrainingLog.read(file);
        assertEquals(12, read.steps().size());
        assertEquals(3, read.epochs().size());
        assertArrayEquals(new double[] {1, 2, 3}, read.epochNumbers());
        assertArrayEquals(new double[] {1.15, 2.15, 3.15}, read.trainLosses());
        assertArrayEquals(new double[] {1.25, 2.25, 3.25}, read.valLosses());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75}, read.metric("accuracy"));
        assertEquals(3.3, read.stepLosses()[11]);
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"kind":"step","epoch":1,"step":0,"loss":0.5}
                {"kind":"step","epoch":1,"step":1,"loss":0.4}

                {"kind":"step","epoch":1,"step":2,"loss":0.3 "lr":0.1}
                {"kind":"epoch","epoch":1,"train_loss":0.4}
                """);
        TrainingLog.FormatException e = assertThrows(TrainingLog.FormatException.class, () -> TrainingLog.read(file));
        assertEquals(file, e.file());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith(file + ":4: "), e.getMessage());
        assertTrue(e.getMessage().contains("column 46"), e.getMessage());
    }

    @Test
    void badRecordsAreRejectedWithTheReason() throws IOException {
        String[][] cases = {
            {"{\"kind\":\"step\",\"epoch\":1,\"loss\":0.5}", "missing number \"step\""},
            {"{\"kind\":\"step\",\"epoch\":1.5,\"step\":0,\"loss\":0.5}", "\"epoch\" must be a non-negative integer"},
            {"{\"kind\":\"step\",\"epoch\":-1,\"step\":0,\"loss\":0.5}", "\"epoch\" must be a non-negative integer"},
            {"{\"kind\":\"step\",\"epoch\":1,\"step\":0,\"loss\":\"low\"}", "\"loss\" is not a number"},
            {"{\"kind\":\"step\",\"epoch\":1,\"step\":0,\"loss\":0.5,\"acc\":1}", "unexpected field(s) [acc]"},
            {"{\"kind\":\"batch\",\"epoch\":1}", "unknown kind batch"},
            {"{\"epoch\":1,\"train_loss\":0.5}", "missing \"kind\""},
            {"{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5,\"acc\":[1]}", "nesting deeper than 1 level"},
            {"{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5,\"note\":\"hi\"}", "metric \"note\" is not a number"},
            {"{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5,\"epoch\":2}", "duplicate key \"epoch\""},
            {"[1, 2]", "expected a JSON object at the top level"},
            {"{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5} x", "after the JSON value"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve("case.jsonl");
            Files.writeString(file, "{\"kind\":\"epoch\",\"epoch\":0,\"train_loss\":1}\n" + c[0] + "\n");
            TrainingLog.FormatException e =
                    assertThrows(TrainingLog.FormatException.class, () -> TrainingLog.read(file), c[0]);
            assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), "expected '" + c[1] + "' in: " + e.getMessage());
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.jsonl");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> TrainingLog.read(missing));
        assertEquals("training log: " + missing + " does not exist", e.getMessage());
    }

    @Test
    void tornLastLineIsSkippedButATornMiddleLineFails() throws IOException {
        Path file = dir.resolve("torn.jsonl");
        String whole = "{\"kind\":\"step\",\"epoch\":1,\"step\":0,\"loss\":0.5}\n";
        Files.writeString(file, whole + whole + "{\"kind\":\"step\",\"epoch\":1,\"st");
        assertEquals(2, TrainingLog.read(file).steps().size());

        Files.writeString(file, whole + "{\"kind\":\"step\",\"epoch\":1,\"st\n" + whole);
        assertEquals(2, assertThrows(TrainingLog.FormatException.class, () -> TrainingLog.read(file)).line());
    }

    @Test
    void openForAppendContinuesAfterATornLine() throws IOException {
        Path file = dir.resolve("resume.jsonl");
        try (TrainingLog log = TrainingLog.create(file)) {
            log.step(1, 0, 0.5);
            log.epoch(1, 0.5);
        }
        Files.writeString(file, "{\"kind\":\"step\",\"epo", StandardOpenOption.APPEND);
        try (TrainingLog log = TrainingLog.openForAppend(file)) {
            assertEquals(1, log.epochs().size());
            log.step(2, 0, 0.25);
            log.epoch(2, 0.25, 0.3);
        }
        TrainingLog read = TrainingLog.read(file);
        assertArrayEquals(new double[] {0.5, 0.25}, read.stepLosses());
        assertArrayEquals(new double[] {1, 2}, read.epochNumbers());
        assertEquals(4, Files.readAllLines(file).size());
    }

    @Test
    void openForAppendKeepsAWholeLastLineThatLostItsNewline() throws IOException {
        Path file = dir.resolve("resume.jsonl");
        Files.writeString(file, "{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5}");
        try (TrainingLog log = TrainingLog.openForAppend(file)) {
            log.epoch(2, 0.25);
        }
        assertArrayEquals(new double[] {0.5, 0.25}, TrainingLog.read(file).trainLosses());
    }

    @Test
    void openForAppendUpToAnEpochCutsTheFileInPlaceAndKeepsEarlierLinesByteForByte() throws IOException {
        Path file = dir.resolve("resume.jsonl");
        // Spacing this class would not write: a rewrite of the kept records would normalize it.
        String kept = "{\"kind\": \"step\", \"epoch\": 1, \"step\": 1, \"loss\": 0.5}\n"
                + "{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5}\n";
        Files.writeString(file, kept + "{\"kind\":\"step\",\"epoch\":2,\"step\":2,\"loss\":0.4}\n"
                + "{\"kind\":\"epoch\",\"epoch\":2,\"train_loss\":0.4}\n{\"kind\":\"step\",\"epoch\":3,\"st");
        Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        try (TrainingLog log = TrainingLog.openForAppend(file, 1)) {
            assertEquals(1, log.epochs().size());
            assertEquals(1, log.steps().size());
            log.epoch(2, 0.25);
        }
        assertEquals(kept + "{\"kind\":\"epoch\",\"epoch\":2,\"train_loss\":0.25}\n", Files.readString(file));
        assertEquals(fileKey, Files.readAttributes(file, BasicFileAttributes.class).fileKey(), "the same file, not a copy");
    }

    @Test
    void openForAppendUpToAnEpochLeavesAMalformedLogUntouched() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        String text = "{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.5}\nnot json\n{\"kind\":\"epoch\",\"epoch\":2,\"tr";
        Files.writeString(file, text);
        assertEquals(2, assertThrows(TrainingLog.FormatException.class, () -> TrainingLog.openForAppend(file, 1)).line());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void accessorsForPlots() {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int step = 0; step < 4; step++) {
                log.step(epoch, step, step);
            }
        }
        log.step(3, 0, 9);
        log.epoch(1, 2.0);
        log.epoch(2, 1.0, 1.5);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 3.0}, log.stepPositions());
        assertArrayEquals(new double[] {0, 1, 2, 3, 0, 1, 2, 3, 9}, log.stepLosses());
        assertArrayEquals(new double[] {Double.NaN, 1.5}, log.valLosses());
        assertTrue(log.hasValLoss());
        assertThrows(IllegalArgumentException.class, () -> log.metric("accuracy"));
    }

    @Test
    void rejectsBadArgumentsAndUseAfterClose() {
        TrainingLog log = TrainingLog.create(dir.resolve("m.jsonl"));
        assertThrows(IllegalArgumentException.class, () -> log.step(-1, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> log.epoch(1, 1.0, Map.of("val_loss", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> log.epoch(1, 1.0, Map.of("", 1.0)));
        assertTrue(log.isEmpty(), "rejected records must not be stored");
        log.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> log.step(1, 0, 1.0));
        assertTrue(e.getMessage().contains("m.jsonl"), e.getMessage());
    }
}
