package org.kindling.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Following a log as it is written: whole lines only, a cut log starts over, a bad line is named. */
class MetricsTailTest {
    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("metrics.jsonl");
    }

    private void append(String text) throws IOException {
        Files.writeString(log(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void returnsOnlyCompleteLinesAndPicksUpTheRestLater() throws Exception {
        MetricsTail tail = new MetricsTail(log(), Dashboard.mapper());
        assertTrue(tail.poll().isEmpty(), "no file yet");
        append("{\"kind\":\"step\",\"epoch\":1,\"step\":1,\"loss\":0.5}\n{\"kind\":\"step\",\"ep");
        MetricsTail.Batch first = tail.poll();
        assertEquals(1, first.steps().size());
        assertArrayEquals(new double[] {1, 0.5}, first.steps().get(0));
        assertTrue(tail.poll().isEmpty(), "the torn line waits");
        append("och\":1,\"step\":2,\"loss\":NaN}\n{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":0.4,\"val_accuracy\":0.75}\n");
        MetricsTail.Batch second = tail.poll();
        assertEquals(2, second.steps().get(0)[0]);
        assertTrue(Double.isNaN(second.steps().get(0)[1]));
        assertEquals(1, second.epochs().size());
        assertEquals(0.4, second.epochs().get(0).get("train_loss"));
        assertEquals(0.75, second.epochs().get(0).get("val_accuracy"));
        assertFalse(second.reset());
    }

    @Test
    void numbersStepsByRecordSoTheAxisGrowsWhenTheLogRestartsItsCount() throws Exception {
        append("{\"kind\":\"step\",\"epoch\":1,\"step\":0,\"loss\":1}\n{\"kind\":\"step\",\"epoch\":2,\"step\":0,\"loss\":2}\n");
        MetricsTail.Batch b = new MetricsTail(log(), Dashboard.mapper()).poll();
        assertEquals(1, b.steps().get(0)[0]);
        assertEquals(2, b.steps().get(1)[0]);
    }

    @Test
    void startsOverWhenAResumedRunCutsTheLog() throws Exception {
        append("{\"kind\":\"step\",\"epoch\":1,\"step\":1,\"loss\":1}\n{\"kind\":\"step\",\"epoch\":2,\"step\":2,\"loss\":2}\n");
        MetricsTail tail = new MetricsTail(log(), Dashboard.mapper());
        assertEquals(2, tail.poll().steps().size());
        try (FileChannel ch = FileChannel.open(log(), StandardOpenOption.WRITE)) {
            ch.truncate(Files.readString(log()).indexOf('\n') + 1);
        }
        append("{\"kind\":\"step\",\"epoch\":2,\"step\":2,\"loss\":3}\n");
        MetricsTail.Batch b = tail.poll();
        assertTrue(b.reset());
        assertEquals(2, b.steps().size());
        assertEquals(3.0, b.steps().get(1)[1]);
    }

    @Test
    void aCompleteLineThatIsNotARecordIsReportedWithItsNumberAfterTheRecordsBeforeIt() throws Exception {
        append("{\"kind\":\"step\",\"epoch\":1,\"step\":1,\"loss\":1}\n{\"kind\":\"step\",\"epoch\":1,\"st\n{}\n");
        MetricsTail tail = new MetricsTail(log(), Dashboard.mapper());
        MetricsTail.Batch b = tail.poll();
        assertEquals(1, b.steps().size());
        assertTrue(b.problem().startsWith("metrics.jsonl:2: "), b.problem());
        assertEquals(b.problem(), tail.poll().problem(), "it stays stopped at the bad line");
        Files.writeString(log(), "{\"kind\":\"bogus\"}\n");
        assertTrue(new MetricsTail(log(), Dashboard.mapper()).poll().problem().contains("unknown kind"));
        Files.writeString(log(), "{\"kind\":\"epoch\",\"epoch\":1,\"train_loss\":\"low\"}\n");
        assertTrue(new MetricsTail(log(), Dashboard.mapper()).poll().problem().contains("train_loss"));
    }

    @Test
    void nonFiniteEpochValuesBecomeNull() throws Exception {
        append("{\"kind\":\"epoch\",\"epoch\":3,\"train_loss\":Infinity,\"val_loss\":NaN}\n");
        MetricsTail.Batch b = new MetricsTail(log(), Dashboard.mapper()).poll();
        assertEquals(3, b.epochs().get(0).get("epoch"));
        assertNull(b.epochs().get(0).get("train_loss"));
        assertNull(b.epochs().get(0).get("val_loss"));
    }
}
