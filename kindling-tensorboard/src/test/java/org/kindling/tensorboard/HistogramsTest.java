package org.kindling.tensorboard;

import org.junit.jupiter.api.Test;
import org.kindling.tensorboard.proto.HistogramProto;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TensorBoard's default buckets and the layout PyTorch's make_histogram gives them. */
class HistogramsTest {
    /**
     * Checks a histogram against the values by TensorBoard's reading of it: bucket i counts the values in
     * [limit(i-1), limit(i)), the limits are consecutive default edges, and the first bucket is an empty one
     * whose limit is the left edge of the first value's bucket.
     */
    static void assertBucketsHold(HistogramProto h, double[] values) {
        double[] edges = Histograms.DEFAULT_EDGES;
        int n = h.getBucketCount();
        assertEquals(n, h.getBucketLimitCount());
        assertEquals(0, h.getBucket(0), "the first bucket only marks where the data starts");
        int at = java.util.Arrays.binarySearch(edges, h.getBucketLimit(0));
        assertTrue(at >= 0, "limits are default edges");
        for (int i = 1; i < n; i++) {
            assertEquals(edges[at + i], h.getBucketLimit(i), "consecutive edges");
            double lo = h.getBucketLimit(i - 1), hi = h.getBucketLimit(i);
            long inside = java.util.Arrays.stream(values).filter(v -> v >= lo && v < hi).count();
            assertEquals(inside, (long) h.getBucket(i), "bucket [" + lo + ", " + hi + ")");
        }
        assertTrue(h.getBucket(1) > 0 && h.getBucket(n - 1) > 0, "trimmed to the buckets holding values");
        assertEquals(values.length, java.util.Arrays.stream(h.getBucketList().stream().mapToDouble(d -> d).toArray()).sum());
    }

    @Test
    void defaultEdgesAreSymmetricExponentialAndIncludeZero() {
        double[] e = Histograms.DEFAULT_EDGES;
        assertEquals(0, e.length % 2 - 1, "odd: negatives, 0, positives");
        int mid = e.length / 2;
        assertEquals(0.0, e[mid]);
        assertEquals(1e-12, e[mid + 1]);
        for (int i = 1; i <= mid; i++) assertEquals(-e[mid + i], e[mid - i]);
        for (int i = mid + 2; i < e.length; i++) assertEquals(e[i - 1] * 1.1, e[i]);
        assertTrue(e[e.length - 1] < 1e20 && e[e.length - 1] * 1.1 >= 1e20);
        // PyTorch: 1e-12 * 1.1**k below 1e20 for k = 0..773, mirrored, plus 0.
        assertEquals(2 * 774 + 1, e.length);
    }

    @Test
    void countsFollowNumpyHistogramEdgesIncludedOnTheLeftAndTheLastEdgeOnTheRight() {
        double[] edges = {0, 1, 2, 3};
        assertArrayEquals(new long[] {2, 1, 2}, Histograms.counts(new double[] {0, 0.5, 1, 2, 3, 3.5, -1}, edges));
        assertArrayEquals(new long[] {1, 0, 0}, Histograms.counts(new double[] {-0.0}, edges), "-0.0 is 0");
    }

    @Test
    void randomWeightsFillTheirBuckets() {
        Random r = new Random(7);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 0.1);
        HistogramProto h = Histograms.of("w", v);
        assertBucketsHold(h, v);
        assertEquals(1000, h.getNum());
    }

    @Test
    void aSingleValueAndAllZeros() {
        assertBucketsHold(Histograms.of("one", new double[] {2.5}), new double[] {2.5});
        HistogramProto zeros = Histograms.of("zeros", new double[] {0, 0, 0});
        assertBucketsHold(zeros, new double[] {0, 0, 0});
        assertEquals(0.0, zeros.getBucketLimit(0));
        assertEquals(3, zeros.getBucket(1));
    }

    @Test
    void sumsAreNumpysPairwiseSums() {
        // numpy 2.4: v = np.array([1.0 / (i + 1) for i in range(1000)]); v.sum() and (v * v).sum(). A plain
        // left-to-right loop gives 7.485470860550343 for the first.
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = 1.0 / (i + 1);
        assertEquals(7.485470860550345, Histograms.pairwiseSum(v, false));
        assertEquals(1.6439345666815601, Histograms.pairwiseSum(v, true));
        double[] tenth = new double[10];
        java.util.Arrays.fill(tenth, 0.1);
        assertEquals(1.0, Histograms.pairwiseSum(tenth, false), "np.full(10, 0.1).sum()");
        assertEquals(0.0, Histograms.pairwiseSum(new double[] {-0.0}, false), "np.array([-0.0]).sum()");
    }

    @Test
    void emptyOrNonFiniteValuesAreRejectedWithTheTag() {
        var empty = assertThrows(IllegalArgumentException.class, () -> Histograms.of("w", new double[0]));
        assertTrue(empty.getMessage().contains("'w'"), empty.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> Histograms.of("g", new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("'g'") && nan.getMessage().contains("index 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Histograms.of("huge", new double[] {1e30}));
    }
}
