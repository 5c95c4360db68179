package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    /** A clock the test moves by hand, in nanoseconds. */
    static final class FakeClock {
        long now = 1_000_000_000L;

        void advance(double seconds) {
            now += (long) (seconds * 1e9);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private TrainingProgress plain(int epochs, int steps, Duration interval) {
        return new TrainingProgress(epochs, steps,
                TrainingProgress.options().out(out).mode(TrainingProgress.Mode.PLAIN).interval(interval),
                () -> clock.now);
    }

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "carriage return in plain output");
        assertFalse(text.contains("\u001b"), "escape code in plain output");
        return text.lines().toList();
    }

    @Test
    void plainModePrintsCleanLinesWithRateAndEta() {
        try (TrainingProgress p = plain(20, 10, Duration.ofSeconds(5))) {
            assertFalse(p.isBar());
            for (int epoch = 1; epoch <= 20; epoch++) {
                for (int s = 0; s < 10; s++) {
                    clock.advance(0.1);
                    p.step(1.0 / epoch);
                }
                p.endEpoch(1.0 / epoch, 1.5 / epoch);
            }
        }
        List<String> lines = lines();
        // Epoch 1 (first), every second epoch (each tenth of 20, the last is epoch 20), and the summary.
        assertEquals(12, lines.size(), String.join("\n", lines));
        // After 1 of 20 epochs: 10 steps in 1 s, so 10 steps/s and 19 s to go.
        assertEquals("epoch 1/20  train_loss 1.000  val_loss 1.500  | 10.0 steps/s  elapsed 0:00:01  ETA 0:00:19",
                lines.get(0));
        assertEquals("epoch 2/20  train_loss 0.5000  val_loss 0.7500  | 10.0 steps/s  elapsed 0:00:02  ETA 0:00:18",
                lines.get(1));
        assertEquals("epoch 20/20  train_loss 0.05000  val_loss 0.07500  | 10.0 steps/s  elapsed 0:00:20",
                lines.get(10));
        assertEquals("done: 20/20 epochs, 200 steps in 0:00:20 (10.0 steps/s)  train_loss 0.05000  val_loss 0.07500",
                lines.get(11));
    }

    @Test
    void longEpochsGetAStepLineAtMostOncePerInterval() {
        try (TrainingProgress p = plain(2, 100, Duration.ofSeconds(5))) {
            for (int s = 0; s < 100; s++) {
                clock.advance(0.2); // 20 s per epoch
                p.step(0.5);
            }
            p.endEpoch(0.5);
        }
        List<String> lines = lines();
        List<String> stepLines = lines.stream().filter(l -> l.contains("  step ")).toList();
        assertEquals(4, stepLines.size(), String.join("\n", lines)); // at 5, 10, 15, 20 s
        assertEquals("epoch 1/2  step 25/100  loss 0.5000  | 5.0 steps/s  elapsed 0:00:05  ETA 0:00:35",
                stepLines.get(0));
    }

    @Test
    void fastRunsStayShort() {
        try (TrainingProgress p = plain(1000, 5, Duration.ofSeconds(5))) {
            for (int epoch = 1; epoch <= 1000; epoch++) {
                for (int s = 0; s < 5; s++) {
                    clock.advance(0.0001);
                    p.step(0.1);
                }
                p.endEpoch(0.1);
            }
        }
        // First epoch, ten milestones (the last is epoch 1000), summary.
        assertEquals(12, lines().size(), String.join("\n", lines()));
    }

    @Test
    void stoppingEarlySaysSo() {
        try (TrainingProgress p = plain(10, 2, Duration.ofSeconds(5))) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                clock.advance(1);
                p.step(0.1);
                p.step(0.1);
                p.endEpoch(0.1);
            }
            clock.advance(1);
            p.step(Double.NaN);
        }
        List<String> lines = lines();
        assertTrue(lines.get(lines.size() - 1).startsWith("stopped: 3/10 epochs, 7 steps in 0:00:04"),
                lines.get(lines.size() - 1));
    }

    @Test
    void resumedRunsCountFromTheirStartEpoch() {
        try (TrainingProgress p = new TrainingProgress(10, 1, TrainingProgress.options().out(out)
                .mode(TrainingProgress.Mode.PLAIN).startEpoch(9), () -> clock.now)) {
            clock.advance(1);
            p.step(0.2);
            p.endEpoch(0.2);
            clock.advance(1);
            p.step(0.1);
            p.endEpoch(0.1);
        }
        List<String> lines = lines();
        assertTrue(lines.get(0).startsWith("epoch 9/10  train_loss 0.2000"), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 10/10  train_loss 0.1000"), lines.get(1));
        assertTrue(lines.get(2).startsWith("done: 10/10 epochs (resumed at epoch 9), 2 steps"), lines.get(2));
    }

    @Test
    void autoModeOnAnythingButAConsoleIsPlain() {
        try (TrainingProgress p = new TrainingProgress(2, 2, TrainingProgress.options().out(out))) {
            assertFalse(p.isBar());
            p.step(0.3);
        }
        lines();
    }

    @Test
    void barModeRedrawsInPlace() {
        try (TrainingProgress p = new TrainingProgress(3, 4,
                TrainingProgress.options().out(out).mode(TrainingProgress.Mode.BAR), () -> clock.now)) {
            assertTrue(p.isBar());
            for (int epoch = 1; epoch <= 3; epoch++) {
                for (int s = 0; s < 4; s++) {
                    clock.advance(0.2);
                    p.step(0.25);
                }
                p.endEpoch(0.25, 0.3);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\r"), "a bar redraws with carriage returns");
        assertTrue(text.contains("12/12"), text);
        assertTrue(text.contains("epoch 3/3 |"), text);
        assertTrue(text.contains("loss 0.2500  val 0.3000"), text);
        assertTrue(text.contains("done: 3/3 epochs, 12 steps"), text);
        // Every redraw fills the line (119 of 120 columns) so no end of a longer one stays behind.
        String bars = text.substring(0, text.indexOf("done:"));
        int redraws = 0;
        for (String redraw : bars.split("\r")) {
            String drawn = redraw.endsWith("\n") ? redraw.substring(0, redraw.length() - 1) : redraw;
            if (!drawn.isBlank()) {
                assertTrue(drawn.startsWith("epoch "), "[" + drawn + "]");
                assertEquals(119, drawn.length(), "[" + drawn + "]");
                redraws++;
            }
        }
        assertTrue(redraws >= 1);
    }

    @Test
    void misuseFailsClearly() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(5, 0));
        TrainingProgress p = plain(1, 1, Duration.ZERO);
        p.close();
        p.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.step(1.0));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void clockTimeAndLossFormats() {
        assertEquals("0:00:00", TrainingProgress.clockTime(0.4));
        assertEquals("1:01:01", TrainingProgress.clockTime(3661));
        assertEquals("0.01235", TrainingProgress.fmt(0.0123456));
        assertEquals("1.235e-05", TrainingProgress.fmt(1.23456e-5));
        assertEquals("NaN", TrainingProgress.fmt(Double.NaN));
    }
}
