package org.kindling.tensorboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.tensorboard.proto.DataType;
import org.kindling.tensorboard.proto.Event;
import org.kindling.tensorboard.proto.HistogramProto;
import org.kindling.tensorboard.proto.SessionLog;
import org.kindling.tensorboard.proto.Summary;
import org.kindling.tensorboard.proto.hparams.HParamsPluginData;
import org.kindling.tensorboard.proto.hparams.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What SummaryWriter writes, read back with protobuf by {@link EventFiles}. */
class SummaryWriterTest {
    @TempDir
    Path dir;

    private static Summary.Value onlyValue(Event e) {
        assertTrue(e.hasSummary(), "a summary event: " + e);
        assertEquals(1, e.getSummary().getValueCount());
        return e.getSummary().getValue(0);
    }

    @Test
    void fileIsNamedAsTensorBoardNamesItAndStartsWithTheFileVersion() {
        Path file;
        try (SummaryWriter w = new SummaryWriter(dir)) {
            file = w.file();
        }
        assertEquals(dir, file.getParent());
        String name = file.getFileName().toString();
        assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\.\\Q" + Host.name() + "\\E\\."
                + ProcessHandle.current().pid() + "\\.\\d+"), name);
        long seconds = Long.parseLong(name.split("\\.")[3]);
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 60, "time in the name: " + seconds);
        List<Event> events = EventFiles.read(file);
        assertEquals(1, events.size());
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertEquals(EventFileWriter.WRITER_NAME, events.get(0).getSourceMetadata().getWriter());
        assertTrue(Math.abs(events.get(0).getWallTime() - System.currentTimeMillis() / 1000.0) < 60);
    }

    @Test
    void twoWritersInOneFolderGetTwoFiles() {
        try (SummaryWriter a = new SummaryWriter(dir); SummaryWriter b = new SummaryWriter(dir)) {
            assertFalse(a.file().equals(b.file()));
        }
        assertEquals(2, EventFiles.eventFiles(dir).size());
    }

    @Test
    void scalarsRoundTripAsFloat32SimpleValues() {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addScalar("loss/train", 0.1, 1, 1000.5);
            w.addScalar("loss/train", Math.PI, 2);
            w.addScalar("lr", 1e-3, 7);
        }
        List<Event> events = EventFiles.readOnly(dir);
        assertEquals(4, events.size());
        Event first = events.get(1);
        assertEquals(1, first.getStep());
        assertEquals(1000.5, first.getWallTime());
        assertEquals("loss/train", onlyValue(first).getTag());
        assertEquals(0.1f, onlyValue(first).getSimpleValue());
        assertEquals(Summary.Value.ValueCase.SIMPLE_VALUE, onlyValue(first).getValueCase());
        assertEquals((float) Math.PI, onlyValue(events.get(2)).getSimpleValue());
        assertEquals(2, events.get(2).getStep());
        assertEquals(1e-3f, onlyValue(events.get(3)).getSimpleValue());
        assertEquals(7, events.get(3).getStep());
    }

    @Test
    void addScalarsWritesOneRunPerKeyAsPyTorchDoes() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train", 0.5);
        values.put("validation", 0.75);
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addScalars("loss/all", values, 3);
            w.addScalars("loss/all", Map.of("train", 0.25), 4);
        }
        assertEquals(1, EventFiles.readOnly(dir).size(), "the main file holds only its header");
        List<Event> train = EventFiles.readOnly(dir.resolve("loss_all_train"));
        assertEquals(3, train.size());
        assertEquals("loss/all", onlyValue(train.get(1)).getTag());
        assertEquals(0.5f, onlyValue(train.get(1)).getSimpleValue());
        assertEquals(3, train.get(1).getStep());
        assertEquals(0.25f, onlyValue(train.get(2)).getSimpleValue());
        List<Event> validation = EventFiles.readOnly(dir.resolve("loss_all_validation"));
        assertEquals(0.75f, onlyValue(validation.get(1)).getSimpleValue());
        assertEquals(train.get(1).getWallTime(), validation.get(1).getWallTime(), "one wall time per call");
    }

    @Test
    void histogramOfATensorHoldsItsStatisticsAndBuckets() {
        Tensor t = Tensor.of(-1.5f, 0f, 0.25f, 0.25f, 3f);
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addHistogram("weights", t, 5);
        }
        Event e = EventFiles.readOnly(dir).get(1);
        assertEquals(5, e.getStep());
        HistogramProto h = onlyValue(e).getHisto();
        assertEquals(-1.5, h.getMin());
        assertEquals(3, h.getMax());
        assertEquals(5, h.getNum());
        assertEquals(2.0, h.getSum());
        assertEquals(2.25 + 0.0625 * 2 + 9, h.getSumSquares());
        HistogramsTest.assertBucketsHold(h, t.toDoubleArray());
    }

    @Test
    void textGoesToTheTextPluginAsAStringTensor() {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addText("notes", "**bold** ünïcode", 2);
        }
        Summary.Value v = onlyValue(EventFiles.readOnly(dir).get(1));
        assertEquals("notes/text_summary", v.getTag());
        assertEquals("text", v.getMetadata().getPluginData().getPluginName());
        assertEquals(DataType.DT_STRING, v.getTensor().getDtype());
        assertEquals(1, v.getTensor().getTensorShape().getDim(0).getSize());
        assertEquals("**bold** ünïcode", v.getTensor().getStringVal(0).toStringUtf8());
    }

    @Test
    void hparamsWriteExperimentSessionStartAndEndThenTheMetrics() throws Exception {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("lr", 0.01);
        hp.put("optimizer", "adam");
        hp.put("standardize", true);
        hp.put("momentum", null);
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addHparams(hp, Map.of("hparam/loss", 0.125), Map.of("optimizer", List.of("sgd", "adam")), "run1", 9);
        }
        List<Event> events = EventFiles.readOnly(dir.resolve("run1"));
        assertEquals(5, events.size());
        String[] tags = {Summaries.EXPERIMENT_TAG, Summaries.SESSION_START_INFO_TAG, Summaries.SESSION_END_INFO_TAG};
        HParamsPluginData[] data = new HParamsPluginData[3];
        for (int i = 0; i < 3; i++) {
            Summary.Value v = onlyValue(events.get(i + 1));
            assertEquals(tags[i], v.getTag());
            assertEquals(9, events.get(i + 1).getStep());
            assertEquals("hparams", v.getMetadata().getPluginData().getPluginName());
            data[i] = HParamsPluginData.parseFrom(v.getMetadata().getPluginData().getContent());
            assertEquals(0, data[i].getVersion());
        }
        var experiment = data[0].getExperiment();
        assertEquals(List.of("lr", "optimizer", "standardize"),
                experiment.getHparamInfosList().stream().map(i -> i.getName()).toList());
        assertEquals(List.of("sgd", "adam"), experiment.getHparamInfos(1).getDomainDiscrete().getValuesList().stream()
                .map(v -> v.getStringValue()).toList());
        assertEquals("hparam/loss", experiment.getMetricInfos(0).getName().getTag());
        var start = data[1].getSessionStartInfo().getHparamsMap();
        assertEquals(0.01, start.get("lr").getNumberValue());
        assertEquals("adam", start.get("optimizer").getStringValue());
        assertTrue(start.get("standardize").getBoolValue());
        assertFalse(start.containsKey("momentum"));
        assertEquals(Status.STATUS_SUCCESS, data[2].getSessionEndInfo().getStatus());
        assertEquals("hparam/loss", onlyValue(events.get(4)).getTag());
        assertEquals(0.125f, onlyValue(events.get(4)).getSimpleValue());
    }

    @Test
    void hparamsWithoutARunNameGoToAFolderNamedByTheTime() {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addHparams(Map.of("lr", 0.1), Map.of("m", 1.0));
        }
        List<Path> runs = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(runs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(1, runs.size());
        double seconds = Double.parseDouble(runs.get(0).getFileName().toString());
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000.0) < 60, runs.get(0).toString());
    }

    @Test
    void badHparamValuesAreRejectedWithTheirName() {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> w.addHparams(Map.of("layers", List.of(1, 2)), Map.of()));
            assertTrue(e.getMessage().contains("'layers'"), e.getMessage());
            var d = assertThrows(IllegalArgumentException.class,
                    () -> w.addHparams(Map.of("lr", 0.1), Map.of(), Map.of("lr", List.of("a")), "x", 0));
            assertTrue(d.getMessage().contains("'lr'"), d.getMessage());
        }
    }

    @Test
    void purgeStepWritesTheRestartMarkers() {
        try (SummaryWriter w = new SummaryWriter(dir, SummaryWriter.options().purgeStep(40))) {
            w.addScalar("x", 1, 40);
        }
        List<Event> events = EventFiles.readOnly(dir);
        assertEquals("brain.Event:2", events.get(1).getFileVersion());
        assertEquals(40, events.get(1).getStep());
        assertEquals(SessionLog.SessionStatus.START, events.get(2).getSessionLog().getStatus());
        assertEquals(40, events.get(2).getStep());
    }

    @Test
    void eventsWaitInMemoryUntilFlushOrAFullQueue() {
        try (SummaryWriter w = new SummaryWriter(dir, SummaryWriter.options().maxQueue(3))) {
            w.addScalar("x", 1, 1);
            w.addScalar("x", 2, 2);
            assertEquals(1, EventFiles.read(w.file()).size(), "two pending events are not written yet");
            w.addScalar("x", 3, 3);
            assertEquals(4, EventFiles.read(w.file()).size(), "the third fills the queue");
            w.addScalar("x", 4, 4);
            w.flush();
            assertEquals(5, EventFiles.read(w.file()).size());
        }
    }

    @Test
    void aBackgroundThreadFlushesEveryFlushSecs() throws InterruptedException {
        try (SummaryWriter w = new SummaryWriter(dir, SummaryWriter.options().flushSecs(0.05))) {
            w.addScalar("x", 1, 1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (EventFiles.read(w.file()).size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(2, EventFiles.read(w.file()).size(), "flushed without flush() within 10 s");
        }
    }

    @Test
    void closeWritesEverythingAndLaterCallsFail() {
        SummaryWriter w = new SummaryWriter(dir);
        for (int i = 0; i < 5; i++) w.addScalar("x", i, i);
        w.close();
        w.close(); // a second close does nothing
        assertEquals(6, EventFiles.readOnly(dir).size());
        var e = assertThrows(IllegalStateException.class, () -> w.addScalar("x", 1, 1));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void concurrentWritersLoseNothingAndInterleaveWholeRecords() throws Exception {
        int threads = 4, each = 500;
        try (SummaryWriter w = new SummaryWriter(dir); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        w.addScalar("thread" + id, i, i);
                        if (i % 100 == 0) w.addHistogram("h" + id, new double[] {i, -i, 0.5}, i);
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        }
        List<Event> events = EventFiles.readOnly(dir); // checks every record's CRCs
        for (int t = 0; t < threads; t++) {
            String tag = "thread" + t;
            List<Long> steps = events.stream().filter(e -> e.hasSummary() && onlyValue(e).getTag().equals(tag))
                    .map(Event::getStep).toList();
            assertEquals(each, steps.size(), tag);
            for (int i = 0; i < each; i++) assertEquals(i, steps.get(i), tag + " in order");
        }
    }

    @Test
    void aFullDiskFailsWithTheFileNamedAndStopsTheWriter() {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.isWritable(devFull), "needs /dev/full (Linux) to simulate a full disk");
        EventFileWriter.Opener full = file -> FileChannel.open(devFull, StandardOpenOption.WRITE);
        var e = assertThrows(UncheckedIOException.class, () -> new SummaryWriter(dir, SummaryWriter.options(), full));
        assertTrue(e.getMessage().contains(dir.resolve("events.out.tfevents.").toString()), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("No space left"), e.getCause().getMessage());
    }

    @Test
    void aFailureDuringTrainingIsReportedOnTheNextCall() {
        boolean[] full = {false};
        EventFileWriter.Opener failing = file -> {
            FileChannel real = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new java.nio.channels.WritableByteChannel() {
                @Override public int write(java.nio.ByteBuffer src) throws IOException {
                    if (full[0]) throw new IOException("No space left on device");
                    return real.write(src);
                }
                @Override public boolean isOpen() { return real.isOpen(); }
                @Override public void close() throws IOException { real.close(); }
            };
        };
        SummaryWriter w = new SummaryWriter(dir, SummaryWriter.options(), failing);
        w.addScalar("x", 1, 1);
        full[0] = true;
        var e = assertThrows(UncheckedIOException.class, w::flush);
        assertTrue(e.getMessage().contains(w.file().toString()) && e.getMessage().contains("No space left"), e.getMessage());
        full[0] = false;
        assertThrows(UncheckedIOException.class, () -> w.addScalar("x", 2, 2), "the writer stays failed");
        assertThrows(UncheckedIOException.class, w::close);
        assertEquals(1, EventFiles.read(w.file()).size(), "only whole records on disk");
    }

    @Test
    void aLogFolderThatCannotBeCreatedIsNamed() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        var e = assertThrows(UncheckedIOException.class, () -> new SummaryWriter(notADir.resolve("logs")));
        assertTrue(e.getMessage().contains(notADir.resolve("logs").toString()), e.getMessage());
    }

    @Test
    void emptyTagsAndBadOptionsAreRejected() {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            assertThrows(IllegalArgumentException.class, () -> w.addScalar("", 1, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> SummaryWriter.options().flushSecs(0));
        assertThrows(IllegalArgumentException.class, () -> SummaryWriter.options().maxQueue(0));
        assertThrows(IllegalArgumentException.class, () -> SummaryWriter.options().filenameSuffix("a/b"));
    }
}
