package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.optim.Optimizer;

import static org.kindling.optim.lr.SchedulerTesting.assertFollows;
import static org.kindling.optim.lr.SchedulerTesting.factor;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class ExponentialLRTest {
    @Test
    void followsTheDocumentedFormula() {
        // lr = initial_lr * gamma ** epoch; repeated multiplication drifts from pow by a few ulp per step.
        Optimizer opt = optimizer();
        assertFollows(new ExponentialLR(opt, 0.95), opt, 100, factor(e -> Math.pow(0.95, e)), 1e-13);
    }
}
