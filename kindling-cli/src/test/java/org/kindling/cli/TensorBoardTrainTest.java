package org.kindling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.tabular.log.TrainingLog;
import org.kindling.tensorboard.proto.Event;
import org.kindling.tensorboard.proto.Summary;
import org.kindling.tensorboard.proto.hparams.HParamsPluginData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code kindling train --tensorboard}: the events match the run's own metrics log, value by value. */
class TensorBoardTrainTest {
    @TempDir
    Path tmp;

    // One short digits run (MLP, 3 epochs, histograms every 2) shared by the tests that read it.
    @TempDir
    static Path shared;
    private static Path run;

    @BeforeAll
    static void trainDigits() {
        run = shared.resolve("run");
        CliRun r = CliRun.of("train", "--dataset", "digits", "--model", "mlp", "--epochs", "3", "--tensorboard",
                "--histogram-every", "2", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("tensorboard --logdir " + run.resolve(TensorBoardEvents.FOLDER)), r.out());
    }

    /** Every summary value of every event file in the folder, by tag, as (step, value) in file order. */
    private static Map<String, List<Event>> eventsByTag(Path logDir) throws IOException {
        Map<String, List<Event>> byTag = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(logDir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "event files in " + logDir);
        for (Path f : files) {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
            while (in.hasRemaining()) {
                byte[] payload = new byte[Math.toIntExact(in.getLong())];
                in.getInt(); // CRCs: checked by kindling-tensorboard's own tests and by TensorBoard's reader below
                in.get(payload);
                in.getInt();
                Event e = Event.parseFrom(payload);
                for (Summary.Value v : e.getSummary().getValueList()) {
                    byTag.computeIfAbsent(v.getTag(), t -> new ArrayList<>()).add(e);
                }
            }
        }
        return byTag;
    }

    private static float scalar(Event e) {
        return e.getSummary().getValue(0).getSimpleValue();
    }

    @Test
    void digitsRunWritesLossAccuracyLearningRateHistogramsAndHparams() throws Exception {
        TrainingLog log = TrainingLog.read(run.resolve("metrics.jsonl"));
        Map<String, List<Event>> tags = eventsByTag(run.resolve(TensorBoardEvents.FOLDER));

        List<Event> steps = tags.get("loss/train_step");
        assertEquals(log.steps().size(), steps.size(), "one loss per step");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(log.steps().get(i).step(), steps.get(i).getStep());
            assertEquals((float) log.steps().get(i).loss(), scalar(steps.get(i)));
        }
        int stepsPerEpoch = steps.size() / 3;
        List<Event> train = tags.get("loss/train"), val = tags.get("loss/validation");
        List<Event> accuracy = tags.get("accuracy/train"), valAccuracy = tags.get("accuracy/validation");
        for (int epoch = 0; epoch < 3; epoch++) {
            TrainingLog.Epoch expected = log.epochs().get(epoch);
            long step = (long) (epoch + 1) * stepsPerEpoch;
            assertEquals(step, train.get(epoch).getStep(), "epoch values at the epoch's last step");
            assertEquals((float) expected.trainLoss(), scalar(train.get(epoch)));
            assertEquals((float) expected.valLoss().orElseThrow(), scalar(val.get(epoch)));
            assertEquals(expected.metrics().get(Accuracy.TRAIN).floatValue(), scalar(accuracy.get(epoch)));
            assertEquals(expected.metrics().get(Accuracy.VALIDATION).floatValue(), scalar(valAccuracy.get(epoch)));
            assertEquals(0.003f, scalar(tags.get("learning_rate").get(epoch)));
            assertEquals(epoch + 1f, scalar(tags.get("epoch").get(epoch)));
        }

        // --histogram-every 2 of 3 epochs: after epoch 2 and after the last one.
        for (String name : List.of("weights/0.weight", "weights/0.bias", "gradients/0.weight", "gradients/2.bias")) {
            List<Event> h = tags.get(name);
            assertNotNull(h, name + " in " + tags.keySet());
            assertEquals(List.of(2L * stepsPerEpoch, 3L * stepsPerEpoch), h.stream().map(Event::getStep).toList(), name);
            assertTrue(h.get(0).getSummary().getValue(0).getHisto().getNum() > 0, name);
        }
        assertEquals(64 * 10, (long) tags.get("weights/2.weight").get(0).getSummary().getValue(0).getHisto().getNum());

        assertTrue(tags.get("model/text_summary").get(0).getSummary().getValue(0).getTensor().getStringVal(0)
                .toStringUtf8().contains("Linear(in_features=64"), "the model's description as text");

