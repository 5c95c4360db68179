package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.optim.Optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.lr.SchedulerTesting.assertFollows;
import static org.kindling.optim.lr.SchedulerTesting.factor;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class StepLRTest {
    @Test
    void followsTheDocumentedFormula() {
        // lr = initial_lr * gamma ** (epoch // step_size)
        Optimizer opt = optimizer();
        assertFollows(new StepLR(opt, 3, 0.5), opt, 40, factor(e -> Math.pow(0.5, Math.floorDiv(e, 3))), 1e-14);
    }

    @Test
    void defaultGammaIsOneTenth() {
        Optimizer opt = optimizer();
        assertFollows(new StepLR(opt, 30), opt, 95, factor(e -> Math.pow(0.1, e / 30)), 1e-14);
    }

    @Test
    void stateDictRoundTrip() {
        Optimizer a = optimizer();
        StepLR s = new StepLR(a, 2, 0.5);
        for (int i = 0; i < 5; i++) s.step();
        Optimizer b = optimizer();
        b.loadStateDict(a.stateDict());
        StepLR t = new StepLR(b, 7, 0.9);
        t.loadStateDict(s.stateDict());
        for (int i = 0; i < 6; i++) {
            s.step();
            t.step();
            assertEquals(a.paramGroups().get(0).lr(), b.paramGroups().get(0).lr());
        }
        assertEquals(s.stateDict(), t.stateDict());
    }

    @Test
    void rejectsNonPositiveStepSize() {
        assertEquals("StepLR: step_size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new StepLR(optimizer(), 0)).getMessage());
    }
}
