package org.kindling.plot;

import java.util.Objects;
import org.kindling.train.TrainingLog;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training and validation loss over epochs, with the loss of every step as a faint line behind them,
 * the picture of {@code plt.plot(train_losses); plt.plot(val_losses)}.
 *
 * <p>The data are copied from the log when the plot is made. Non-finite losses are left out (and, on a
 * log scale, losses that are not positive).
 */
public final class LossCurvePlot extends Plot<LossCurvePlot> {
    // Enough points to look continuous at any sensible width, few enough for a small SVG.
    private static final int MAX_STEP_BUCKETS = 600;
    // Below this many epochs, dots mark each epoch's value.
    private static final int MARKER_EPOCHS = 30;

    private final double[] epochs;
    private final double[] train;
    private final double[] val;
    private final double[] stepX;
    private final double[] stepY;
    private boolean logScale;
    private boolean showSteps;

    LossCurvePlot(TrainingLog log) {
        super("Training loss", "Epoch", "Loss", 640, 400);
        Objects.requireNonNull(log, "log");
        if (log.isEmpty()) {
            throw new IllegalArgumentException("lossCurve: " + log + " has no records to plot");
        }
        epochs = log.epochNumbers();
        train = log.trainLosses();
        val = log.valLosses();
        stepX = log.stepPositions();
        stepY = log.stepLosses();
        showSteps = true;
    }

    /** Uses a logarithmic loss axis, which shows late progress that a linear axis flattens (off by default). */
    public LossCurvePlot logScale(boolean on) {
        this.logScale = on;
        return this;
    }

    /** Draws the per-step losses as a faint line behind the epoch curves (on by default, when recorded). */
    public LossCurvePlot steps(boolean show) {
        this.showSteps = show;
        return this;
    }

    @Override
    void draw(XYChart chart) {
        boolean hasEpochs = epochs.length > 0;
        PlotData.XY steps = new PlotData.XY(new double[0], new double[0]);
        if (stepY.length > 0 && (showSteps || !hasEpochs)) {
            steps = PlotData.envelope(PlotData.finite(stepX, stepY, logScale), MAX_STEP_BUCKETS);
            if (steps.size() > 0) {
                if (hasEpochs) {
                    ChartStyle.line(chart, "train (per step)", steps.x(), steps.y(),
                            ChartStyle.withAlpha(ChartStyle.SKY, 110), 1f);
                } else {
                    ChartStyle.line(chart, "train (per step)", steps.x(), steps.y(), ChartStyle.BLUE, 1.5f);
                }
            }
        }
        PlotData.XY trainPoints = epochCurve(chart, "train", train, ChartStyle.BLUE);
        PlotData.XY valPoints = epochCurve(chart, "validation", val, ChartStyle.VERMILLION);
        if (steps.size() + trainPoints.size() + valPoints.size() == 0) {
            throw new IllegalStateException("lossCurve: no finite" + (logScale ? " positive" : "")
                    + " loss to plot among " + epochs.length + " epochs and " + stepY.length + " steps");
        }

        var styler = chart.getStyler();
        styler.setYAxisLogarithmic(logScale);

        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double epochTop = Double.NEGATIVE_INFINITY;
        for (PlotData.XY p : new PlotData.XY[] {steps, trainPoints, valPoints}) {
            if (p.size() > 0) {
                xMin = Math.min(xMin, PlotData.min(p.x()));
                xMax = Math.max(xMax, PlotData.max(p.x()));
                yMin = Math.min(yMin, PlotData.min(p.y()));
            }
        }
        if (steps.size() > 0 && trainPoints.size() + valPoints.size() > 0) {
            // Rare step dips (a tiny last batch, say) would stretch a log axis by decades: clip them too.
            double epochMin = Double.POSITIVE_INFINITY;
            for (PlotData.XY p : new PlotData.XY[] {trainPoints, valPoints}) {
                if (p.size() > 0) epochMin = Math.min(epochMin, PlotData.min(p.y()));
            }
            double floor = Math.min(epochMin, PlotData.quantile(steps.y(), 0.05));
            if (floor > yMin) {
                yMin = floor;
                styler.setYAxisMin(logScale ? floor / 1.25 : floor - 0.05 * Math.abs(floor));
            }
        }
        for (PlotData.XY p : new PlotData.XY[] {trainPoints, valPoints}) {
            if (p.size() > 0) {
                epochTop = Math.max(epochTop, PlotData.max(p.y()));
            }
        }
        double yTop = epochTop;
        if (steps.size() > 0) {
            // Like TensorBoard, let rare step spikes run off the top rather than squash every curve.
            double stepTop = PlotData.quantile(steps.y(), 0.99);
            yTop = Math.max(yTop, stepTop);
            if (PlotData.max(steps.y()) > yTop && trainPoints.size() + valPoints.size() > 0) {
                styler.setYAxisMax(logScale ? yTop * 1.25 : yTop + 0.05 * (yTop - yMin));
            }
        }
        if (logScale) {
            // Decades only when there are enough of them to label; otherwise XChart's 1-9 ticks.
            styler.setYAxisLogarithmicDecadeOnly(yTop / yMin >= 20);
        }
        boolean fewEpochsOnly = steps.size() == 0 && xMax - xMin <= 15;
        if (!fewEpochsOnly && xMax > xMin) {
            ChartStyle.roundXTicks(chart, xMin, xMax, trainPoints.size() > 0 ? trainPoints.y()[0] : yMin);
        }
    }

    private PlotData.XY epochCurve(XYChart chart, String name, double[] losses, java.awt.Color color) {
        PlotData.XY points = PlotData.finite(epochs, losses, logScale);
        if (points.size() == 0) {
            return points;
        }
        XYSeries s = ChartStyle.line(chart, name, points.x(), points.y(), color, 2.2f);
        if (points.size() <= MARKER_EPOCHS) {
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        }
        return points;
    }
}
