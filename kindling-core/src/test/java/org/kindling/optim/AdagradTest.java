package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.OptimizerTesting.adagrad;
import static org.kindling.optim.OptimizerTesting.assertMatchesReference;
import static org.kindling.optim.OptimizerTesting.assertResumesExactly;

class AdagradTest {
    private static final List<Tensor> ONE = List.of(new Parameter(Tensor.zeros(2)));

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void validatesLikePyTorch() {
        assertEquals("Invalid learning rate: -0.01", message(() -> new Adagrad(ONE, -0.01)));
        assertEquals("Invalid lr_decay value: -1.0", message(() -> new Adagrad(ONE, Adagrad.options().lrDecay(-1))));
        assertEquals("Invalid weight_decay value: -1.0", message(() -> new Adagrad(ONE, Adagrad.options().weightDecay(-1))));
        assertEquals("Invalid initial_accumulator_value value: -0.1",
                message(() -> new Adagrad(ONE, Adagrad.options().initialAccumulatorValue(-0.1))));
        assertEquals("Invalid epsilon value: -1e-10", message(() -> new Adagrad(ONE, Adagrad.options().eps(-1e-10))));
    }

    @Test
    void defaultsAreTorchs() {
        assertEquals(Map.of("lr", 1e-2, "lr_decay", 0L, "weight_decay", 0L, "initial_accumulator_value", 0L, "eps", 1e-10,
                "maximize", false), new Adagrad(ONE).defaults());
    }

    @Test
    void accumulatorStartsAtItsInitialValue() {
        // sum = 3 + 1 = 4, so the step is lr * g / 2.
        Parameter p = new Parameter(Tensor.of(1.0));
        Adagrad opt = new Adagrad(List.of(p), Adagrad.options().lr(0.5).initialAccumulatorValue(3).eps(0));
        p.setGrad(Tensor.of(1.0));
        opt.step();
        assertEquals(0.75, p.get(0));
        assertEquals(4.0, opt.state(p).get("sum").get(0));
    }

    @Test
    void matchesReferenceInBothDtypes() {
        for (Adagrad.Options o : List.of(Adagrad.options(), Adagrad.options().lr(0.1).lrDecay(0.05).weightDecay(0.1)
                .initialAccumulatorValue(0.1).maximize(true))) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                assertMatchesReference(ps -> new Adagrad(ps, o), adagrad(o.values()), dtype, 8);
            }
        }
    }

    @Test
    void resumesExactly() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            assertResumesExactly(ps -> new Adagrad(ps, Adagrad.options().lr(0.1).lrDecay(0.01)), dtype, 4, 9);
        }
    }
}
