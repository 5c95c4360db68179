package org.kindling.tensorboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.tensorboard.proto.Event;
import org.kindling.tensorboard.proto.Summary;
import org.kindling.tensorboard.proto.hparams.HParamsPluginData;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same calls through Kindling's SummaryWriter and PyTorch's ({@code torch_write.py}) give the same
 * folders, files and decoded events, except wall times of the events PyTorch stamps itself, the writer's name
 * in the first event, and a histogram's {@code sum_squares}, which PyTorch takes from a BLAS dot product of
 * unspecified order (compared within 4 ulps instead). Skipped without a Python with torch and tensorboard.
 */
class PyTorchParityTest {
    @TempDir
    Path dir;

    @Test
    void eventsEqualPyTorchsSummaryWriter() throws Exception {
        String python = Python.with("torch", "tensorboard").orElse(null);
        assumeTrue(python != null, Python.missing("torch", "tensorboard"));

        List<Map<String, Object>> calls = new ArrayList<>();
        Random random = new Random(11);
        double wall = 1.7e9;
        for (int step = 0; step < 4; step++) {
            calls.add(call("scalar", "tag", "loss/train", "value", 1.0 / (step + 3), "step", step, "wall", wall + step));
            calls.add(call("scalar", "tag", "lr", "value", 0.1 * Math.pow(0.5, step), "step", step, "wall", wall + step));
            double[] values = new double[300 + 50 * step];
            for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * Math.pow(10, step - 2));
            values[1] = 0;
            calls.add(call("histogram", "tag", "weights/fc.weight", "values", values, "step", step, "wall", wall + step));
            calls.add(call("scalars", "tag", "loss", "values", Map.of("train", 0.5 + step, "validation", 0.25 * step),
                    "step", step, "wall", wall + step));
        }
        calls.add(call("histogram", "tag", "constant", "values", new double[] {3, 3, 3}, "step", 9, "wall", wall));
        calls.add(call("histogram", "tag", "tiny", "values", new double[] {-1e-13, 1e-13, 0}, "step", 9, "wall", wall));
        calls.add(call("text", "tag", "notes", "text", "hello *markdown* ✓", "step", 2, "wall", wall));
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("lr", 0.01);
        hp.put("optimizer", "sgd");
        hp.put("epochs", 200);
        calls.add(call("hparams", "hparams", hp, "metrics", Map.of("hparam/loss", 0.125), "run", "session"));

        Path ours = dir.resolve("kindling"), theirs = dir.resolve("torch");
        replay(calls, ours);
        Path callsFile = dir.resolve("calls.json");
        new ObjectMapper().writeValue(callsFile.toFile(), calls);
        Python.runScript(python, "torch_write.py", dir, callsFile.toString(), theirs.toString());

        Map<String, List<Event>> expected = runs(theirs), actual = runs(ours);
        assertEquals(expected.keySet(), actual.keySet(), "the same run folders");
        for (String run : expected.keySet()) {
            List<Event> e = expected.get(run), a = actual.get(run);
            assertEquals(e.size(), a.size(), run + ": event count");
            for (int i = 0; i < e.size(); i++) {
                sumSquaresAgree(e.get(i), a.get(i), run + ": event " + i);
                assertEquals(comparable(e.get(i), e.get(i).hasSummary() && !isHparamsOrItsMetric(e.get(i))),
                        comparable(a.get(i), a.get(i).hasSummary() && !isHparamsOrItsMetric(a.get(i))),
                        run + ": event " + i);
            }
        }
    }

    private static boolean isHparamsOrItsMetric(Event e) {
        String tag = e.getSummary().getValue(0).getTag();
        return tag.startsWith("_hparams_/") || tag.startsWith("hparam/"); // PyTorch stamps these with time.time()
    }

    private static Map<String, Object> call(String op, Object... keyValues) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("op", op);
        for (int i = 0; i < keyValues.length; i += 2) c.put((String) keyValues[i], keyValues[i + 1]);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static void replay(List<Map<String, Object>> calls, Path logDir) {
        try (SummaryWriter w = new SummaryWriter(logDir)) {
            for (Map<String, Object> c : calls) {
                String tag = (String) c.get("tag");
                long step = c.containsKey("step") ? ((Number) c.get("step")).longValue() : 0;
                double wall = c.containsKey("wall") ? (double) c.get("wall") : 0;
                switch ((String) c.get("op")) {
                    case "scalar" -> w.addScalar(tag, (double) c.get("value"), step, wall);
                    case "scalars" -> w.addScalars(tag, new TreeMap<>((Map<String, Double>) c.get("values")), step, wall);
                    case "histogram" -> w.addHistogram(tag, (double[]) c.get("values"), step, wall);
                    case "text" -> w.addText(tag, (String) c.get("text"), step, wall);
                    case "hparams" -> w.addHparams((Map<String, ?>) c.get("hparams"),
                            (Map<String, Double>) c.get("metrics"), (String) c.get("run"));
                    default -> throw new AssertionError(c);
                }
            }
        }
    }

    /** Each run folder (relative path) with the events of its one file, after the file-version header. */
    private static Map<String, List<Event>> runs(Path logDir) throws IOException {
        Map<String, List<Event>> runs = new TreeMap<>();
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList()) {
                List<Event> events = EventFiles.read(f);
                assertEquals("brain.Event:2", events.get(0).getFileVersion(), f.toString());
                String run = logDir.relativize(f.getParent()).toString();
                if (runs.put(run.isEmpty() ? "." : run, events.subList(1, events.size())) != null) {
                    throw new AssertionError("two event files in " + f.getParent());
                }
            }
        }
        return runs;
    }

    /** PyTorch's BLAS dot and the pairwise sum of squares differ in the last bits only: within 4 ulps. */
    private static void sumSquaresAgree(Event expected, Event actual, String what) {
        if (!expected.hasSummary() || !expected.getSummary().getValue(0).hasHisto()) return;
        double e = expected.getSummary().getValue(0).getHisto().getSumSquares();
        double a = actual.getSummary().getValue(0).getHisto().getSumSquares();
        assertEquals(e, a, 4 * Math.ulp(e), what + ": sum_squares");
    }

    /** The event as compared: without the wall time unless {@code keepWallTime}, and without sum_squares. */
    private static Event comparable(Event e, boolean keepWallTime) throws IOException {
        Event.Builder b = e.toBuilder();
        if (!keepWallTime) b.clearWallTime();
        if (e.hasSummary()) {
            Summary.Builder s = b.getSummaryBuilder();
            for (Summary.Value.Builder v : s.getValueBuilderList()) {
                if (v.getMetadata().getPluginData().getPluginName().equals("hparams")) {
                    // A map's entries have no fixed order on the wire: compare them in key order.
                    v.getMetadataBuilder().getPluginDataBuilder().setContent(
                            deterministic(HParamsPluginData.parseFrom(v.getMetadata().getPluginData().getContent())));
                }
                if (v.hasHisto()) v.getHistoBuilder().clearSumSquares(); // compared by sumSquaresAgree
            }
        }
        return b.build();
    }

    private static ByteString deterministic(HParamsPluginData data) throws IOException {
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        data.writeTo(out);
        out.flush();
        return bytes.toByteString();
    }
}
