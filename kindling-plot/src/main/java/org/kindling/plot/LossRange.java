package org.kindling.plot;

/**
 * The y range of a loss plot, in axis units (log10 values on a log scale): set by the epoch curves, which
 * carry the message. The per-step losses scatter around them; their central 96% may widen the range by at
 * most a third of the curves' own span on each side, so the noise shows without rare spikes (or dips)
 * squashing the curves, as TensorBoard and a careful Matplotlib user would clip them.
 */
final class LossRange {
    private static final double STEP_QUANTILE = 0.02;
    private static final double MAX_WIDENING = 1.0 / 3;
    private static final double MARGIN = 0.04;

    private LossRange() {}

    /** {@code [low, high]} for the given curve values and per-step values (either may be empty, not both). */
    static double[] of(double[] curves, double[] steps) {
        double lo;
        double hi;
        if (curves.length > 0) {
            lo = PlotData.min(curves);
            hi = PlotData.max(curves);
        } else {
            // Only steps: their own central range, so a single spike cannot set the scale.
            lo = PlotData.quantile(steps, STEP_QUANTILE / 2);
            hi = PlotData.quantile(steps, 1 - STEP_QUANTILE / 2);
        }
        double span = hi - lo;
        if (!(span > 0)) {
            span = Math.max(Math.abs(hi) * 0.1, 1e-3);
        }
        if (curves.length > 0 && steps.length > 0) {
            lo = Math.max(Math.min(lo, PlotData.quantile(steps, STEP_QUANTILE)), lo - MAX_WIDENING * span);
            hi = Math.min(Math.max(hi, PlotData.quantile(steps, 1 - STEP_QUANTILE)), hi + MAX_WIDENING * span);
            span = hi - lo;
        }
        return new double[] {lo - MARGIN * span, hi + MARGIN * span};
    }
}
