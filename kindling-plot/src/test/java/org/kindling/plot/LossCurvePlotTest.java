package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.tabular.log.TrainingLog;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LossCurvePlotTest {
    @TempDir
    Path dir;

    /** 20 epochs of 8 steps, loss decaying like 1/epoch, validation a little higher. */
    static TrainingLog sampleLog() {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 20; epoch++) {
            double sum = 0;
            for (int step = 0; step < 8; step++) {
                double loss = 1.0 / (epoch + step / 8.0) + 0.05 * ((step * 7) % 5) / 5.0;
                log.step(epoch, step, loss);
                sum += loss;
            }
            log.epoch(epoch, sum / 8, 1.15 / epoch + 0.02);
        }
        return log;
    }

    @Test
    void pngHasTheRequestedSizeAndShowsBothCurves() throws Exception {
        Path png = dir.resolve("out/loss.png");
        Plots.lossCurve(sampleLog()).size(600, 380).dpi(144).savePng(png);
        BufferedImage image = ImageAssertions.assertPng(png, 1200, 760);
        assertTrue(ImageAssertions.pixelsNear(image, ChartStyle.BLUE) > 500, "train curve not drawn");
        assertTrue(ImageAssertions.pixelsNear(image, ChartStyle.VERMILLION) > 500, "validation curve not drawn");

        Path exact = dir.resolve("exact.png");
        Plots.lossCurve(sampleLog()).size(500, 300).dpi(72).savePng(exact);
        ImageAssertions.assertPng(exact, 500, 300);
    }

    @Test
    void pngRecordsItsResolution() throws Exception {
        Path png = dir.resolve("loss.png");
        Plots.lossCurve(sampleLog()).dpi(200).savePng(png);
        // Read the pHYs chunk from the bytes: pixels per meter, then unit 1 = meter.
        byte[] bytes = Files.readAllBytes(png);
        int at = -1;
        for (int i = 0; i + 4 <= bytes.length && at < 0; i++) {
            if (bytes[i] == 'p' && bytes[i + 1] == 'H' && bytes[i + 2] == 'Y' && bytes[i + 3] == 's') {
                at = i + 4;
            }
        }
        assertTrue(at > 0, "no pHYs chunk");
        java.nio.ByteBuffer phys = java.nio.ByteBuffer.wrap(bytes, at, 9);
        assertEquals(7874, phys.getInt()); // 200 dpi = 200 / 0.0254 m
        assertEquals(7874, phys.getInt());
        assertEquals(1, phys.get());
    }

    @Test
    void svgParsesAndHasTheRequestedSize() throws Exception {
        Path svg = dir.resolve("loss.svg");
        Plots.lossCurve(sampleLog()).size(700, 420).saveSvg(svg);
        ImageAssertions.assertSvg(svg, 700, 420);
        String text = Files.readString(svg);
        assertFalse(text.contains("<!DOCTYPE"), "DOCTYPE should be stripped");
        assertFalse(text.matches("(?s).*\\d\\.\\d{3,}.*"), "coordinates should be rounded to 2 decimals");
    }

    @Test
    void drawsEpochCurvesStepsAndLegendFromTheLog() {
        TrainingLog log = sampleLog();
        XYChart chart = Plots.lossCurve(log).toXChart();
        XYSeries train = chart.getSeriesMap().get("train");
        XYSeries val = chart.getSeriesMap().get("validation");
        XYSeries steps = chart.getSeriesMap().get("train (per step)");
        assertArrayEquals(log.epochNumbers(), train.getXData());
        assertArrayEquals(log.trainLosses(), train.getYData());
        assertArrayEquals(log.valLosses(), val.getYData());
        assertArrayEquals(log.stepPositions(), steps.getXData());
        assertEquals("Training loss", chart.getTitle());
        assertEquals("Epoch", chart.getXAxisTitle());
        assertTrue(chart.getStyler().isLegendVisible());

        XYChart noSteps = Plots.lossCurve(log).steps(false).title("Loss").yLabel("MSE").toXChart();
        assertNull(noSteps.getSeriesMap().get("train (per step)"));
        assertEquals("Loss", noSteps.getTitle());
        assertEquals("MSE", noSteps.getYAxisTitle());
    }

    @Test
    void aStepSpikeRunsOffTheTopInsteadOfSquashingTheCurves() {
        TrainingLog log = sampleLog();
        log.step(21, 0, 500.0);
        log.epoch(21, 0.05, 0.07);
        XYChart chart = Plots.lossCurve(log).toXChart();
        Double top = chart.getStyler().getYAxisMax();
        assertNotNull(top, "y range should be capped");
        assertTrue(top < 5, "y max " + top + " should ignore the 500 spike");
        assertTrue(top >= 1.0, "y max " + top + " must keep the epoch curves (max 1.17) in view");
    }

    @Test
    void logScaleLeavesOutNonPositiveAndNonFiniteLosses() throws Exception {
        TrainingLog log = new TrainingLog();
        double[] losses = {1.0, 0.0, 0.5, Double.NaN, 0.25, Double.POSITIVE_INFINITY, 0.1};
        for (int i = 0; i < losses.length; i++) {
            log.epoch(i + 1, losses[i]);
        }
        LossCurvePlot plot = Plots.lossCurve(log).logScale(true);
        XYChart chart = plot.toXChart();
        assertArrayEquals(new double[] {1, 3, 5, 7}, chart.getSeriesMap().get("train").getXData());
        assertArrayEquals(new double[] {0, Math.log10(0.5), Math.log10(0.25), -1},
                chart.getSeriesMap().get("train").getYData(), 1e-12, "log10 values on the log axis");
        // XChart refuses a zero on a log axis; rendering proves it never got one.
        ImageAssertions.assertNotBlank(plot.toImage());
        assertArrayEquals(new double[] {1, 2, 3, 5, 7},
                Plots.lossCurve(log).toXChart().getSeriesMap().get("train").getXData());
    }

    /** Like the diabetes run: 12 noisy minibatch steps per epoch with rare large spikes, slowly falling curves. */
    static TrainingLog noisyLog() {
        TrainingLog log = new TrainingLog();
        java.util.Random random = new java.util.Random(7);
        for (int epoch = 1; epoch <= 200; epoch++) {
            double level = 0.35 + 0.6 / Math.sqrt(epoch);
            for (int step = 0; step < 12; step++) {
                double noise = Math.exp(0.45 * random.nextGaussian());
                log.step(epoch, (epoch - 1) * 12L + step, random.nextInt(200) == 0 ? 40 * level : level * noise);
            }
            log.epoch(epoch, level, level + 0.15);
        }
        return log;
    }

    @Test
    void noisyStepsAndSpikesDoNotSetTheRangeOfALogPlot() {
        XYChart chart = Plots.lossCurve(noisyLog()).logScale(true).toXChart();
        double lo = chart.getStyler().getYAxisMin();
        double hi = chart.getStyler().getYAxisMax();
        double curvesLo = Math.log10(0.35 + 0.6 / Math.sqrt(200));
        double curvesHi = Math.log10(0.35 + 0.6 + 0.15);
        double span = curvesHi - curvesLo;
        assertTrue(lo <= curvesLo && hi >= curvesHi, "the epoch curves are in view: " + lo + ".." + hi);
        assertTrue(lo > curvesLo - 0.5 * span && hi < curvesHi + 0.5 * span,
                "steps widen the range only a little: " + lo + ".." + hi + " for curves " + curvesLo + ".." + curvesHi);
        XYSeries steps = chart.getSeriesMap().get("train (per step)");
        assertTrue(steps.getLineStyle().getLineWidth() < 1, "the per-step line is thin");
        assertTrue(steps.getLineColor().getAlpha() <= 100, "the per-step line is faint");
    }

    @Test
    void logAxisGridLinesOnlyAtLabelledTicksAndLabelsArePlainNumbers() {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 2000; epoch++) {
            log.epoch(epoch, 0.0028 + 0.5 / epoch, 0.003 + 0.5 / epoch);
        }
        XYChart chart = Plots.lossCurve(log).logScale(true).toXChart();
        assertFalse(chart.getStyler().isPlotGridHorizontalLinesVisible(), "no XChart grid line at every 2..9 x 10^k");
        java.util.List<Double> grid = chart.getSeriesMap().values().stream().filter(x -> LogAxis.isGridLine(x.getName()))
                .map(x -> Math.pow(10, x.getYData()[0])).toList();
        assertTrue(grid.size() >= 4 && grid.size() <= 10, "a few grid lines, not stripes: " + grid);
        for (double tick : grid) {
            String label = TickFormat.format(tick);
            assertTrue(label.matches("0\\.0*[125]"), "1-2-5 ticks over two decades, plain decimals: " + label);
        }
        ImageAssertions.assertNotBlank(Plots.lossCurve(log).logScale(true).toImage());
        assertFalse(Plots.lossCurve(log).logScale(true).toSvg().contains("<text"), "labels are outlines, like XChart's");
    }

    @Test
    void aFullBatchRunDrawsNoSeparateStepLine() {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 50; epoch++) {
            log.step(epoch, epoch, 1.0 / epoch);
            log.epoch(epoch, 1.0 / epoch);
        }
        assertNull(Plots.lossCurve(log).toXChart().getSeriesMap().get("train (per step)"), "it would repeat the train curve");
    }

    @Test
    void aDivergedRunsHugeLossesGetReadableTicks() {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 30; epoch++) {
            log.epoch(epoch, Math.pow(10, epoch * 0.45 - 1));
        }
        XYChart linear = Plots.lossCurve(log).toXChart();
        ImageAssertions.assertNotBlank(Plots.lossCurve(log).toImage());
        assertEquals("2×10¹²", linear.getStyler().getyAxisTickLabelsFormattingFunction().apply(2e12));
        ImageAssertions.assertNotBlank(Plots.lossCurve(log).logScale(true).toImage());
    }

    @Test
    void hugeNearlyConstantLossesStillRender() {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 40; epoch++) {
            log.step(epoch, 2L * epoch, 1.2e7 + epoch * 1e-3);
            log.step(epoch, 2L * epoch + 1, 1.2e7 - epoch * 1e-3);
            log.epoch(epoch, 1.2e7 + epoch * 1e-4);
        }
        // XChart retries forever when tick labels repeat; these must finish.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            ImageAssertions.assertNotBlank(Plots.lossCurve(log).toImage());
            ImageAssertions.assertNotBlank(Plots.lossCurve(log).logScale(true).toImage());
        });
    }

    @Test
    void manyStepsAreThinnedButKeepTheirExtremes() {
        TrainingLog log = new TrainingLog();
        for (int s = 0; s < 100_000; s++) {
            log.step(1, s, s == 54_321 ? 9.0 : 1.0 + (s % 2) * 0.5);
        }
        XYSeries steps = Plots.lossCurve(log).toXChart().getSeriesMap().get("train (per step)");
        assertTrue(steps.getYData().length <= 1200, steps.getYData().length + " points");
        double max = Arrays.stream(steps.getYData()).max().orElseThrow();
        double min = Arrays.stream(steps.getYData()).min().orElseThrow();
        assertEquals(9.0, max, "the spike must survive thinning");
        assertEquals(1.0, min);
    }

    /** The x tick labels XChart chose when painting the chart. */
    static java.util.List<String> xTickLabels(XYChart chart) throws Exception {
        ChartFiles.render(chart, 72);
        java.lang.reflect.Field field = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("axisPair");
        field.setAccessible(true);
        var axes = (org.knowm.xchart.internal.chartpart.AxisPair<?, ?>) field.get(chart);
        return axes.getXAxis().getAxisTickCalculator().getTickLabels();
    }

    @Test
    void roundTicksForManyEpochs() throws Exception {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 60; epoch++) {
            log.epoch(epoch, 1.0 / epoch);
        }
        // XChart's own choice for equally spaced x would be the data values 1, 6, 11, ...
        java.util.List<String> labels = xTickLabels(Plots.lossCurve(log).toXChart());
        assertTrue(labels.size() >= 4, labels.toString());
        for (String label : labels) {
            assertEquals(0, Math.abs(Double.parseDouble(label.replace(",", "")) % 5), "tick " + label + " in " + labels);
        }
    }

    @Test
    void oneTickPerEpochForFewEpochs() throws Exception {
        TrainingLog log = new TrainingLog();
        for (int epoch = 1; epoch <= 5; epoch++) {
            log.epoch(epoch, 1.0 / epoch);
        }
        assertEquals(java.util.List.of("1", "2", "3", "4", "5"), xTickLabels(Plots.lossCurve(log).toXChart()));
    }

    @Test
    void errorsSayWhatIsWrong() {
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve(new TrainingLog()));
        assertTrue(empty.getMessage().contains("no records"), empty.getMessage());

        TrainingLog nan = new TrainingLog();
        nan.epoch(1, Double.NaN);
        IllegalStateException none =
                assertThrows(IllegalStateException.class, () -> Plots.lossCurve(nan).toXChart());
        assertTrue(none.getMessage().contains("no finite loss"), none.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve(sampleLog()).size(50, 400));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve(sampleLog()).dpi(5000));
    }

    @Test
    void theLogIsCopiedWhenThePlotIsMade() {
        TrainingLog log = sampleLog();
        LossCurvePlot plot = Plots.lossCurve(log);
        log.epoch(21, 0.01, 0.02);
        assertEquals(20, plot.toXChart().getSeriesMap().get("train").getXData().length);
    }
}
