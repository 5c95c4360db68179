package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.optim.Optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.lr.SchedulerTesting.assertFollows;
import static org.kindling.optim.lr.SchedulerTesting.factor;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class LinearLRTest {
    /** start + (end - start) * min(epoch, total) / total. */
    private static double linear(double start, double end, int total, int e) {
        return start + (end - start) * Math.min(e, total) / total;
    }

    @Test
    void defaultsWarmUpFromOneThirdOverFiveEpochs() {
        Optimizer opt = optimizer();
        LinearLR s = new LinearLR(opt);
        assertEquals(0.1 / 3, opt.paramGroups().get(0).lr(), 1e-17); // epoch 0 is set at construction
        assertFollows(s, opt, 12, factor(e -> linear(1.0 / 3, 1.0, 5, e)), 1e-14);
    }

    @Test
    void coolsDownToo() {
        Optimizer opt = optimizer();
        assertFollows(new LinearLR(opt, 1.0, 0.25, 8), opt, 15, factor(e -> linear(1.0, 0.25, 8, e)), 1e-14);
    }

    @Test
    void validatesFactorsLikePyTorch() {
        String m = assertThrows(IllegalArgumentException.class, () -> new LinearLR(optimizer(), 0, 1, 5)).getMessage();
        assertEquals("Starting multiplicative factor expected to be greater than 0 and less or equal to 1, got 0.0", m);
        m = assertThrows(IllegalArgumentException.class, () -> new LinearLR(optimizer(), 0.5, 1.5, 5)).getMessage();
        assertEquals("Ending multiplicative factor expected to be between 0 and 1, got 1.5", m);
    }
}
