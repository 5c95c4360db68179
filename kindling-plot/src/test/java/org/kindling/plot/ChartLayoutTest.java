package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;

class ChartLayoutTest {
    private static LegendPosition placed(double[] x, double[] y) {
        XYChart chart = ChartStyle.newChart(400, 300);
        ChartStyle.dots(chart, "points", x, y, ChartStyle.BLUE, 255);
        ChartLayout.finish(chart, true);
        return chart.getStyler().getLegendPosition();
    }

    @Test
    void legendGoesToTheEmptiestCornerPreferringUpperRight() {
        // A falling line fills upper left and lower right.
        assertEquals(LegendPosition.InsideNE, placed(new double[] {0, 1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1, 0}));
        // A rising line fills lower left and upper right.
        assertEquals(LegendPosition.InsideNW, placed(new double[] {0, 1, 2, 3, 4, 5}, new double[] {0, 1, 2, 3, 4, 5}));
        // Points everywhere but the lower left.
        assertEquals(LegendPosition.InsideSW,
                placed(new double[] {0, 5, 5, 2.5, 0, 5}, new double[] {5, 5, 0, 2.5, 3.5, 2}));
    }

    @Test
    void decimalPatternsFollowTheRange() {
        assertEquals("#,##0.###", ChartLayout.decimalPattern(0.01, 0.2));
        assertEquals("#,##0.#", ChartLayout.decimalPattern(0, 2500));
        assertEquals("#,##0.##", ChartLayout.decimalPattern(-1.2, 1.2));
        assertEquals("0.##E0", ChartLayout.decimalPattern(0, 5e-5));
        assertEquals("0.##E0", ChartLayout.decimalPattern(0, 3e7));
        assertEquals(null, ChartLayout.decimalPattern(1, 1));
    }
}
