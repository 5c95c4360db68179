package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.OptimizerTesting.adam;
import static org.kindling.optim.OptimizerTesting.assertMatchesReference;
import static org.kindling.optim.OptimizerTesting.assertResumesExactly;

class AdamTest {
    private static final List<Tensor> ONE = List.of(new Parameter(Tensor.zeros(2)));

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void validatesLikePyTorch() {
        assertEquals("Invalid learning rate: -0.1", message(() -> new Adam(ONE, -0.1)));
        assertEquals("Invalid epsilon value: -1e-08", message(() -> new Adam(ONE, Adam.options().eps(-1e-8))));
        assertEquals("Invalid beta parameter at index 0: 1.0", message(() -> new Adam(ONE, Adam.options().betas(1.0, 0.999))));
        assertEquals("Invalid beta parameter at index 1: -0.5", message(() -> new Adam(ONE, Adam.options().betas(0.9, -0.5))));
        assertEquals("Invalid weight_decay value: -1.0", message(() -> new Adam(ONE, Adam.options().weightDecay(-1))));
        new Adam(ONE, Adam.options().betas(0, 0)); // 0 is allowed
    }

    @Test
    void defaultsAreTorchs() {
        assertEquals(Map.of("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8, "weight_decay", 0L, "amsgrad", false,
                "maximize", false), new Adam(ONE).defaults());
    }

    @Test
    void firstStepMovesEachWeightByAboutLr() {
        // With m = (1-b1) g and v = (1-b2) g^2, bias correction makes the first step lr * g / (|g| + eps').
        Parameter p = new Parameter(Tensor.of(1.0, 1.0));
        Adam opt = new Adam(List.of(p), 0.1);
        p.setGrad(Tensor.of(0.5, -2.0));
        opt.step();
        assertEquals(0.9, p.get(0), 1e-7);
        assertEquals(1.1, p.get(1), 1e-7);
        assertEquals(1, opt.state(p).step());
    }

    @Test
    void matchesReferenceInBothDtypes() {
        for (Adam.Options o : List.of(Adam.options().lr(0.01), Adam.options().lr(0.02).weightDecay(0.1).amsgrad(true),
                Adam.options().lr(0.01).betas(0.8, 0.99).eps(1e-6).maximize(true))) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                assertMatchesReference(ps -> new Adam(ps, o), adam(o.values(), false), dtype, 8);
            }
        }
    }

    @Test
    void amsgradStateOnlyWhenAsked() {
        Parameter p = new Parameter(Tensor.of(1f));
        Adam opt = new Adam(List.of(p), 0.1);
        p.setGrad(Tensor.of(1f));
        opt.step();
        assertNull(opt.state(p).get("max_exp_avg_sq"));
        assertEquals(List.of("state.0.exp_avg", "state.0.exp_avg_sq"), List.copyOf(opt.stateDict().tensors().keySet()));
        assertEquals(1L, opt.stateDict().scalars().get("state.0.step"));
    }

    @Test
    void resumesExactly() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            assertResumesExactly(ps -> new Adam(ps, Adam.options().lr(0.01).amsgrad(true).weightDecay(0.01)), dtype, 3, 8);
        }
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    eps: 1e-08\n    lr: 0.001\n"
                + "    maximize: False\n    weight_decay: 0\n)", new Adam(ONE).toString());
    }
}