        HParamsPluginData start = HParamsPluginData.parseFrom(tags.get("_hparams_/session_start_info").get(0)
                .getSummary().getValue(0).getMetadata().getPluginData().getContent());
        var hp = start.getSessionStartInfo().getHparamsMap();
        assertEquals(0.003, hp.get("lr").getNumberValue());
        assertEquals("adam", hp.get("optimizer").getStringValue());
        assertEquals("mlp", hp.get("model").getStringValue());
        assertEquals(3, hp.get("epochs").getNumberValue());
        TrainingLog.Epoch last = log.epochs().get(2);
        assertEquals((float) last.valLoss().orElseThrow(), scalar(tags.get("hparam/validation_loss").get(0)));
        assertEquals(3L * stepsPerEpoch, tags.get("hparam/validation_loss").get(0).getStep(), "final metrics at the last step");
        assertEquals(last.metrics().get(Accuracy.VALIDATION).floatValue(), scalar(tags.get("hparam/val_accuracy").get(0)));
    }

    /** When a Python with tensorboard is found: TensorBoard's own reader sees the same values as the metrics log. */
    @Test
    void tensorBoardReadsTheRun() throws Exception {
        TrainingLog log = TrainingLog.read(run.resolve("metrics.jsonl"));
        String python = findPython();
        assumeTrue(python != null, "TensorBoard's reader not run: no Python with tensorboard (tried -Dkindling.tensorboard.python, "
                + "$KINDLING_TENSORBOARD_PYTHON, python3)");
        Path script = Path.of(System.getProperty("kindling.root", ".."),
                "kindling-tensorboard/src/test/resources/org/kindling/tensorboard/read_events.py");
        Process p = new ProcessBuilder(python, script.toString(), run.resolve(TensorBoardEvents.FOLDER).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "read_events.py failed");
        JsonNode scalars = new ObjectMapper().readTree(out).get(".").get("scalars");
        for (int epoch = 0; epoch < 3; epoch++) {
            TrainingLog.Epoch e = log.epochs().get(epoch);
            assertEquals((float) e.trainLoss(), (float) scalars.get("loss/train").get(epoch).get(1).asDouble());
            assertEquals((float) e.valLoss().orElseThrow(), (float) scalars.get("loss/validation").get(epoch).get(1).asDouble());
        }
        assertEquals(log.steps().size(), scalars.get("loss/train_step").size());
        for (int i = 0; i < log.steps().size(); i++) {
            assertEquals(log.steps().get(i).step(), scalars.get("loss/train_step").get(i).get(0).asLong());
            assertEquals((float) log.steps().get(i).loss(), (float) scalars.get("loss/train_step").get(i).get(1).asDouble());
        }
    }

    private static String findPython() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String given = System.getProperty("kindling.tensorboard.python", "");
        if (!given.isBlank()) candidates.add(given);
        String fromEnvironment = System.getenv("KINDLING_TENSORBOARD_PYTHON");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) candidates.add(fromEnvironment);
        candidates.add("python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import tensorboard").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (IOException e) {
                // not there: try the next
            }
        }
        return null;
    }

    @Test
    void resumingPurgesWhatTheInterruptedRunWroteAfterItsCheckpoint() throws Exception {
        Path run = tmp.resolve("resumed");
        CliRun first = CliRun.of("train", "--dataset", "diabetes", "--batch-size", "100", "--checkpoint-every", "1",
                "--epochs", "2", "--tensorboard", "--out", run.toString());
        assertEquals(0, first.exitCode(), first.toString());
        CliRun resumed = CliRun.of("train", "--resume", run.toString(), "--epochs", "4", "--tensorboard");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        Map<String, List<Event>> tags = eventsByTag(run.resolve(TensorBoardEvents.FOLDER));
        List<Event> train = tags.get("loss/train");
        assertEquals(4, train.size(), "epochs 1-2, then 3-4 after the resume");
        long stepsPerEpoch = train.get(0).getStep();
        assertEquals(List.of(stepsPerEpoch, 2 * stepsPerEpoch, 3 * stepsPerEpoch, 4 * stepsPerEpoch),
                train.stream().map(Event::getStep).toList());
        // The resumed file starts with TensorBoard's restart marker at the first new step.
        boolean marker = false;
        try (Stream<Path> s = Files.list(run.resolve(TensorBoardEvents.FOLDER))) {
            for (Path f : s.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                marker |= new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("brain.Event:2")
                        && containsSessionStart(bytes, 2 * stepsPerEpoch + 1);
            }
        }
        assertTrue(marker, "a SessionLog START at step " + (2 * stepsPerEpoch + 1));
    }

    private static boolean containsSessionStart(byte[] file, long step) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            byte[] payload = new byte[Math.toIntExact(in.getLong())];
            in.getInt();
            in.get(payload);
            in.getInt();
            Event e = Event.parseFrom(payload);
            if (e.hasSessionLog() && e.getSessionLog().getStatusValue() == 1 && e.getStep() == step) return true;
        }
        return false;
    }

    @Test
    void histogramEveryNeedsTensorboard() {
        CliRun r = CliRun.of("train", "--epochs", "1", "--histogram-every", "2", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--histogram-every needs --tensorboard"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }
}
