package org.kindling.optim.lr;

import org.junit.jupiter.api.Test;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.internal.json.Json;
import org.kindling.optim.Optimizer;
import org.kindling.optim.ParamGroup;
import org.kindling.optim.SGD;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.lr.SchedulerTesting.BASE;
import static org.kindling.optim.lr.SchedulerTesting.assertFollows;
import static org.kindling.optim.lr.SchedulerTesting.optimizer;

class LRSchedulerTest {
    /** A user-written scheduler following the subclass contract: lr = initial_lr / (epoch + 1). */
    static final class Harmonic extends LRScheduler {
        Harmonic(Optimizer optimizer) {
            super(optimizer);
            initialStep();
        }

        @Override
        protected double[] computeLr() {
            double[] base = baseLrs(), lrs = new double[groupCount()];
            for (int i = 0; i < lrs.length; i++) lrs[i] = base[i] / (lastEpoch() + 1);
            return lrs;
        }
    }

    @Test
    void subclassContract() {
        Optimizer opt = optimizer();
        assertFollows(new Harmonic(opt), opt, 10, (base, e) -> base / (e + 1), 1e-15);
    }

    @Test
    void constructionRecordsInitialLrOnce() {
        Optimizer opt = optimizer();
        new StepLR(opt, 1, 0.5); // epoch 0: lr unchanged
        assertEquals(BASE[0], opt.paramGroups().get(0).getDouble("initial_lr"));
        opt.paramGroups().get(0).setLr(0.5);
        ExponentialLR second = new ExponentialLR(opt, 0.9); // initial_lr already set: kept
        assertEquals(BASE[0], opt.paramGroups().get(0).getDouble("initial_lr"));
        assertArrayEquals(new double[] {0.5, BASE[1]}, second.lastLr());
        assertArrayEquals(second.lastLr(), second.getLastLr());
        assertEquals(0, second.lastEpoch());
    }

    @Test
    void chainedSchedulersMultiply() {
        // Chainable forms: warm-up factor and exponential decay compose as a product.
        Optimizer opt = optimizer();
        LinearLR warmup = new LinearLR(opt, 0.25, 1.0, 4);
        ExponentialLR decay = new ExponentialLR(opt, 0.9);
        for (int e = 1; e <= 10; e++) {
            warmup.step();
            decay.step();
            double expected = BASE[1] * (0.25 + 0.75 * Math.min(e, 4) / 4) * Math.pow(0.9, e);
            assertEquals(expected, opt.paramGroups().get(1).lr(), 1e-15);
        }
    }

    @Test
    void stateDictIsJsonAbleAndResumes() {
        Optimizer a = optimizer();
        CosineAnnealingLR s = new CosineAnnealingLR(a, 6, 0.002);
        for (int i = 0; i < 8; i++) s.step();
        Map<String, Object> saved = s.stateDict();
        assertEquals(List.of("T_max", "eta_min", "base_lrs", "last_epoch", "_step_count", "_last_lr"), List.copyOf(saved.keySet()));
        assertEquals(8L, saved.get("last_epoch"));
        assertEquals(9L, saved.get("_step_count"));

        Optimizer b = optimizer();
        b.loadStateDict(a.stateDict());
        CosineAnnealingLR t = new CosineAnnealingLR(b, 100);
        t.loadStateDict(Json.parseObject(Json.write(saved)));
        assertEquals(8, t.lastEpoch());
        for (int i = 0; i < 10; i++) {
            s.step();
            t.step();
            assertArrayEquals(s.lastLr(), t.lastLr(), 0.0);
        }
    }

    @Test
    void loadRejectsAnotherGroupCount() {
        Optimizer one = new SGD(List.of(new Parameter(Tensor.zeros(1))), 0.1);
        StepLR s = new StepLR(one, 2);
        Map<String, Object> fromTwoGroups = new StepLR(optimizer(), 2).stateDict();
        assertEquals("StepLR.loadStateDict: base_lrs has 2 entries, but the optimizer has 1 parameter groups",
                assertThrows(IllegalArgumentException.class, () -> s.loadStateDict(fromTwoGroups)).getMessage());
        assertEquals("StepLR.loadStateDict: the state dict has no 'gamma'", assertThrows(IllegalArgumentException.class,
                () -> s.loadStateDict(Map.of("step_size", 1L, "base_lrs", List.of(0.1), "last_epoch", 0L, "_step_count", 1L,
                        "_last_lr", List.of(0.1)))).getMessage());
    }

    @Test
    void groupsAddedLaterAreRefused() {
        Optimizer opt = optimizer();
        StepLR s = new StepLR(opt, 2);
        opt.addParamGroup(ParamGroup.of(List.of(new Parameter(Tensor.zeros(1)))));
        assertEquals("StepLR: the optimizer has 3 parameter groups, but the scheduler was created for 2",
                assertThrows(IllegalStateException.class, s::step).getMessage());
    }
}
