package org.kindling.plot;

import java.util.Objects;
import org.kindling.tabular.log.TrainingLog;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training and validation loss over epochs, with the loss of every step as a faint line behind them,
 * the picture of {@code plt.plot(train_losses); plt.plot(val_losses)}.
 *
 * <p>The data are copied from the log when the plot is made. Non-finite losses are left out (and, on a
 * log scale, losses that are not positive). The y range follows the epoch curves; the noisier per-step
 * losses may widen it a little, and their spikes run off the plot (see {@link LossRange}). On a log scale
 * the chart's y values are log10 of the losses (XChart's own log axis labels poorly; see {@link LogAxis}).
 */
public final class LossCurvePlot extends Plot<LossCurvePlot> {
    // Enough points to look continuous at any sensible width, few enough for a small SVG. Epoch curves
    // are thinned the same way (lowest and highest per bucket), so a million epochs draw as fast as 1,200.
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
        PlotData.XY trainPoints = axis(PlotData.finite(epochs, train, logScale));
        PlotData.XY valPoints = axis(PlotData.finite(epochs, val, logScale));
        // With one step per epoch (full batch) the step line would only repeat the train curve.
        boolean stepsAddSomething = stepY.length > epochs.length;
        PlotData.XY steps = new PlotData.XY(new double[0], new double[0]);
        if (stepY.length > 0 && ((showSteps && stepsAddSomething) || !hasEpochs)) {
            steps = axis(PlotData.envelope(PlotData.finite(stepX, stepY, logScale), MAX_STEP_BUCKETS));
        }
        if (steps.size() + trainPoints.size() + valPoints.size() == 0) {
            throw new IllegalStateException("lossCurve: no finite" + (logScale ? " positive" : "")
                    + " loss to plot among " + epochs.length + " epochs and " + stepY.length + " steps");
        }
        boolean epochCurves = trainPoints.size() + valPoints.size() > 0;
        double[] range = epochCurves ? LossRange.of(join(trainPoints.y(), valPoints.y()), steps.y())
                : LossRange.of(steps.y(), new double[0]);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (PlotData.XY p : new PlotData.XY[] {steps, trainPoints, valPoints}) {
            if (p.size() > 0) {
                xMin = Math.min(xMin, PlotData.min(p.x()));
                xMax = Math.max(xMax, PlotData.max(p.x()));
            }
        }
        if (logScale) {
            LogAxis.apply(chart, range[0], range[1], xMin, xMax);
        } else {
            chart.getStyler().setYAxisMin(range[0]);
            chart.getStyler().setYAxisMax(range[1]);
        }
        if (steps.size() > 0) {
            if (epochCurves) {
                // Faint and thin, as plt.plot(steps, alpha=0.3, lw=0.6): context, not the message.
                ChartStyle.line(chart, "train (per step)", steps.x(), steps.y(), ChartStyle.withAlpha(ChartStyle.SKY, 75), 0.6f);
            } else {
                ChartStyle.line(chart, "train (per step)", steps.x(), steps.y(), ChartStyle.BLUE, 1.5f);
            }
        }
        epochCurve(chart, "train", trainPoints, ChartStyle.BLUE);
        epochCurve(chart, "validation", valPoints, ChartStyle.VERMILLION);

        boolean fewEpochsOnly = steps.size() == 0 && xMax - xMin <= 15;
        if (!fewEpochsOnly && xMax > xMin) {
            ChartStyle.roundXTicks(chart, xMin, xMax, (range[0] + range[1]) / 2);
        }
    }

    /** Values as the axis places them: log10 on a log scale (see {@link LogAxis}). */
    private PlotData.XY axis(PlotData.XY points) {
        if (!logScale) {
            return points;
        }
        double[] y = new double[points.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log10(points.y()[i]);
        }
        return new PlotData.XY(points.x(), y);
    }

    private static double[] join(double[] a, double[] b) {
        double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private void epochCurve(XYChart chart, String name, PlotData.XY points, java.awt.Color color) {
        if (points.size() == 0) {
            return;
        }
        PlotData.XY drawn = PlotData.envelope(points, MAX_STEP_BUCKETS);
        XYSeries s = ChartStyle.line(chart, name, drawn.x(), drawn.y(), color, 2f);
        if (points.size() <= MARKER_EPOCHS) {
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        }
    }
}
