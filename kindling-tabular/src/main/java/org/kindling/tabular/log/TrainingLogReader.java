package org.kindling.tabular.log;

import org.kindling.internal.json.Json;
import org.kindling.internal.json.JsonParseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Parses the JSON Lines format of {@link TrainingLog} back into records, line by line. */
final class TrainingLogReader {
    private TrainingLogReader() {}

    /** Reads every record of {@code reader} into {@code log}; {@code file} is only for messages. */
    static void readInto(Reader reader, Path file, TrainingLog log) throws IOException {
        StringBuilder line = new StringBuilder(128);
        char[] buf = new char[8192];
        long lineNo = 1;
        int n;
        while ((n = reader.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c != '\n') {
                    line.append(c);
                    continue;
                }
                parseLine(line, file, lineNo, log);
                line.setLength(0);
                lineNo++;
            }
        }
        if (!line.toString().isBlank()) {
            // No newline after the last line: a crash may have cut it. Keep it only if it is whole.
            TrainingLog scratch = new TrainingLog();
            try {
                parseLine(line, file, lineNo, scratch);
            } catch (TrainingLog.FormatException torn) {
                return;
            }
            parseLine(line, file, lineNo, log);
        }
    }

    private static void parseLine(CharSequence raw, Path file, long lineNo, TrainingLog log) {
        Object record = parseRecord(raw, file, lineNo);
        if (record instanceof TrainingLog.Step step) {
            log.addStep(step);
        } else if (record instanceof TrainingLog.Epoch epoch) {
            log.addEpoch(epoch);
        }
    }

    /** One line as a {@link TrainingLog.Step} or {@link TrainingLog.Epoch}, or null for a blank line. */
    static Object parseRecord(CharSequence raw, Path file, long lineNo) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '\r') {
            end--;
        }
        String text = raw.subSequence(0, end).toString();
        if (lineNo == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> fields = parse(text);
            Object kind = fields.remove("kind");
            if ("step".equals(kind)) {
                int epoch = intField(fields, "epoch");
                long step = longField(fields, "step");
                double loss = number(fields, "loss", true);
                boolean hasLr = fields.get("lr") != null;
                double lr = number(fields, "lr", false);
                if (!fields.isEmpty()) {
                    throw new IllegalArgumentException("unexpected field(s) " + fields.keySet() + " in a step record");
                }
                return new TrainingLog.Step(epoch, step, loss, hasLr ? OptionalDouble.of(lr) : OptionalDouble.empty());
            } else if ("epoch".equals(kind)) {
                int epoch = intField(fields, "epoch");
                double trainLoss = number(fields, "train_loss", true);
                boolean hasVal = fields.get("val_loss") != null;
                double valLoss = number(fields, "val_loss", false);
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (Map.Entry<String, Object> f : fields.entrySet()) {
                    if (TrainingLog.RESERVED.contains(f.getKey())) {
                        throw new IllegalArgumentException("unexpected field \"" + f.getKey() + "\" in an epoch record");
                    }
                    if (f.getValue() == null) {
                        continue;
                    }
                    if (!(f.getValue() instanceof Number d)) {
                        throw new IllegalArgumentException("metric \"" + f.getKey() + "\" is not a number");
                    }
                    metrics.put(f.getKey(), d.doubleValue());
                }
                return new TrainingLog.Epoch(epoch, trainLoss,
                        hasVal ? OptionalDouble.of(valLoss) : OptionalDouble.empty(), metrics);
            } else if (kind == null) {
                throw new IllegalArgumentException("missing \"kind\" (expected \"step\" or \"epoch\")");
            } else {
                throw new IllegalArgumentException("unknown kind " + kind + " (expected \"step\" or \"epoch\")");
            }
        } catch (IllegalArgumentException e) {
            throw new TrainingLog.FormatException(file, lineNo, e.getMessage());
        }
    }

    private static double number(Map<String, Object> fields, String name, boolean required) {
        Object v = fields.remove(name);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("missing number \"" + name + "\"");
            }
            return Double.NaN;
        }
        if (!(v instanceof Number d)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a number: \"" + v + "\"");
        }
        return d.doubleValue();
    }

    /** One line as a JSON object, NaN and Infinity allowed (a diverged loss); nested values are refused later. */
    private static Map<String, Object> parse(String line) {
        try {
            return Json.parseObject(line, LINE_OPTIONS);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static final Json.Options LINE_OPTIONS = Json.Options.DEFAULT.withMaxDepth(1).withNonFiniteNumbers(true);

    private static long longField(Map<String, Object> fields, String name) {
        double v = number(fields, name, true);
        if (v != Math.rint(v) || v < 0 || v > 9.007199254740992E15) {
            throw new IllegalArgumentException("\"" + name + "\" must be a non-negative integer, got " + v);
        }
        return (long) v;
    }

    private static int intField(Map<String, Object> fields, String name) {
        long v = longField(fields, name);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + name + "\" is too large: " + v);
        }
        return (int) v;
    }
}
