package org.kindling.plot;

import java.util.Arrays;
import java.util.Objects;

/** Array chores shared by the plots: copying, dropping non-finite points, sorting, thinning, sampling. */
final class PlotData {
    private PlotData() {}

    /**
     * Most dots a scatter draws; more are sampled. At about 270 bytes a dot this keeps each SVG under
     * 2 MB and the PNG under 1 MB whatever the row count, while 5,000 dots still show the shape of a cloud.
     */
    static final int MAX_DOTS = 5_000;
    /** Most points a curve through sampled x values draws (several per pixel of a wide plot). */
    static final int MAX_CURVE_POINTS = 2_000;

    /** A pair of equally long coordinate arrays. */
    record XY(double[] x, double[] y) {
        int size() {
            return x.length;
        }
    }

    static double[] copy(String what, double[] values) {
        return Objects.requireNonNull(values, what).clone();
    }

    static double[] widen(String what, float[] values) {
        Objects.requireNonNull(values, what);
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = values[i];
        }
        return r;
    }

    /** Fails unless every array has {@code n > 0} values; {@code names} label the arrays in the message. */
    static void checkLengths(String plot, String[] names, double[]... arrays) {
        int n = arrays[0].length;
        for (int i = 1; i < arrays.length; i++) {
            if (arrays[i].length != n) {
                throw new IllegalArgumentException(plot + ": " + names[0] + " has " + n + " values but "
                        + names[i] + " has " + arrays[i].length);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(plot + ": no data (" + String.join(", ", names) + " are empty)");
        }
    }

    /** The points whose coordinates are all finite (and, for a log axis, whose y is positive). */
    static XY finite(double[] x, double[] y, boolean positiveY) {
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!positiveY || y[i] > 0)) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        return new XY(Arrays.copyOf(fx, n), Arrays.copyOf(fy, n));
    }

    /** The points sorted by x (stable, so equal x keep their order). */
    static XY sortedByX(XY points) {
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(points.x()[a], points.x()[b]));
        double[] sx = new double[order.length];
        double[] sy = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            sx[i] = points.x()[order[i]];
            sy[i] = points.y()[order[i]];
        }
        return new XY(sx, sy);
    }

    /**
     * Thins a long series to at most {@code 2 * buckets} points keeping, per bucket of consecutive points,
     * the lowest and the highest in their original order, so spikes stay visible.
     */
    static XY envelope(XY points, int buckets) {
        int n = points.size();
        if (n <= 2 * buckets) {
            return points;
        }
        double[] ex = new double[2 * buckets];
        double[] ey = new double[2 * buckets];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                if (points.y()[i] < points.y()[lo]) {
                    lo = i;
                }
                if (points.y()[i] > points.y()[hi]) {
                    hi = i;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            ex[k] = points.x()[first];
            ey[k++] = points.y()[first];
            ex[k] = points.x()[second];
            ey[k++] = points.y()[second];
        }
        return new XY(ex, ey);
    }

    /**
     * At most {@code max} of the points, chosen uniformly at random with a fixed seed (the same input
     * always gives the same sample) and kept in their original order; all of them when there are no more.
     * Selection sampling (Knuth's Algorithm S): one pass, no index set.
     */
    static XY sample(XY points, int max) {
        int n = points.size();
        if (n <= max) {
            return points;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(SAMPLE_SEED);
        double[] sx = new double[max];
        double[] sy = new double[max];
        int chosen = 0;
        for (int i = 0; i < n && chosen < max; i++) {
            // Point i is taken with probability (still needed) / (still left).
            if (random.nextInt(n - i) < max - chosen) {
                sx[chosen] = points.x()[i];
                sy[chosen++] = points.y()[i];
            }
        }
        return new XY(sx, sy);
    }

    private static final long SAMPLE_SEED = 0x5EED_0F_D075L;

    /** "5,000 of 1,000,000 shown, random sample": the legend note of a sampled scatter. */
    static String sampleNote(int shown, int total) {
        return String.format(java.util.Locale.ROOT, "%,d of %,d shown, random sample", shown, total);
    }

    /** The q-quantile (0..1) by the nearest-rank method. */
    static double quantile(double[] a, double q) {
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
