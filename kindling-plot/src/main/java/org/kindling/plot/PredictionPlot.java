package org.kindling.plot;

import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Predicted against true values, one dot per sample, with the line y = x on which perfect predictions
 * fall; both axes span the same range so distance from the line reads the same in x and y.
 *
 * <p>Shapes: yTrue [n], yPred [n]. The arrays are copied; pairs with a non-finite value are left out.
 * Beyond 5,000 pairs the dots are a fixed-seed random sample of them, and the legend says so; R² and
 * the axis range still come from every pair.
 */
public final class PredictionPlot extends Plot<PredictionPlot> {
    private final double[] yTrue;
    private final double[] yPred;

    PredictionPlot(double[] yTrue, double[] yPred) {
        super("Predictions vs ground truth", "True value", "Predicted value", 500, 530);
        this.yTrue = PlotData.copy("yTrue", yTrue);
        this.yPred = PlotData.copy("yPred", yPred);
        PlotData.checkLengths("predictions", new String[] {"yTrue", "yPred"}, this.yTrue, this.yPred);
    }

    /**
     * Coefficient of determination of the finite pairs, {@code 1 - SS_res / SS_tot}, as
     * {@code sklearn.metrics.r2_score} computes it; NaN when the true values are constant.
     */
    public double r2() {
        PlotData.XY p = PlotData.finite(yTrue, yPred, false);
        double mean = 0;
        for (double t : p.x()) {
            mean += t;
        }
        mean /= p.size();
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < p.size(); i++) {
            double r = p.x()[i] - p.y()[i];
            double d = p.x()[i] - mean;
            ssRes += r * r;
            ssTot += d * d;
        }
        return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
    }

    @Override
    void draw(XYChart chart) {
        PlotData.XY points = PlotData.finite(yTrue, yPred, false);
        if (points.size() == 0) {
            throw new IllegalStateException(
                    "predictions: no finite (yTrue, yPred) pair among " + yTrue.length + " samples");
        }
        double lo = Math.min(PlotData.min(points.x()), PlotData.min(points.y()));
        double hi = Math.max(PlotData.max(points.x()), PlotData.max(points.y()));
        double pad = hi > lo ? 0.04 * (hi - lo) : Math.max(1e-3, Math.abs(lo) * 0.1);
        lo -= pad;
        hi += pad;

        ChartStyle.dashed(chart, "y = x", new double[] {lo, hi}, new double[] {lo, hi}, ChartStyle.GRAY, 1.3f);
        double r2 = r2();
        String label = Double.isNaN(r2) ? "predictions"
                : String.format(Locale.ROOT, "predictions (R\u00b2 = %.3f)", r2);
        PlotData.XY shown = PlotData.sample(points, PlotData.MAX_DOTS);
        if (shown.size() < points.size()) {
            label += " \u2014 " + PlotData.sampleNote(shown.size(), points.size());
        }
        ChartStyle.dots(chart, label, shown.x(), shown.y(), ChartStyle.BLUE, dotAlpha(shown.size()));

        var styler = chart.getStyler();
        // The data fill the square exactly; the padding above gives the air.
        styler.setPlotContentSize(1.0);
        styler.setXAxisMin(lo);
        styler.setXAxisMax(hi);
        styler.setYAxisMin(lo);
        styler.setYAxisMax(hi);
        // Same spacing hint on both axes, so both get the same tick step.
        styler.setXAxisTickMarkSpacingHint(64);
        styler.setYAxisTickMarkSpacingHint(64);
    }

    /** More points, more transparency, so dense regions show as darker instead of one blot. */
    static int dotAlpha(int n) {
        return n <= 100 ? 210 : n <= 500 ? 150 : n <= 2000 ? 100 : 60;
    }
}
