package org.kindling.plot;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * For a model with one input feature: the data points (x, y) and the model's curve (x, prediction)
 * drawn through them in x order, the picture of {@code plt.scatter(x, y); plt.plot(x, y_pred)}.
 *
 * <p>Shapes: x [n], yTrue [n], yPred [n]. The arrays are copied; points with a non-finite value are left
 * out. Beyond 5,000 points the data dots are a fixed-seed random sample (the legend says so), and the
 * model's curve is drawn through 2,000 sampled x values.
 */
public final class FitPlot extends Plot<FitPlot> {
    private static final int REFERENCE_SAMPLES = 400;

    private final double[] x;
    private final double[] yTrue;
    private final double[] yPred;
    private String referenceLabel;
    private DoubleUnaryOperator reference;

    FitPlot(double[] x, double[] yTrue, double[] yPred) {
        super("Model fit", "x", "y", 640, 400);
        this.x = PlotData.copy("x", x);
        this.yTrue = PlotData.copy("yTrue", yTrue);
        this.yPred = PlotData.copy("yPred", yPred);
        PlotData.checkLengths("fit", new String[] {"x", "yTrue", "yPred"}, this.x, this.yTrue, this.yPred);
    }

    /** Also draws the noise-free function the data came from, thin and gray, e.g. {@code reference("sin(x)", Math::sin)}. */
    public FitPlot reference(String label, DoubleUnaryOperator function) {
        this.referenceLabel = Objects.requireNonNull(label, "label");
        this.reference = Objects.requireNonNull(function, "function");
        return this;
    }

    @Override
    void draw(XYChart chart) {
        PlotData.XY data = PlotData.finite(x, yTrue, false);
        PlotData.XY model = PlotData.sortedByX(PlotData.sample(PlotData.finite(x, yPred, false),
                PlotData.MAX_CURVE_POINTS));
        if (data.size() == 0 && model.size() == 0) {
            throw new IllegalStateException("fit: no finite point among " + x.length + " samples");
        }
        if (data.size() > 0) {
            PlotData.XY shown = PlotData.sample(data, PlotData.MAX_DOTS);
            String name = shown.size() < data.size()
                    ? "data \u2014 " + PlotData.sampleNote(shown.size(), data.size()) : "data";
            ChartStyle.dots(chart, name, shown.x(), shown.y(), ChartStyle.BLUE,
                    PredictionPlot.dotAlpha(shown.size()));
        }
        if (reference != null) {
            double lo = PlotData.min(data.size() > 0 ? data.x() : model.x());
            double hi = PlotData.max(data.size() > 0 ? data.x() : model.x());
            double[] rx = new double[REFERENCE_SAMPLES];
            double[] ry = new double[REFERENCE_SAMPLES];
            for (int i = 0; i < REFERENCE_SAMPLES; i++) {
                rx[i] = lo + (hi - lo) * i / (REFERENCE_SAMPLES - 1);
                ry[i] = reference.applyAsDouble(rx[i]);
            }
            PlotData.XY ref = PlotData.finite(rx, ry, false);
            // Solid: XChart strokes a curve segment by segment, restarting any dash pattern each time.
            ChartStyle.line(chart, referenceLabel, ref.x(), ref.y(), ChartStyle.GRAY, 1.4f);
        }
        if (model.size() > 0) {
            ChartStyle.line(chart, "model", model.x(), model.y(), ChartStyle.VERMILLION, 2.5f);
        }
    }
}
