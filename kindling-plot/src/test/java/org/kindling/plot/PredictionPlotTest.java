package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class PredictionPlotTest {
    @TempDir
    Path dir;

    static double[][] noisyPredictions(int n) {
        Random rng = new Random(7);
        double[] yTrue = new double[n];
        double[] yPred = new double[n];
        for (int i = 0; i < n; i++) {
            yTrue[i] = rng.nextGaussian() * 3 + 10;
            yPred[i] = yTrue[i] * 0.9 + 1 + rng.nextGaussian() * 0.5;
        }
        return new double[][] {yTrue, yPred};
    }

    @Test
    void pngAndSvgOfAThousandPoints() throws Exception {
        double[][] d = noisyPredictions(1000);
        Path png = dir.resolve("pred.png");
        Path svg = dir.resolve("pred.svg");
        Plots.predictions(d[0], d[1]).size(480, 500).savePng(png).saveSvg(svg);
        BufferedImage image = ImageAssertions.assertPng(png, 960, 1000);
        assertTrue(ImageAssertions.pixelsNear(image, ChartStyle.BLUE) > 300, "dots not drawn");
        ImageAssertions.assertSvg(svg, 480, 500);
    }

    @Test
    void axesShareOneRangeThatHoldsAllPointsAndTheDiagonalSpansIt() {
        double[] yTrue = {0, 1, 2, 3};
        double[] yPred = {-1, 1.5, 2, 5};
        XYChart chart = Plots.predictions(yTrue, yPred).toXChart();
        var s = chart.getStyler();
        assertEquals(s.getXAxisMin(), s.getYAxisMin());
        assertEquals(s.getXAxisMax(), s.getYAxisMax());
        assertTrue(s.getXAxisMin() < -1 && s.getXAxisMax() > 5, s.getXAxisMin() + ".." + s.getXAxisMax());
        XYSeries diagonal = chart.getSeriesMap().get("y = x");
        assertArrayEquals(new double[] {s.getXAxisMin(), s.getXAxisMax()}, diagonal.getXData());
        assertArrayEquals(diagonal.getXData(), diagonal.getYData());
    }

    @Test
    void r2MatchesTheDefinition() {
        // mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 1, R^2 = 1 - 1/5.
        assertEquals(0.8, Plots.predictions(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 5}).r2(), 1e-12);
        assertEquals(1.0, Plots.predictions(new double[] {1, 2, 3}, new double[] {1, 2, 3}).r2());
        assertTrue(Double.isNaN(Plots.predictions(new double[] {2, 2}, new double[] {1, 3}).r2()));
        XYChart chart = Plots.predictions(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 5}).toXChart();
        assertTrue(chart.getSeriesMap().containsKey("predictions (R\u00b2 = 0.800)"), chart.getSeriesMap().keySet()
                .toString());
    }

    @Test
    void nonFinitePairsAreLeftOutAndTheInputIsCopied() {
        double[] yTrue = {1, 2, Double.NaN, 4};
        double[] yPred = {1, Double.POSITIVE_INFINITY, 3, 4.5};
        PredictionPlot plot = Plots.predictions(yTrue, yPred);
        yTrue[0] = 100;
        XYSeries dots = plot.toXChart().getSeriesMap().values().stream()
                .filter(x -> x.getName().startsWith("predictions")).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1, 4}, dots.getXData());
        assertArrayEquals(new double[] {1, 4.5}, dots.getYData());
    }

    @Test
    void floatArraysAreAccepted() {
        XYChart chart = Plots.predictions(new float[] {1f, 2f, 3f}, new float[] {1.5f, 2f, 2.5f}).toXChart();
        XYSeries dots = chart.getSeriesMap().values().stream()
                .filter(x -> x.getName().startsWith("predictions")).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1.5, 2, 2.5}, dots.getYData());
    }

    @Test
    void errorsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.predictions(new double[3], new double[2]));
        assertEquals("predictions: yTrue has 3 values but yPred has 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.predictions(new double[0], new double[0]));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Plots.predictions(new double[] {Double.NaN}, new double[] {1}).toXChart());
        assertTrue(none.getMessage().contains("no finite"), none.getMessage());
    }
}
