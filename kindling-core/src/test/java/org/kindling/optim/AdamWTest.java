package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.OptimizerTesting.adam;
import static org.kindling.optim.OptimizerTesting.assertMatchesReference;
import static org.kindling.optim.OptimizerTesting.assertResumesExactly;

class AdamWTest {
    private static final List<Tensor> ONE = List.of(new Parameter(Tensor.zeros(2)));

    @Test
    void validatesLikePyTorch() {
        assertEquals("Invalid beta parameter at index 0: 1.5",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(ONE, AdamW.options().betas(1.5, 0.9))).getMessage());
        assertEquals("Invalid weight_decay value: -0.01",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(ONE, AdamW.options().weightDecay(-0.01))).getMessage());
    }

    @Test
    void defaultWeightDecayIsOneHundredth() {
        assertEquals(0.01, new AdamW(ONE).defaults().get("weight_decay"));
    }

    @Test
    void decayIsDecoupledFromTheGradient() {
        // A zero gradient leaves Adam's moments at 0, so only the decay moves the weight: p * (1 - lr*wd).
        Parameter p = new Parameter(Tensor.of(2.0));
        AdamW opt = new AdamW(List.of(p), AdamW.options().lr(0.5).weightDecay(0.5));
        p.setGrad(Tensor.of(0.0));
        opt.step();
        assertEquals(1.5, p.get(0));
        // Adam's coupled decay would instead feed wd*p through the moments: a step of about lr.
        Parameter q = new Parameter(Tensor.of(2.0));
        Adam coupled = new Adam(List.of(q), Adam.options().lr(0.5).weightDecay(0.5));
        q.setGrad(Tensor.of(0.0));
        coupled.step();
        assertEquals(1.5, q.get(0), 1e-7);
    }

    @Test
    void matchesReferenceInBothDtypes() {
        for (Adam.Options o : List.of(AdamW.options(), AdamW.options().lr(0.01).weightDecay(0.1).amsgrad(true).maximize(true))) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                assertMatchesReference(ps -> new AdamW(ps, o), adam(o.values(), true), dtype, 8);
            }
        }
    }

    @Test
    void resumesExactly() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            assertResumesExactly(ps -> new AdamW(ps, AdamW.options().lr(0.01)), dtype, 5, 7);
        }
    }
}
