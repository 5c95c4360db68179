package org.kindling.tensorboard;

import org.kindling.tensorboard.proto.HistogramProto;

/**
 * Histograms as PyTorch's {@code SummaryWriter.add_histogram} builds them with its default
 * {@code bins="tensorflow"}: counts over TensorBoard's fixed, exponentially spaced bucket edges
 * ({@code ±1e-12·1.1^k} up to 1e20, and 0), trimmed to the buckets that hold values plus one empty bucket
 * on the left, since TensorBoard stores only each bucket's right edge.
 *
 * <p>Every field equals what PyTorch writes for the same values (cast to double) except
 * {@code sum_squares}: PyTorch takes it from numpy's {@code dot}, whose BLAS summation order is
 * unspecified; here it is summed in the same pairwise order as {@code sum}, numpy's {@code sum} order, so
 * {@code sum} matches to the bit and {@code sum_squares} to rounding.
 */
final class Histograms {
    /** TensorBoard's default bucket edges, ascending, built exactly as PyTorch's SummaryWriter does. */
    static final double[] DEFAULT_EDGES = defaultEdges();

    // numpy's pairwise summation: blocks of at most 128 values summed with 8 accumulators.
    private static final int PAIRWISE_BLOCK = 128;

    private Histograms() {}

    private static double[] defaultEdges() {
        // NOTE: repeated multiplication, not 1e-12 * Math.pow(1.1, k): the rounding must match PyTorch's loop.
        double[] positive = new double[1000];
        int n = 0;
        for (double v = 1e-12; v < 1e20; v *= 1.1) positive[n++] = v;
        double[] edges = new double[2 * n + 1];
        for (int i = 0; i < n; i++) {
            edges[n - 1 - i] = -positive[i];
            edges[n + 1 + i] = positive[i];
        }
        edges[n] = 0;
        return edges;
    }

    /** The histogram of {@code values} over {@link #DEFAULT_EDGES}; fails on no values or non-finite ones. */
    static HistogramProto of(String tag, double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("addHistogram '" + tag + "': no values");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("addHistogram '" + tag + "': value " + v + " at index " + i
                        + " is not finite");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long[] counts = counts(values, DEFAULT_EDGES);
        int first = 0;
        while (first < counts.length && counts[first] == 0) first++;
        if (first == counts.length) {
            throw new IllegalArgumentException("addHistogram '" + tag + "': every value lies outside TensorBoard's "
                    + "buckets (|x| > " + DEFAULT_EDGES[DEFAULT_EDGES.length - 1] + "), min " + min + ", max " + max);
        }
        int last = counts.length - 1;
        while (counts[last] == 0) last--;
        HistogramProto.Builder h = HistogramProto.newBuilder()
                .setMin(min).setMax(max).setNum(values.length)
                .setSum(pairwiseSum(values, false)).setSumSquares(pairwiseSum(values, true));
        // Bucket i holds the values up to bucket_limit(i); the first one, empty, marks where the data starts.
        if (first == 0) {
            h.addBucket(0).addBucketLimit(DEFAULT_EDGES[0]);
        } else {
            h.addBucket(counts[first - 1]).addBucketLimit(DEFAULT_EDGES[first]);
        }
        for (int b = first; b <= last; b++) h.addBucket(counts[b]).addBucketLimit(DEFAULT_EDGES[b + 1]);
        return h.build();
    }

    /**
     * numpy's {@code histogram(values, bins=edges)} counts: bucket b holds {@code edges[b] <= x < edges[b+1]},
     * the last one also {@code x == edges[last]}; values outside the edges are not counted.
     */
    static long[] counts(double[] values, double[] edges) {
        long[] counts = new long[edges.length - 1];
        double lowest = edges[0], highest = edges[edges.length - 1];
        for (double x : values) {
            if (x < lowest || x > highest) continue;
            counts[x == highest ? counts.length - 1 : upperBound(edges, x) - 1]++;
        }
        return counts;
    }

    /** The first index whose edge is greater than x (with {@code <}, so -0.0 and 0.0 are one value). */
    private static int upperBound(double[] edges, double x) {
        int lo = 0, hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < edges[mid]) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Sum of the values (or their squares) in numpy's pairwise order, so sums match numpy's to the bit. */
    static double pairwiseSum(double[] a, boolean squares) {
        return 0.0 + pairwise(a, 0, a.length, squares); // numpy starts from its identity, +0.0: sum([-0.0]) == 0.0
    }

    private static double pairwise(double[] a, int from, int n, boolean sq) {
        if (n < 8) {
            double res = 0.0;
            for (int i = from; i < from + n; i++) res += term(a[i], sq);
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) r[j] = term(a[from + j], sq);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) r[j] += term(a[from + i + j], sq);
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += term(a[from + i], sq);
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half, sq) + pairwise(a, from + half, n - half, sq);
    }

    private static double term(double x, boolean square) {
        return square ? x * x : x;
    }
}
