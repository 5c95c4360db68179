package org.kindling.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;

/**
 * A chart described by its data and options, drawn by XChart when saved; setters return this plot so
 * calls chain: {@code Plots.lossCurve(log).logScale(true).savePng(png).saveSvg(svg)}.
 *
 * <p>Sizes are in pixels at 72 dpi, the unit of the SVG and of the report page. PNGs are rendered at
 * {@link #dpi(int)} (default 144, twice the size, sharp on high-density screens and in a README), so a
 * PNG is {@code width * dpi / 72} by {@code height * dpi / 72} pixels.
 *
 * @param <P> the concrete plot type, returned by the chaining setters
 */
public abstract sealed class Plot<P extends Plot<P>> permits LossCurvePlot, PredictionPlot, FitPlot {
    /** Default PNG resolution: twice the nominal size. */
    public static final int DEFAULT_DPI = 144;

    private String title;
    private String xLabel;
    private String yLabel;
    private int width;
    private int height;
    private int dpi = DEFAULT_DPI;
    private boolean legend = true;
    private final List<Consumer<XYChart>> customizers = new ArrayList<>();

    Plot(String title, String xLabel, String yLabel, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    @SuppressWarnings("unchecked")
    private P self() {
        return (P) this;
    }

    /** Sets the title shown above the plot; empty for none. */
    public P title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return self();
    }

    /** Sets the label of the x axis. */
    public P xLabel(String label) {
        this.xLabel = Objects.requireNonNull(label, "label");
        return self();
    }

    /** Sets the label of the y axis. */
    public P yLabel(String label) {
        this.yLabel = Objects.requireNonNull(label, "label");
        return self();
    }

    /** Sets the size in pixels at 72 dpi (the SVG's size; the PNG's is scaled by {@code dpi / 72}). */
    public P size(int width, int height) {
        if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException(
                    "plot size must be within 100..10000 pixels, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** Sets the PNG resolution in dots per inch; 72 renders at exactly {@link #size}. */
    public P dpi(int dpi) {
        if (dpi < 36 || dpi > 600) {
            throw new IllegalArgumentException("dpi must be within 36..600, got " + dpi);
        }
        this.dpi = dpi;
        return self();
    }

    /** Shows or hides the legend (shown by default). */
    public P legend(boolean visible) {
        this.legend = visible;
        return self();
    }

    /** Adds a change applied to the XChart chart after Kindling has drawn it, for anything not offered here. */
    public P customize(Consumer<XYChart> customizer) {
        customizers.add(Objects.requireNonNull(customizer, "customizer"));
        return self();
    }

    /** Width in pixels at 72 dpi. */
    public int width() {
        return width;
    }

    /** Height in pixels at 72 dpi. */
    public int height() {
        return height;
    }

    /** PNG resolution in dots per inch. */
    public int dpi() {
        return dpi;
    }

    /** Draws a new XChart chart from the data and options; each call returns a fresh chart. */
    public final XYChart toXChart() {
        XYChart chart = ChartStyle.newChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        chart.getStyler().setChartTitleVisible(!title.isEmpty());
        chart.getStyler().setLegendVisible(legend);
        draw(chart);
        ChartLayout.finish(chart, legend);
        for (Consumer<XYChart> c : customizers) {
            c.accept(chart);
        }
        return chart;
    }

    /** Renders the chart as an image at {@link #dpi()}. */
    public final BufferedImage toImage() {
        return ChartFiles.render(toXChart(), dpi);
    }

    /** Returns the chart as an SVG document. */
    public final String toSvg() {
        return ChartFiles.svg(toXChart());
    }

    /** Writes a PNG at {@link #dpi()} (atomically: a crash never leaves half a file), creating directories. */
    public final P savePng(Path file) {
        byte[] png = ChartFiles.png(toImage(), dpi);
        ChartFiles.writeAtomically(file, out -> out.write(png));
        return self();
    }

    /** Writes an SVG (atomically), creating directories. */
    public final P saveSvg(Path file) {
        ChartFiles.writeTextAtomically(file, toSvg());
        return self();
    }

    /** Adds this plot's series to a chart already styled, titled and labeled. */
    abstract void draw(XYChart chart);
}
