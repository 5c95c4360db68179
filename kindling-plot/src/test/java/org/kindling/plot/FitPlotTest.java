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

class FitPlotTest {
    @TempDir
    Path dir;

    @Test
    void theTutorialPictureAsPngAndSvg() throws Exception {
        Random rng = new Random(3);
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-Math.PI, Math.PI);
            y[i] = Math.sin(x[i]) + 0.1 * rng.nextGaussian();
            pred[i] = Math.sin(x[i]) * 0.95;
        }
        Path png = dir.resolve("fit.png");
        Path svg = dir.resolve("fit.svg");
        Plots.fit(x, y, pred).reference("sin(x)", Math::sin).size(640, 400).savePng(png).saveSvg(svg);
        BufferedImage image = ImageAssertions.assertPng(png, 1280, 800);
        assertTrue(ImageAssertions.pixelsNear(image, ChartStyle.VERMILLION) > 1000, "model curve not drawn");
        ImageAssertions.assertSvg(svg, 640, 400);
    }

    @Test
    void theModelCurveIsDrawnInXOrderWithItsOwnPairs() {
        double[] x = {3, 1, 2, 0};
        double[] y = {9.5, 1.2, 3.8, 0.1};
        double[] pred = {9, 1, 4, 0};
        XYChart chart = Plots.fit(x, y, pred).toXChart();
        XYSeries model = chart.getSeriesMap().get("model");
        assertArrayEquals(new double[] {0, 1, 2, 3}, model.getXData());
        assertArrayEquals(new double[] {0, 1, 4, 9}, model.getYData());
        XYSeries data = chart.getSeriesMap().get("data");
        assertArrayEquals(x, data.getXData());
        assertArrayEquals(y, data.getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, data.getXYSeriesRenderStyle());
    }

    @Test
    void referenceFunctionSpansTheData() {
        XYChart chart = Plots.fit(new double[] {-2, 0, 2}, new double[] {4, 0, 4}, new double[] {3, 1, 3})
                .reference("x\u00b2", v -> v * v).toXChart();
        XYSeries ref = chart.getSeriesMap().get("x\u00b2");
        double[] rx = ref.getXData();
        assertEquals(-2, rx[0]);
        assertEquals(2, rx[rx.length - 1]);
        for (int i = 0; i < rx.length; i++) {
            assertEquals(rx[i] * rx[i], ref.getYData()[i], 1e-12);
        }
    }

    @Test
    void errorsNameTheArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.fit(new double[4], new double[4], new double[3]));
        assertEquals("fit: x has 4 values but yPred has 3", e.getMessage());
        assertThrows(NullPointerException.class, () -> Plots.fit(null, new double[1], new double[1]));
    }
}
