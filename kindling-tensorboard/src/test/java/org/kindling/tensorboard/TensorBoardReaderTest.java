package org.kindling.tensorboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.tensorboard.proto.HistogramProto;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real reader: TensorBoard's own {@code EventAccumulator} (via {@code read_events.py}) reads a log folder
 * SummaryWriter wrote, and every scalar, histogram, text and hparams value comes back as written. Skipped,
 * with the reason, when no Python with tensorboard is found (see {@link Python}).
 */
class TensorBoardReaderTest {
    private static String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPython() {
        python = Python.with("tensorboard").orElse(null);
    }

    private JsonNode read(Path logDir) throws Exception {
        assumeTrue(python != null, Python.missing("tensorboard"));
        return new ObjectMapper().readTree(Python.runScript(python, "read_events.py", dir, logDir.toString()));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void tensorBoardReadsEveryValueBack() throws Exception {
        Path logDir = dir.resolve("logs");
        Random random = new Random(3);
        Map<String, double[]> scalars = new LinkedHashMap<>();
        scalars.put("loss/train", new double[] {2.5, 1.25, 0.1, 1e-7, 3.4e38});
        scalars.put("lr", new double[] {0.01, 0.005, -0.5});
        Map<Integer, double[]> histograms = new LinkedHashMap<>();
        try (SummaryWriter w = new SummaryWriter(logDir, SummaryWriter.options().maxQueue(4))) {
            for (Map.Entry<String, double[]> s : scalars.entrySet()) {
                for (int i = 0; i < s.getValue().length; i++) w.addScalar(s.getKey(), s.getValue()[i], 10L * i);
            }
            for (int step = 0; step < 3; step++) {
                float[] weights = new float[200 + step];
                for (int i = 0; i < weights.length; i++) weights[i] = (float) (random.nextGaussian() * Math.pow(10, step - 1));
                weights[0] = 0;
                Tensor t = Tensor.of(weights);
                histograms.put(step, t.toDoubleArray());
                w.addHistogram("weights/fc1.weight", t, step);
            }
            w.addText("notes", "first **note** ✓", 1);
            w.addText("notes", "second", 2);
            w.addScalars("loss", Map.of("train", 0.5, "validation", 0.625), 7);
            Map<String, Object> hp = new LinkedHashMap<>();
            hp.put("lr", 0.003);
            hp.put("optimizer", "adam");
            hp.put("standardize", false);
            w.addHparams(hp, Map.of("hparam/accuracy", 0.875), Map.of("optimizer", List.of("sgd", "adam")), "hp", 0);
        }

        JsonNode runs = read(logDir);
        assertEquals(Set.of(".", "loss_train", "loss_validation", "hp"), names(runs));
        JsonNode main = runs.get(".");
        assertEquals(2.0, main.get("file_version").asDouble(), "brain.Event:2");

        assertEquals(scalars.keySet(), names(main.get("scalars")));
        for (Map.Entry<String, double[]> s : scalars.entrySet()) {
            JsonNode points = main.get("scalars").get(s.getKey());
            assertEquals(s.getValue().length, points.size(), s.getKey());
            for (int i = 0; i < points.size(); i++) {
                assertEquals(10L * i, points.get(i).get(0).asLong(), s.getKey() + " step");
                assertEquals((float) s.getValue()[i], (float) points.get(i).get(1).asDouble(), s.getKey() + " value");
            }
        }

        JsonNode histos = main.get("histograms").get("weights/fc1.weight");
        assertEquals(3, histos.size());
        for (int step = 0; step < 3; step++) {
            JsonNode h = histos.get(step);
            double[] values = histograms.get(step);
            HistogramProto written = Histograms.of("w", values);
            assertEquals(step, h.get("step").asLong());
            assertEquals(java.util.Arrays.stream(values).min().orElseThrow(), h.get("min").asDouble());
            assertEquals(java.util.Arrays.stream(values).max().orElseThrow(), h.get("max").asDouble());
            assertEquals(values.length, h.get("num").asDouble());
            assertEquals(written.getSum(), h.get("sum").asDouble());
            assertEquals(written.getSumSquares(), h.get("sum_squares").asDouble());
            assertEquals(written.getBucketLimitList(), doubles(h.get("bucket_limit")));
            assertEquals(written.getBucketList(), doubles(h.get("bucket")));
            HistogramsTest.assertBucketsHold(written, values);
        }

        JsonNode texts = main.get("texts").get("notes/text_summary");
        assertEquals(1, texts.get(0).get(0).asLong());
        assertEquals("first **note** ✓", texts.get(0).get(1).get(0).asText());
        assertEquals("second", texts.get(1).get(1).get(0).asText());

        assertEquals(0.5f, (float) runs.get("loss_train").get("scalars").get("loss").get(0).get(1).asDouble());
        assertEquals(7, runs.get("loss_train").get("scalars").get("loss").get(0).get(0).asLong());
        assertEquals(0.625f, (float) runs.get("loss_validation").get("scalars").get("loss").get(0).get(1).asDouble());

        JsonNode hp = runs.get("hp");
        JsonNode start = hp.get("hparams").get(Summaries.SESSION_START_INFO_TAG).get("session_start_info").get("hparams");
        assertEquals(0.003, start.get("lr").asDouble());
        assertEquals("adam", start.get("optimizer").asText());
        assertEquals(false, start.get("standardize").asBoolean(true));
        JsonNode experiment = hp.get("hparams").get(Summaries.EXPERIMENT_TAG).get("experiment");
        assertEquals("lr", experiment.get("hparam_infos").get(0).get("name").asText());
        assertEquals("DATA_TYPE_FLOAT64", experiment.get("hparam_infos").get(0).get("type").asText());
        assertEquals("DATA_TYPE_STRING", experiment.get("hparam_infos").get(1).get("type").asText());
        assertEquals("sgd", experiment.get("hparam_infos").get(1).get("domain_discrete").get(0).asText());
        assertEquals("DATA_TYPE_BOOL", experiment.get("hparam_infos").get(2).get("type").asText());
        assertEquals("hparam/accuracy", experiment.get("metric_infos").get(0).get("name").get("tag").asText());
        assertEquals("STATUS_SUCCESS", hp.get("hparams").get(Summaries.SESSION_END_INFO_TAG)
                .get("session_end_info").get("status").asText());
        assertEquals(0.875f, (float) hp.get("scalars").get("hparam/accuracy").get(0).get(1).asDouble());
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }
}
