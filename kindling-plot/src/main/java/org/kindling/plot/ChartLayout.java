package org.kindling.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;

/**
 * The last touches once the series are in: tick label formats that suit the data's range, and the
 * legend in the plot corner that covers the fewest data, as Matplotlib's {@code loc="best"} does
 * (trying upper right, upper left, lower left, lower right in that order).
 */
final class ChartLayout {
    private ChartLayout() {}

    private static final LegendPosition[] CORNERS = {
        LegendPosition.InsideNE, LegendPosition.InsideNW, LegendPosition.InsideSW, LegendPosition.InsideSE
    };
    // The share of the plot a legend of two or three entries typically covers.
    private static final double BOX_W = 0.42;
    private static final double BOX_H = 0.30;
    // Segments of lines are sampled so that a long straight stroke still counts where it passes.
    private static final int SAMPLES_PER_SEGMENT = 24;
    // The pattern for values too large or too fine for plain decimals; drawn by TickFormat instead.
    static final String SCIENTIFIC = "0.##E0";

    static void finish(XYChart chart, boolean legend) {
        XYStyler s = chart.getStyler();
        boolean logY = s.isYAxisLogarithmic();
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (LogAxis.isGridLine(series.getName())) {
                continue;
            }
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            for (int i = 0; i < xs.length; i++) {
                double y = logY ? Math.log10(ys[i]) : ys[i];
                x0 = Math.min(x0, xs[i]);
                x1 = Math.max(x1, xs[i]);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        if (s.getXAxisMin() != null) {
            x0 = s.getXAxisMin();
        }
        if (s.getXAxisMax() != null) {
            x1 = s.getXAxisMax();
        }
        if (s.getYAxisMin() != null) {
            y0 = logY ? Math.log10(s.getYAxisMin()) : s.getYAxisMin();
        }
        if (s.getYAxisMax() != null) {
            y1 = logY ? Math.log10(s.getYAxisMax()) : s.getYAxisMax();
        }
        String xPattern = decimalPattern(x0, x1);
        if (SCIENTIFIC.equals(xPattern) && s.getxAxisTickLabelsFormattingFunction() == null) {
            s.setxAxisTickLabelsFormattingFunction(TickFormat.forRange(x0, x1));
        } else if (s.getXAxisDecimalPattern() == null) {
            s.setXAxisDecimalPattern(xPattern);
        }
        String yPattern = logY ? null : decimalPattern(y0, y1);
        if (SCIENTIFIC.equals(yPattern) && s.getyAxisTickLabelsFormattingFunction() == null) {
            s.setyAxisTickLabelsFormattingFunction(TickFormat.forRange(y0, y1)); // 2×10¹², not 2E12
        } else if (s.getYAxisDecimalPattern() == null && !logY) {
            s.setYAxisDecimalPattern(yPattern);
        }
        if (legend) {
            placeLegend(chart, x0, x1, y0, y1);
        }
    }

    /**
     * A tick label format for an axis spanning {@code lo..hi}: as many decimals as ticks about a sixth of
     * the span apart need, plus one in reserve (optional digits, so no trailing zeros), and scientific
     * notation for very small or very large values. XChart's default shows 0.08 as ".08".
     */
    static String decimalPattern(double lo, double hi) {
        double span = hi - lo;
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(span > 0) || !Double.isFinite(span)) {
            return null;
        }
        if (magnitude >= 1e6 || span < 1e-4) {
            return SCIENTIFIC;
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(span / 6)));
        return decimals == 0 ? "#,##0.#" : "#,##0." + "#".repeat(decimals + 1);
    }

    private static void placeLegend(XYChart chart, double x0, double x1, double y0, double y1) {
        XYStyler s = chart.getStyler();
        boolean logY = s.isYAxisLogarithmic();
        double w = x1 > x0 ? x1 - x0 : 1;
        double h = y1 > y0 ? y1 - y0 : 1;

        long[] hits = new long[CORNERS.length];
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (LogAxis.isGridLine(series.getName())) {
                continue;
            }
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            boolean line = series.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Line;
            int samples = line && xs.length < 200 ? SAMPLES_PER_SEGMENT : 1;
            for (int i = 0; i < xs.length; i++) {
                for (int k = 0; k < samples; k++) {
                    if (k > 0 && i + 1 >= xs.length) {
                        break;
                    }
                    double t = (double) k / samples;
                    double x = k == 0 ? xs[i] : xs[i] + t * (xs[i + 1] - xs[i]);
                    double y = k == 0 ? ys[i] : ys[i] + t * (ys[i + 1] - ys[i]);
                    count(hits, (x - x0) / w, ((logY ? Math.log10(y) : y) - y0) / h);
                }
            }
        }
        int best = 0;
        for (int c = 1; c < CORNERS.length; c++) {
            if (hits[c] < hits[best]) {
                best = c;
            }
        }
        s.setLegendPosition(CORNERS[best]);
    }

    /** Counts a point, in plot fractions (0..1 left to right, bottom to top), against each corner box. */
    private static void count(long[] hits, double u, double v) {
        boolean right = u >= 1 - BOX_W;
        boolean left = u <= BOX_W;
        boolean top = v >= 1 - BOX_H;
        boolean bottom = v <= BOX_H;
        if (right && top) {
            hits[0]++;
        }
        if (left && top) {
            hits[1]++;
        }
        if (left && bottom) {
            hits[2]++;
        }
        if (right && bottom) {
            hits[3]++;
        }
    }
}
