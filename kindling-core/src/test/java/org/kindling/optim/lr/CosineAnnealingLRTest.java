package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.optim.Optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.lr.SchedulerTesting.assertFollows;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class CosineAnnealingLRTest {
    @Test
    void recursiveFormTracksTheClosedFormOverManyPeriods() {
        // eta_t = eta_min + (eta_max - eta_min) * (1 + cos(T_cur / T_max * pi)) / 2, rising again after T_max.
        double etaMin = 0.001;
        Optimizer opt = optimizer();
        assertFollows(new CosineAnnealingLR(opt, 10, etaMin), opt, 100,
                (base, e) -> etaMin + (base - etaMin) * (1 + Math.cos((double) e / 10 * Math.PI)) / 2, 1e-12);
    }

    @Test
    void annealsToZeroByDefault() {
        Optimizer opt = optimizer();
        assertFollows(new CosineAnnealingLR(opt, 7), opt, 30, (base, e) -> base * (1 + Math.cos((double) e / 7 * Math.PI)) / 2, 1e-12);
    }

    @Test
    void oneEpochPeriodAlternates() {
        // T_max = 1: every odd epoch is a trough, every even one takes the "after the trough" branch.
        Optimizer opt = optimizer();
        CosineAnnealingLR s = new CosineAnnealingLR(opt, 1, 0.0);
        for (int e = 1; e <= 6; e++) {
            s.step();
            assertEquals(e % 2 == 1 ? 0.0 : 0.1, opt.paramGroups().get(0).lr(), 1e-15);
        }
    }

    @Test
    void rejectsNonPositivePeriod() {
        assertEquals("CosineAnnealingLR: T_max must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(optimizer(), 0)).getMessage());
    }
}
