package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.tabular.log.TrainingLog;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Plot files stay small whatever the number of points: a million rows must not make a 20 MB SVG. */
class BoundedPlotsTest {
    private static final int MILLION = 1_000_000;
    private static final long MAX_SVG = 2L << 20;
    private static final long MAX_PNG = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void predictionsOfAMillionPairsAreBoundedFilesThatSayTheyAreASample() throws Exception {
        double[][] d = PredictionPlotTest.noisyPredictions(MILLION);
        PredictionPlot plot = Plots.predictions(d[0], d[1]);
        assertBounded(plot, "predictions");

        XYSeries dots = dotSeries(plot.toXChart(), "predictions");
        assertEquals(PlotData.MAX_DOTS, dots.getXData().length);
        assertTrue(dots.getName().contains("5,000 of 1,000,000 shown"), dots.getName());
        // R² still describes every pair, not the sample.
        assertTrue(dots.getName().contains(String.format(Locale.ROOT, "R\u00b2 = %.3f", plot.r2())), dots.getName());
    }

    @Test
    void fitOfAMillionPointsIsBoundedWithASortedCurve() throws Exception {
        Random rng = new Random(3);
        double[] x = new double[MILLION];
        double[] y = new double[MILLION];
        double[] pred = new double[MILLION];
        for (int i = 0; i < MILLION; i++) {
            x[i] = rng.nextDouble() * 6 - 3;
            pred[i] = Math.sin(x[i]);
            y[i] = pred[i] + 0.1 * rng.nextGaussian();
        }
        FitPlot plot = Plots.fit(x, y, pred);
        assertBounded(plot, "fit");

        XYChart chart = plot.toXChart();
        assertTrue(dotSeries(chart, "data").getName().contains("5,000 of 1,000,000 shown"));
        double[] curve = chart.getSeriesMap().get("model").getXData();
        assertEquals(PlotData.MAX_CURVE_POINTS, curve.length);
        for (int i = 1; i < curve.length; i++) assertTrue(curve[i - 1] <= curve[i], "model curve not in x order at " + i);
    }

    @Test
    void lossCurveOfAMillionStepsIsBounded() throws Exception {
        TrainingLog log = new TrainingLog();
        int stepsPerEpoch = 10;
        for (int e = 1; e <= MILLION / stepsPerEpoch; e++) {
            for (int s = 1; s <= stepsPerEpoch; s++) {
                long step = (long) (e - 1) * stepsPerEpoch + s;
                log.step(e, step, 1.0 / e + s * 1e-3);
            }
            log.epoch(e, 1.0 / e, 1.2 / e);
        }
        LossCurvePlot plot = Plots.lossCurve(log).logScale(true);
        assertBounded(plot, "loss");
        for (String curve : new String[] {"train", "validation", "train (per step)"}) {
            int points = plot.toXChart().getSeriesMap().get(curve).getXData().length;
            assertTrue(points <= 1200, curve + ": " + points + " points drawn");
        }
    }

    @Test
    void theSampleIsTheSameEveryTimeInOrderAndSpreadEvenly() {
        int n = 200_000;
        double[] index = new double[n];
        for (int i = 0; i < n; i++) index[i] = i;
        PlotData.XY points = new PlotData.XY(index, index.clone());
        PlotData.XY a = PlotData.sample(points, 5000);
        PlotData.XY b = PlotData.sample(new PlotData.XY(index.clone(), index.clone()), 5000);
        assertArrayEquals(a.x(), b.x(), "a fixed seed: the same input gives the same sample");
        assertEquals(5000, a.size());
        int[] perTenth = new int[10];
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) assertTrue(a.x()[i] > a.x()[i - 1], "sampled points keep their order");
            assertEquals(a.x()[i], a.y()[i], "x and y stay paired");
            perTenth[(int) (a.x()[i] * 10 / n)]++;
        }
        // Uniform: each tenth of the input gets ~500 (sd ~21); 400..600 fails a biased or clumped sample.
        for (int t = 0; t < 10; t++) assertTrue(perTenth[t] > 400 && perTenth[t] < 600, "tenth " + t + ": " + perTenth[t]);
        assertEquals(points, PlotData.sample(points, n), "no more points than asked: all of them");
    }

    private void assertBounded(Plot<?> plot, String name) throws Exception {
        Path svg = dir.resolve(name + ".svg");
        Path png = dir.resolve(name + ".png");
        plot.saveSvg(svg).savePng(png);
        assertTrue(Files.size(svg) <= MAX_SVG, name + ".svg is " + Files.size(svg) + " bytes");
        assertTrue(Files.size(png) <= MAX_PNG, name + ".png is " + Files.size(png) + " bytes");
        ImageAssertions.assertSvg(svg, plot.width(), plot.height());
        ImageAssertions.assertPng(png, plot.width() * plot.dpi() / 72, plot.height() * plot.dpi() / 72);
    }

    private static XYSeries dotSeries(XYChart chart, String prefix) {
        return chart.getSeriesMap().values().stream().filter(s -> s.getName().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no series named " + prefix + "... in " + chart.getSeriesMap().keySet()));
    }
}
