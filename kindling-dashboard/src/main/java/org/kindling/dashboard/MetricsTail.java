package org.kindling.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a growing {@code metrics.jsonl}: each {@link #poll} returns the complete lines appended since the
 * last one. A last line without its newline is still being written and waits for the next poll. When the
 * file shrinks (a resumed run cuts the epochs it repeats) the tail starts over and says so.
 *
 * <p>Steps come out as {@code [n, loss]}, n counting step records from 1, so the x axis always grows
 * (the log's own step number may restart each epoch); epochs as objects with their losses and metrics.
 * Non-finite numbers become null, which JSON can carry.
 */
final class MetricsTail {
    /** At most this many bytes per poll, so a long log reaches the page in several events rather than one huge one. */
    private static final int MAX_READ = 1 << 20;

    /** A line that is complete but not a training log record. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(long line, String problem) {
            super(RunInspector.METRICS + ":" + line + ": " + problem);
        }
    }

    /**
     * What one poll found: whether the page must drop what it had first, the records, and the problem
     * with the first bad line if one was reached (null otherwise; the records before it are kept).
     */
    record Batch(boolean reset, List<double[]> steps, List<Map<String, Object>> epochs, String problem) {
        boolean isEmpty() {
            return !reset && steps.isEmpty() && epochs.isEmpty() && problem == null;
        }
    }

    private final Path file;
    private final ObjectMapper json;
    private long offset;
    private long line = 1;
    private int steps;
    /** The bytes of the last line read, newline included (its tail only, if it is long). */
    private byte[] lastLine = new byte[0];
    /** The problem with the bad line the tail stopped at, if any. */
    private String stuck;

    MetricsTail(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /**
     * The records appended since the last poll; empty when the file is missing or has no new complete line.
     * After a bad line every poll reports it again: the tail does not read past it.
     */
    Batch poll() throws IOException {
        if (stuck != null) return new Batch(false, List.of(), List.of(), stuck);
        boolean reset = false;
        List<double[]> newSteps = new ArrayList<>();
        List<Map<String, Object>> newEpochs = new ArrayList<>();
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < offset || (offset > 0 && !stillThere(ch))) {
                reset = true; // cut in place by a resumed run: what was sent may be gone
                offset = 0;
                line = 1;
                steps = 0;
                lastLine = new byte[0];
            }
            int n = (int) Math.min(size - offset, MAX_READ);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // read until full or the end
            }
            bytes = buf.array();
            n = buf.position();
            int end = lastNewline(bytes, n);
            if (end < 0) {
                if (n == MAX_READ) stuck = new BadLine(line, "a line longer than " + MAX_READ + " bytes").getMessage();
                return new Batch(reset, newSteps, newEpochs, stuck);
            }
            int start = 0;
            for (int i = 0; i <= end; i++) {
                if (bytes[i] == '\n') {
                    try {
                        parse(new String(bytes, start, i - start, StandardCharsets.UTF_8), newSteps, newEpochs);
                    } catch (BadLine e) {
                        stuck = e.getMessage();
                        return new Batch(reset, newSteps, newEpochs, stuck);
                    }
                    line++;
                    start = i + 1;
                }
            }
            int lineStart = lastNewline(bytes, end) + 1;
            lastLine = java.util.Arrays.copyOfRange(bytes, Math.max(lineStart, end + 1 - 4096), end + 1);
            offset += end + 1;
        } catch (java.nio.file.NoSuchFileException e) {
            return new Batch(false, newSteps, newEpochs, null);
        }
        return new Batch(reset, newSteps, newEpochs, null);
    }

    /** Whether the last line read is still where it was: a log cut and rewritten to the same length is not. */
    private boolean stillThere(FileChannel ch) throws IOException {
        ByteBuffer now = ByteBuffer.allocate(lastLine.length);
        while (now.hasRemaining() && ch.read(now, offset - lastLine.length + now.position()) > 0) {
            // read the whole line
        }
        return !now.hasRemaining() && java.util.Arrays.equals(now.array(), lastLine);
    }

    private static int lastNewline(byte[] b, int n) {
        for (int i = n - 1; i >= 0; i--) if (b[i] == '\n') return i;
        return -1;
    }

    private void parse(String text, List<double[]> newSteps, List<Map<String, Object>> newEpochs) throws BadLine {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.isBlank()) return;
        JsonNode record;
        try {
            record = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLine(line, "not a JSON object: " + e.getOriginalMessage());
        }
        if (record == null || !record.isObject()) throw new BadLine(line, "not a JSON object");
        String kind = record.path("kind").asText("");
        switch (kind) {
            case "step" -> newSteps.add(new double[] {++steps, number(record, "loss")});
            case "epoch" -> {
                Map<String, Object> epoch = new LinkedHashMap<>();
                epoch.put("epoch", (int) number(record, "epoch"));
                for (Map.Entry<String, JsonNode> f : record.properties()) {
                    if (f.getKey().equals("kind") || f.getKey().equals("epoch")) continue;
                    if (!f.getValue().isNumber()) throw new BadLine(line, "\"" + f.getKey() + "\" is not a number");
                    double v = f.getValue().doubleValue();
                    epoch.put(f.getKey(), Double.isFinite(v) ? v : null);
                }
                if (!epoch.containsKey("train_loss")) throw new BadLine(line, "an epoch record without \"train_loss\"");
                newEpochs.add(epoch);
            }
            default -> throw new BadLine(line, "unknown kind \"" + kind + "\" (expected \"step\" or \"epoch\")");
        }
    }

    /** A required number; NaN stands for null in the page (a diverged loss is written as NaN). */
    private double number(JsonNode record, String field) throws BadLine {
        JsonNode v = record.get(field);
        if (v == null || !v.isNumber()) throw new BadLine(line, "missing number \"" + field + "\"");
        return v.doubleValue();
    }
}
