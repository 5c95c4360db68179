package org.kindling.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kindling.tabular.log.TrainingLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells what state a run folder is in, from the files {@code kindling train} writes: {@code config.json}
 * first, then {@code metrics.jsonl} line by line, then {@code model.safetensors}, the plots and
 * {@code report.html} at the end (a diverged run writes a report but no model). Never throws for a bad
 * folder: what is wrong becomes the summary's status and message.
 */
final class RunInspector {
    static final String CONFIG = "config.json", METRICS = "metrics.jsonl", MODEL = "model.safetensors",
            REPORT = "report.html", CHECKPOINT = "checkpoint.safetensors";
    /** The folder name {@code kindling train} gives a run when no --out is given. */
    private static final DateTimeFormatter DEFAULT_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private final ObjectMapper json;
    private final long staleMillis;
    /** Parsed logs by file, reused while the file's size and time are unchanged (the page asks every few seconds). */
    private final Map<Path, CachedLog> logs = new ConcurrentHashMap<>();

    private record CachedLog(long size, FileTime time, TrainingLog log) {}

    /** @param staleMillis how long a log may stay unchanged before an unfinished run counts as stopped */
    RunInspector(ObjectMapper json, long staleMillis) {
        this.json = json;
        this.staleMillis = staleMillis;
    }

    /** A run's configuration as written, or an explanation of why it cannot be read. */
    record Config(JsonNode node, String problem) {}

    Config config(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            return new Config(null, "no " + CONFIG + " (not a run folder, or its training has not started)");
        }
        try {
            JsonNode node = json.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                return new Config(null, CONFIG + " does not hold a JSON object");
            }
            return new Config(node, null);
        } catch (JsonProcessingException e) {
            return new Config(null, CONFIG + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return new Config(null, "cannot read " + CONFIG + ": " + e.getMessage());
        }
    }

    RunSummary summarize(String name, Path dir) {
        Config config = config(dir);
        String started = started(name, dir);
        if (config.problem() != null) {
            return new RunSummary(name, RunStatus.CORRUPT.label(), config.problem(), started, 0, null, null, 0, 0, 0, Map.of());
        }
        JsonNode c = config.node();
        String data = text(c, "data") != null ? text(c, "data") : text(c, "dataset");
        String model = describeModel(c);
        int epochs = c.path("epochs").asInt(0);
        Path metrics = dir.resolve(METRICS);
        long now = System.currentTimeMillis();
        if (!Files.isRegularFile(metrics)) {
            boolean fresh = now - modified(dir.resolve(CONFIG)) < staleMillis;
            return new RunSummary(name, (fresh ? RunStatus.RUNNING : RunStatus.CORRUPT).label(),
                    fresh ? null : "no " + METRICS + ": training never logged a step", started, 0, data, model, 0, epochs, 0, Map.of());
        }
        long updated = modified(metrics);
        TrainingLog log;
        try {
            log = read(metrics);
        } catch (TrainingLog.FormatException e) {
            // The message starts with the file's full path: name it relative to the run instead.
            String problem = e.getMessage().substring((e.file() + ":" + e.line() + ": ").length());
            return new RunSummary(name, RunStatus.CORRUPT.label(), METRICS + ":" + e.line() + ": " + problem, started, updated, data, model, 0, epochs, 0, Map.of());
        } catch (UncheckedIOException e) {
            return new RunSummary(name, RunStatus.CORRUPT.label(), "cannot read " + METRICS, started, updated, data, model, 0, epochs, 0, Map.of());
        }
        int done = log.epochs().isEmpty() ? 0 : log.epochs().getLast().epoch();
        Map<String, Double> last = new LinkedHashMap<>();
        if (!log.epochs().isEmpty()) {
            TrainingLog.Epoch e = log.epochs().getLast();
            last.put("train_loss", finite(e.trainLoss()));
            if (e.valLoss().isPresent()) last.put("val_loss", finite(e.valLoss().getAsDouble()));
            e.metrics().forEach((k, v) -> last.put(k, finite(v)));
        }
        boolean hasReport = Files.isRegularFile(dir.resolve(REPORT));
        RunStatus status;
        String message = null;
        if (done >= epochs && epochs > 0 && hasReport && Files.isRegularFile(dir.resolve(MODEL))) {
            status = RunStatus.FINISHED;
        } else if (hasReport && modified(dir.resolve(REPORT)) >= updated) {
            status = RunStatus.FAILED;
            message = "training stopped at epoch " + done + " of " + epochs + " (the loss diverged); see " + REPORT;
        } else if (now - updated < staleMillis) {
            status = RunStatus.RUNNING;
        } else {
            status = RunStatus.STOPPED;
            message = "no progress for " + (now - updated) / 60_000 + " min, at epoch " + done + " of " + epochs
                    + (Files.isRegularFile(dir.resolve(CHECKPOINT)) ? "; continue it with kindling train --resume" : "");
        }
        return new RunSummary(name, status.label(), message, started, updated, data, model, done, epochs,
                log.steps().size(), last);
    }

    private TrainingLog read(Path file) {
        try {
            long size = Files.size(file);
            FileTime time = Files.getLastModifiedTime(file);
            CachedLog cached = logs.get(file);
            if (cached != null && cached.size == size && cached.time.equals(time)) {
                return cached.log;
            }
            TrainingLog log = TrainingLog.read(file);
            logs.put(file, new CachedLog(size, time, log));
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default folder name is the start time; otherwise config.json's time (rewritten when a run resumes). */
    private static String started(String name, Path dir) {
        try {
            return LocalDateTime.parse(name, DEFAULT_NAME).toString();
        } catch (DateTimeParseException e) {
            long t = modified(dir.resolve(CONFIG));
            if (t == 0) t = modified(dir);
            return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(t), ZoneId.systemDefault())
                    .truncatedTo(ChronoUnit.SECONDS).toString();
        }
    }

    /** A short description of the network, e.g. {@code mlp 64-32 relu} or {@code cnn}. */
    static String describeModel(JsonNode c) {
        String kind = text(c, "model") != null ? text(c, "model") : "mlp";
        if (!kind.equals("mlp")) return kind;
        StringBuilder s = new StringBuilder("mlp");
        JsonNode hidden = c.path("hidden");
        if (hidden.isArray() && !hidden.isEmpty()) {
            s.append(' ');
            for (int i = 0; i < hidden.size(); i++) s.append(i > 0 ? "-" : "").append(hidden.get(i).asText());
        }
        if (text(c, "activation") != null) s.append(' ').append(text(c, "activation"));
        return s.toString();
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Last modification in milliseconds, 0 when the file is gone. */
    static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
