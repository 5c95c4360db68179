package org.kindling.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to put labelled ticks on a logarithmic axis, as Matplotlib's log locator would at its most
 * readable: every 1..9 × 10ᵏ (or round linear steps) within one decade, 1-2-5 × 10ᵏ over a few decades,
 * whole decades beyond that, and every second or third decade over very many. Few ticks, so the grid
 * lines drawn at them never turn into stripes.
 */
final class LogTicks {
    private LogTicks() {}

    /** Tick values within {@code [lo, hi]} (both positive, lo < hi), ascending. */
    static double[] between(double lo, double hi) {
        double decades = Math.log10(hi / lo);
        List<Double> ticks = new ArrayList<>();
        if (decades <= 1) {
            linear(lo, hi, ticks);
        } else if (decades <= 3) {
            multiples(lo, hi, new int[] {1, 2, 5}, 1, ticks);
        } else {
            multiples(lo, hi, new int[] {1}, (int) Math.ceil(decades / 7), ticks);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // Within a decade a log axis is nearly linear: round steps giving 3 to 8 ticks.
    private static void linear(double lo, double hi, List<Double> ticks) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span)));
        for (double factor : new double[] {1, 0.5, 0.2, 0.1}) {
            double s = step * factor;
            if (Math.floor(hi / s) - Math.ceil(lo / s) + 1 >= 3) {
                step = s;
                break;
            }
        }
        if (Math.floor(hi / step) - Math.ceil(lo / step) + 1 > 8) {
            step *= 2;
        }
        for (long k = (long) Math.ceil(lo / step); k * step <= hi * (1 + 1e-12); k++) {
            ticks.add(round(k * step));
        }
    }

    private static void multiples(double lo, double hi, int[] mantissas, int everyNthDecade, List<Double> ticks) {
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        for (int e = first; e <= last; e++) {
            if (Math.floorMod(e, everyNthDecade) != 0) {
                continue;
            }
            for (int m : mantissas) {
                double v = round(m * Math.pow(10, e));
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) {
                    ticks.add(v);
                }
            }
        }
    }

    // 3 * 0.1 is 0.30000000000000004; the tick is 0.3.
    private static double round(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
    }
}
