package org.kindling.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.XYStyler;

/**
 * A logarithmic y axis with readable ticks. XChart's own log axis labels only whole powers of ten over a
 * few decades, writes {@code 1E12}, and draws a grid line at every 2..9 × 10ᵏ, which looks like stripes.
 * So the data go in as log10 values on a linear axis, and this class draws the grid lines (as series,
 * behind the data) and the labels (after XChart, in the space its invisible labels keep free) at the
 * ticks {@link LogTicks} chooses.
 */
final class LogAxis {
    private static final Color INVISIBLE = new Color(0, 0, 0, 0);
    private static final String GRID_SERIES = "\u200bgrid ";

    private LogAxis() {}

    /**
     * Sets the y range to {@code 10^lo .. 10^hi} (lo and hi are log10 values) and adds its grid lines; call
     * before adding data series, so the grid lies behind them. {@code xFrom..xTo} is the x range shown.
     */
    static void apply(XYChart chart, double lo, double hi, double xFrom, double xTo) {
        double[] ticks = LogTicks.between(Math.pow(10, lo), Math.pow(10, hi));
        String[] labels = new String[ticks.length];
        String widest = "";
        for (int i = 0; i < ticks.length; i++) {
            labels[i] = TickFormat.format(ticks[i]);
            widest = labels[i].length() > widest.length() ? labels[i] : widest;
        }
        XYStyler s = chart.getStyler();
        s.setYAxisMin(lo);
        s.setYAxisMax(hi);
        s.setXAxisMin(xFrom);
        s.setXAxisMax(xTo);
        s.setPlotGridHorizontalLinesVisible(false);
        // Grid lines reach past the x range on purpose: the plot clips them at its frame.
        double reach = Math.max(1, xTo - xFrom) * 10;
        for (int i = 0; i < ticks.length; i++) {
            double y = Math.log10(ticks[i]);
            XYSeries line = ChartStyle.line(chart, GRID_SERIES + i, new double[] {xFrom - reach, xTo + reach},
                    new double[] {y, y}, ChartStyle.GRID, 1f);
            line.setShowInLegend(false);
        }
        // XChart still lays out its y labels: make them as wide as ours, and invisible. They must all differ,
        // or XChart's tick search never ends: same-width digit variants of our widest label do.
        String widest0 = widest;
        s.setyAxisTickLabelsFormattingFunction(v -> placeholder(widest0, (int) Math.round((v - lo) / (hi - lo) * 997)));
        s.setYAxisGroupTickLabelsColorMap(0, INVISIBLE);
        s.setYAxisGroupTickMarksColorMap(0, INVISIBLE);
        chart.addAnnotation(new Labels(ticks, labels));
    }

    /**
     * {@code widest} with its last three digits replaced by those of {@code k} (0..999), padded with leading
     * digits if it has fewer: distinct for distinct k, and as wide, since digits share one width.
     */
    static String placeholder(String widest, int k) {
        StringBuilder text = new StringBuilder(widest);
        int digits = (int) widest.chars().filter(c -> c >= '0' && c <= '9').count();
        for (; digits < 3; digits++) {
            text.insert(0, '0');
        }
        int rest = Math.floorMod(k, 1000);
        for (int i = text.length() - 1, written = 0; i >= 0 && written < 3; i--) {
            if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                text.setCharAt(i, (char) ('0' + rest % 10));
                rest /= 10;
                written++;
            }
        }
        return text.toString();
    }

    /** Whether a series is one of the grid lines drawn here (not data). */
    static boolean isGridLine(String seriesName) {
        return seriesName.startsWith(GRID_SERIES);
    }

    /** The tick labels, right-aligned against the plot's left edge like XChart's own. */
    private static final class Labels extends Annotation {
        private final double[] ticks;
        private final String[] labels;

        Labels(double[] ticks, String[] labels) {
            super(false);
            this.ticks = ticks;
            this.labels = labels;
        }

        @Override
        public void paint(Graphics2D g) {
            XYStyler s = (XYStyler) styler;
            g.setFont(s.getAxisTickLabelsFont());
            g.setColor(s.getAxisTickLabelsColor());
            FontRenderContext frc = g.getFontRenderContext();
            // The data span plotContentSize of the plot's width, centred: step back to the frame.
            double x0 = chart.getScreenXFromChart(s.getXAxisMin());
            double x1 = chart.getScreenXFromChart(s.getXAxisMax());
            double frame = x0 - (x1 - x0) * (1 - s.getPlotContentSize()) / 2 / s.getPlotContentSize();
            double right = frame - s.getAxisTickPadding() - (s.isAxisTicksMarksVisible() ? s.getAxisTickMarkLength() : 0);
            for (int i = 0; i < ticks.length; i++) {
                double y = chart.getScreenYFromChart(Math.log10(ticks[i]));
                // Outlines, as XChart draws its text: the SVG then needs no fonts (and keeps 0.005 intact).
                TextLayout layout = new TextLayout(labels[i], s.getAxisTickLabelsFont(), frc);
                Rectangle2D box = layout.getBounds();
                double x = right - box.getWidth() - box.getX();
                double baseline = y - box.getY() - box.getHeight() / 2;
                g.fill(layout.getOutline(AffineTransform.getTranslateInstance(x, baseline)));
            }
        }

        @Override
        public Rectangle2D getBounds() {
            return new Rectangle2D.Double();
        }
    }
}
