package org.kindling.plot;

import org.kindling.tabular.log.TrainingLog;

/**
 * One-line entry points for the pictures a training run is judged by, each returning a {@link Plot} to
 * adjust and save: {@code Plots.lossCurve(log).savePng(dir.resolve("loss.png"))}.
 */
public final class Plots {
    private Plots() {}

    /** Train and validation loss over epochs, per-step loss behind them; see {@link LossCurvePlot}. */
    public static LossCurvePlot lossCurve(TrainingLog log) {
        return new LossCurvePlot(log);
    }

    /** Predicted against true values with the y = x line. Shapes: yTrue [n], yPred [n]. */
    public static PredictionPlot predictions(double[] yTrue, double[] yPred) {
        return new PredictionPlot(yTrue, yPred);
    }

    /** Predicted against true values with the y = x line. Shapes: yTrue [n], yPred [n]. */
    public static PredictionPlot predictions(float[] yTrue, float[] yPred) {
        return new PredictionPlot(PlotData.widen("yTrue", yTrue), PlotData.widen("yPred", yPred));
    }

    /** Data points and the model's curve over one input feature. Shapes: x [n], yTrue [n], yPred [n]. */
    public static FitPlot fit(double[] x, double[] yTrue, double[] yPred) {
        return new FitPlot(x, yTrue, yPred);
    }

    /** Data points and the model's curve over one input feature. Shapes: x [n], yTrue [n], yPred [n]. */
    public static FitPlot fit(float[] x, float[] yTrue, float[] yPred) {
        return new FitPlot(PlotData.widen("x", x), PlotData.widen("yTrue", yTrue), PlotData.widen("yPred", yPred));
    }

    /**
     * A confusion matrix with counts in the cells and a colour scale: rows true classes, columns predicted
     * ones. Shapes: counts [k][k], labels [k].
     */
    public static ConfusionMatrixPlot confusionMatrix(long[][] counts, java.util.List<String> labels) {
        return new ConfusionMatrixPlot(counts, labels);
    }
}
