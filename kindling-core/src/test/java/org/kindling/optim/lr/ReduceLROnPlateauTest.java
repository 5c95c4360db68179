package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.internal.json.Json;
import org.kindling.optim.Optimizer;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.lr.SchedulerTesting.BASE;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class ReduceLROnPlateauTest {
    /** Steps through {@code metrics} and returns group 0's lr after each step. */
    private static double[] lrs(Optimizer opt, ReduceLROnPlateau s, double... metrics) {
        double[] out = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            s.step(metrics[i]);
            out[i] = opt.paramGroups().get(0).lr();
        }
        return out;
    }

    @Test
    void cutsAfterMoreThanPatienceBadEpochs() {
        Optimizer opt = optimizer();
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(2).factor(0.5));
        // best 1.0, then 0.9; three epochs without improvement: the third (> patience 2) cuts, and the count restarts.
        double[] got = lrs(opt, s, 1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.93, 0.94);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025}, got, 0.0);
        assertEquals(0.03 * 0.5 * 0.5, opt.paramGroups().get(1).lr()); // every group is cut
        assertFalse(opt.paramGroups().get(0).has("initial_lr"));
    }

    @Test
    void relativeThresholdIgnoresTinyImprovements() {
        Optimizer opt = optimizer();
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(1).threshold(0.1));
        // Better only when below best * 0.9: 0.95 and 0.91 are not, so the second bad epoch cuts.
        assertArrayEquals(new double[] {0.1, 0.1, 0.1 * 0.1}, lrs(opt, s, 1.0, 0.95, 0.91), 0.0);
        assertEquals(1.0, s.best());
    }

    @Test
    void absoluteThresholdAndMaxMode() {
        Optimizer opt = optimizer();
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().mode("max").thresholdMode("abs")
                .threshold(0.05).patience(0));
        // Better only when above best + 0.05: 0.5 (from -inf) yes, 0.54 no (cut), 0.6 yes, 0.6 no (cut).
        assertArrayEquals(new double[] {0.1, 0.01, 0.01, 0.001}, lrs(opt, s, 0.5, 0.54, 0.6, 0.6), 1e-17);
        assertEquals(0.6, s.best());
    }

    @Test
    void cooldownSuspendsCounting() {
        Optimizer opt = optimizer();
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(0).cooldown(2));
        // Epoch 2 cuts; epochs 3 and 4 are cooldown (bad epochs ignored); epoch 5 cuts again.
        assertArrayEquals(new double[] {0.1, 0.01, 0.01, 0.01, 0.001}, lrs(opt, s, 1, 2, 2, 2, 2), 1e-17);
        assertEquals(2, s.cooldownCounter());
    }

    @Test
    void respectsMinLrAndEps() {
        Optimizer opt = optimizer();
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(0).minLrs(0.05, 0.0));
        lrs(opt, s, 1, 1, 1);
        assertEquals(0.05, opt.paramGroups().get(0).lr()); // clamped to its min_lr
        assertEquals(BASE[1] * 0.01, opt.paramGroups().get(1).lr(), 1e-18);

        Optimizer tiny = optimizer();
        tiny.paramGroups().get(0).setLr(1e-8);
        ReduceLROnPlateau t = new ReduceLROnPlateau(tiny, ReduceLROnPlateau.options().patience(0));
        lrs(tiny, t, 1, 1);
        assertEquals(1e-8, tiny.paramGroups().get(0).lr()); // a cut of 9e-9 is below eps 1e-8: skipped
    }

    @Test
    void validatesLikePyTorch() {
        assertEquals("Factor should be < 1.0.", assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(optimizer(), ReduceLROnPlateau.options().factor(1.0))).getMessage());
        assertEquals("mode avg is unknown!", assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(optimizer(), ReduceLROnPlateau.options().mode("avg"))).getMessage());
        assertEquals("threshold mode pct is unknown!", assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(optimizer(), ReduceLROnPlateau.options().thresholdMode("pct"))).getMessage());
        assertEquals("expected 2 min_lrs, got 3", assertThrows(IllegalArgumentException.class,
                () -> new ReduceLROnPlateau(optimizer(), ReduceLROnPlateau.options().minLrs(0, 0, 0))).getMessage());
    }

    @Test
    void stateDictRoundTripThroughJson() {
        Optimizer a = optimizer();
        ReduceLROnPlateau s = new ReduceLROnPlateau(a, ReduceLROnPlateau.options().patience(1).cooldown(1));
        Map<String, Object> fresh = s.stateDict();
        assertEquals("inf", fresh.get("best")); // JSON has no infinity
        lrs(a, s, 3, 2, 2, 2);
        Map<String, Object> saved = Json.parseObject(Json.write(s.stateDict()));

        Optimizer b = optimizer();
        b.loadStateDict(a.stateDict());
        ReduceLROnPlateau t = new ReduceLROnPlateau(b);
        t.loadStateDict(saved);
        assertEquals(s.stateDict().toString(), t.stateDict().toString());
        assertArrayEquals(lrs(a, s, 2, 2, 1, 1, 1), lrs(b, t, 2, 2, 1, 1, 1), 0.0);
    }
}
