package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlotDataTest {
    @Test
    void envelopeKeepsMinAndMaxOfEachBucketInOrder() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] y = {5, 1, 9, 3, 2, 8, 4, 6};
        PlotData.XY e = PlotData.envelope(new PlotData.XY(x, y), 2);
        // Buckets {5,1,9,3} and {2,8,4,6}: min and max of each, in x order.
        assertArrayEquals(new double[] {1, 2, 4, 5}, e.x());
        assertArrayEquals(new double[] {1, 9, 2, 8}, e.y());
        PlotData.XY small = new PlotData.XY(x, y);
        assertEquals(small, PlotData.envelope(small, 4));
    }

    @Test
    void sortedByXIsStable() {
        PlotData.XY s = PlotData.sortedByX(new PlotData.XY(new double[] {2, 1, 2, 0}, new double[] {20, 10, 21, 0}));
        assertArrayEquals(new double[] {0, 1, 2, 2}, s.x());
        assertArrayEquals(new double[] {0, 10, 20, 21}, s.y());
    }

    @Test
    void quantileByNearestRank() {
        double[] a = new double[100];
        for (int i = 0; i < 100; i++) {
            a[i] = 100 - i;
        }
        assertEquals(99, PlotData.quantile(a, 0.99));
        assertEquals(1, PlotData.quantile(a, 0));
        assertEquals(100, PlotData.quantile(a, 1));
    }
}
