package org.kindling.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API and the event stream over a folder with a finished run, corrupt runs and a growing one. */
class ApiTest {
    @TempDir
    static Path runs;
    private static Dashboard dashboard;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        TinyTraining.finished(runs, "done", 2, 0.05);
        Path badConfig = Files.createDirectories(runs.resolve("bad-config"));
        Files.writeString(badConfig.resolve("config.json"), "{\"dataset\": ");
        Path badLog = Files.createDirectories(runs.resolve("bad-log"));
        Files.copy(runs.resolve("done/config.json"), badLog.resolve("config.json"));
        Files.writeString(badLog.resolve("metrics.jsonl"), "{\"kind\":\"step\",\"epoch\":1,\"step\":1,\"loss\":1}\n{\"kind\":\n{}\n");
        dashboard = Dashboard.start(runs, Dashboard.options().port(0));
    }

    @AfterAll
    static void stop() {
        dashboard.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(dashboard.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, JsonNode> runsByName() throws Exception {
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        for (JsonNode r : JSON.readTree(get("/api/runs").body()).get("runs")) byName.put(r.get("name").asText(), r);
        return byName;
    }

    @Test
    void listsEveryRunWithItsStatus() throws Exception {
        Map<String, JsonNode> runs = runsByName();
        assertEquals("finished", runs.get("done").get("status").asText());
        assertEquals("corrupt", runs.get("bad-config").get("status").asText());
        assertTrue(runs.get("bad-config").get("message").asText().contains("config.json"));
        assertEquals("corrupt", runs.get("bad-log").get("status").asText());
        assertTrue(runs.get("bad-log").get("message").asText().startsWith("metrics.jsonl:2:"), runs.get("bad-log").toString());
    }

    @Test
    void aRunsDetailHasItsConfigurationAndFiles() throws Exception {
        HttpResponse<String> r = get("/api/runs/done");
        assertEquals(200, r.statusCode());
        JsonNode d = JSON.readTree(r.body());
        assertEquals("sine", d.get("config").get("dataset").asText());
        List<String> files = new ArrayList<>();
        d.get("files").forEach(f -> files.add(f.asText()));
        assertTrue(files.containsAll(List.of("config.json", "loss.png", "metrics.jsonl", "model.safetensors", "report.html")), files.toString());
        HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(dashboard.uri().resolve("/files/done/loss.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/png", png.headers().firstValue("content-type").orElse(""));
        assertEquals(Files.size(runs.resolve("done/loss.png")), png.body().length);
        assertTrue(png.headers().firstValue("content-security-policy").orElse("").startsWith("sandbox"));
    }

    @Test
    void aCorruptRunsDetailIsAnErrorCardNotAServerError() throws Exception {
        HttpResponse<String> r = get("/api/runs/bad-config");
        assertEquals(200, r.statusCode());
        assertEquals("corrupt", JSON.readTree(r.body()).get("summary").get("status").asText());
        HttpResponse<String> log = get("/api/runs/bad-log/metrics");
        assertEquals(422, log.statusCode());
        assertTrue(JSON.readTree(log.body()).get("error").asText().startsWith("metrics.jsonl:2:"), log.body());
        HttpResponse<String> missing = get("/api/runs/bad-config/metrics");
        assertEquals(200, missing.statusCode(), "no log yet is an empty log");
    }

    @Test
    void theWholeLogAsJson() throws Exception {
        JsonNode m = JSON.readTree(get("/api/runs/done/metrics").body());
        var log = org.kindling.tabular.log.TrainingLog.read(runs.resolve("done/metrics.jsonl"));
        assertEquals(log.steps().size(), m.get("steps").size());
        assertEquals(log.steps().get(3).loss(), m.get("steps").get(3).get(1).asDouble());
        assertEquals(log.epochs().size(), m.get("epochs").size());
        assertEquals(log.epochs().get(1).trainLoss(), m.get("epochs").get(1).get("train_loss").asDouble());
    }

    @Test
    void unknownRunsAndPagesAre404Json() throws Exception {
        for (String path : List.of("/api/runs/nope", "/api/runs/nope/events", "/files/done/nope.png", "/nope", "/api/runs/done/nope")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(JSON.readTree(r.body()).has("error"), path);
        }
    }

    @Test
    void thePageAndItsScriptsComeFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/assets/uPlot.iife.min.js"));
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
        HttpResponse<String> uplot = get("/assets/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.body().contains("uPlot"));
        assertEquals(200, get("/assets/uPlot.min.css").statusCode());
        assertEquals(200, get("/assets/app.js").statusCode());
    }

    @Test
    @Timeout(20)
    void theEventStreamSendsLinesAsTheyAreAppended() throws Exception {
        Path live = Files.createDirectories(runs.resolve("live"));
        Files.copy(runs.resolve("done/config.json"), live.resolve("config.json"));
        Path log = live.resolve("metrics.jsonl");
        Files.writeString(log, "{\"kind\":\"step\",\"epoch\":1,\"step\":1,\"loss\":0.9}\n");
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(dashboard.uri().resolve("/api/runs/live/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream;charset=utf-8", r.headers().firstValue("content-type").orElse("").replace(" ", ""));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            JsonNode first = nextEvent(in, "metrics");
            assertTrue(first.get("reset").asBoolean());
            assertEquals(1, first.get("steps").size());
            Files.writeString(log, "{\"kind\":\"step\",\"epoch\":1,\"step\":2,\"loss\":0.8}\n{\"kind\":\"epo", StandardOpenOption.APPEND);
            JsonNode second = nextEvent(in, "metrics");
            assertEquals(List.of(2, 0.8), List.of(second.get("steps").get(0).get(0).asInt(), second.get("steps").get(0).get(1).asDouble()));
            assertEquals(1, second.get("steps").size(), "the torn line is not sent");
            Files.writeString(log, "ch\",\"epoch\":1,\"train_loss\":0.85}\n{\"oops\n", StandardOpenOption.APPEND);
            JsonNode third = nextEvent(in, "metrics");
            assertEquals(0.85, third.get("epochs").get(0).get("train_loss").asDouble());
            JsonNode problem = nextEvent(in, "problem");
            assertTrue(problem.get("error").asText().startsWith("metrics.jsonl:4:"), problem.toString());
        }
    }

    /** Reads events until one named {@code name}, and returns its data. */
    private static JsonNode nextEvent(BufferedReader in, String name) throws IOException {
        String event = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("event: ")) event = line.substring(7);
            else if (line.startsWith("data: ") && name.equals(event)) return JSON.readTree(line.substring(6));
        }
        throw new AssertionError("the stream ended before a " + name + " event");
    }
}
