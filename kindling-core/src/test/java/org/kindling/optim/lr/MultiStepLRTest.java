package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.optim.Optimizer;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kindling.optim.lr.SchedulerTesting.assertFollows;
import static org.kindling.optim.lr.SchedulerTesting.factor;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class MultiStepLRTest {
    /** bisect_right(sorted milestones, epoch): how many milestones are at or before the epoch. */
    private static int passed(List<Integer> sorted, int epoch) {
        int n = 0;
        for (int m : sorted) if (m <= epoch) n++;
        return n;
    }

    @Test
    void followsTheDocumentedFormula() {
        // Unsorted, with a repeated milestone that decays twice (PyTorch keeps a Counter).
        List<Integer> milestones = List.of(12, 3, 7, 7);
        List<Integer> sorted = List.of(3, 7, 7, 12);
        Optimizer opt = optimizer();
        assertFollows(new MultiStepLR(opt, milestones, 0.5), opt, 20, factor(e -> Math.pow(0.5, passed(sorted, e))), 1e-14);
    }

    @Test
    void defaultGammaIsOneTenth() {
        Optimizer opt = optimizer();
        assertFollows(new MultiStepLR(opt, List.of(2, 5)), opt, 8, factor(e -> Math.pow(0.1, passed(List.of(2, 5), e))), 1e-14);
    }

    @Test
    void stateDictKeepsRepeatedMilestones() {
        Optimizer opt = optimizer();
        MultiStepLR s = new MultiStepLR(opt, List.of(5, 2, 5), 0.5);
        Map<String, Object> sd = s.stateDict();
        assertEquals(List.of(2L, 5L, 5L), sd.get("milestones"));
        MultiStepLR t = new MultiStepLR(optimizer(), List.of(1), 0.9);
        t.loadStateDict(sd);
        assertEquals(sd, t.stateDict());
    }
}
