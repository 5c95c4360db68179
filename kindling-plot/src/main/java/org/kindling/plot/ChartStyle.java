package org.kindling.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style of Kindling's charts: Matplotlib's look (white background, light grid, thin dark frame,
 * legend in a light box) with the Okabe-Ito palette, which stays distinct under the common forms of
 * color blindness.
 */
final class ChartStyle {
    private ChartStyle() {}

    // Okabe & Ito (2008), "Color Universal Design".
    static final Color BLUE = new Color(0x0072B2);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color GREEN = new Color(0x009E73);
    static final Color SKY = new Color(0x56B4E9);
    static final Color PURPLE = new Color(0xCC79A7);
    static final Color GRAY = new Color(0x555555);
    static final Color[] PALETTE = {BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, GRAY};

    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x444444);
    static final Color GRID = new Color(0xE6E6E6);

    static final String FONT = Font.SANS_SERIF;

    /** A blank chart of the given size in the house style. */
    static XYChart newChart(int width, int height) {
        XYChart chart = new XYChart(width, height);
        XYStyler s = chart.getStyler();
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setZoomEnabled(false);
        s.setCursorEnabled(false);

        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartFontColor(TEXT);
        s.setChartPadding(14);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(FONT, Font.PLAIN, 17));
        s.setChartTitlePadding(10);

        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(FRAME);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotTicksMarksVisible(false);
        s.setPlotMargin(0);
        // Leave a little air between the data and the frame, as Matplotlib's 5% margins do.
        s.setPlotContentSize(0.94);

        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTitlePadding(8);
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(FRAME);
        s.setAxisTickMarkLength(4);
        s.setAxisTickPadding(5);
        s.setAxisTicksLineVisible(false);
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        s.setXAxisTitleColor(TEXT);
        s.setYAxisTitleColor(TEXT);

        s.setLegendVisible(true);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 225));
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setLegendPadding(8);
        s.setLegendSeriesLineLength(22);

        s.setSeriesColors(PALETTE);
        s.setMarkerSize(5);
        return chart;
    }

    /** Adds a plain line without markers. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return series;
    }

    /** Adds a dashed reference line. */
    static XYSeries dashed(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries series = line(chart, name, x, y, color, width);
        series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f));
        return series;
    }

    /** Adds a scatter of small translucent dots, which keeps 1000 overlapping points readable. */
    static XYSeries dots(XYChart chart, String name, double[] x, double[] y, Color color, int alpha) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(withAlpha(color, alpha));
        return series;
    }

    /**
     * Adds an invisible point inside the data range. XChart puts x ticks on the data values themselves
     * when all x values are equally spaced (epochs 1, 2, ..., 60 give ticks 1, 6, 11, ...); one point off
     * that grid makes it choose round steps (0, 10, 20, ...) as Matplotlib does.
     */
    static void roundXTicks(XYChart chart, double xMin, double xMax, double y) {
        double x = xMin + (xMax - xMin) * 0.5 + (xMax - xMin) * 1.234567e-3;
        XYSeries hidden = chart.addSeries("\u200b", new double[] {x}, new double[] {y});
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setLineStyle(SeriesLines.NONE);
        hidden.setShowInLegend(false);
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
