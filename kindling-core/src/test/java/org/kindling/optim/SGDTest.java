package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.OptimizerTesting.assertMatchesReference;
import static org.kindling.optim.OptimizerTesting.assertResumesExactly;
import static org.kindling.optim.OptimizerTesting.sgd;

class SGDTest {
    private static final List<Tensor> ONE = List.of(new Parameter(Tensor.zeros(2)));

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void validatesLikePyTorch() {
        assertEquals("Invalid learning rate: -0.1", message(() -> new SGD(ONE, -0.1)));
        assertEquals("Invalid learning rate: nan", message(() -> new SGD(ONE, Double.NaN)));
        assertEquals("Invalid momentum value: -1.0", message(() -> new SGD(ONE, SGD.options().momentum(-1))));
        assertEquals("Invalid weight_decay value: -0.5", message(() -> new SGD(ONE, SGD.options().weightDecay(-0.5))));
        assertEquals("Nesterov momentum requires a momentum and zero dampening",
                message(() -> new SGD(ONE, SGD.options().nesterov(true))));
        assertEquals("Nesterov momentum requires a momentum and zero dampening",
                message(() -> new SGD(ONE, SGD.options().nesterov(true).momentum(0.9).dampening(0.1))));
        new SGD(ONE, SGD.options().nesterov(true).momentum(0.9)); // valid
        new SGD(ONE, 0.0); // lr 0 is allowed
    }

    @Test
    void defaultsAreTorchs() {
        Map<String, Object> d = new SGD(ONE).defaults();
        assertEquals(Map.of("lr", 1e-3, "momentum", 0L, "dampening", 0L, "weight_decay", 0L, "nesterov", false,
                "maximize", false), d);
    }

    @Test
    void tutorialStepIsPMinusLrTimesG() {
        // Powers of two: every result is exact, whatever the rounding.
        Parameter p = new Parameter(Tensor.of(1f, -2f, 0.5f));
        SGD opt = new SGD(List.of(p), 0.25);
        p.setGrad(Tensor.of(0.5f, 4f, -1f));
        opt.step();
        assertEquals(List.of(0.875, -3.0, 0.75), List.of(p.get(0), p.get(1), p.get(2)));
    }

    @Test
    void matchesReferenceInBothDtypes() {
        for (SGD.Options o : List.of(SGD.options().lr(0.1), SGD.options().lr(0.05).momentum(0.9).dampening(0.3).weightDecay(0.01),
                SGD.options().lr(0.05).momentum(0.8).nesterov(true).weightDecay(0.1).maximize(true),
                SGD.options().lr(0.1).maximize(true).weightDecay(0.2))) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                assertMatchesReference(ps -> new SGD(ps, o), sgd(o.values()), dtype, 6);
            }
        }
    }

    @Test
    void maximizeWithWeightDecayNegatesBeforeDecaying() {
        // PyTorch 1.13 semantics (README §5): g = -g, then g + wd*p, so decay still shrinks the weight.
        // The 1.11-1.12 rule p += lr*(g + wd*p) would give 1 + 0.5*(0 + 0.25) = 1.125 instead.
        Parameter p = new Parameter(Tensor.of(1.0));
        SGD opt = new SGD(List.of(p), SGD.options().lr(0.5).weightDecay(0.25).maximize(true));
        p.setGrad(Tensor.of(0.0));
        opt.step();
        assertEquals(0.875, p.get(0));
        p.setGrad(Tensor.of(1.0)); // -1 + 0.25*0.875 = -0.78125; p = 0.875 + 0.5*0.78125
        opt.step();
        assertEquals(1.265625, p.get(0));
    }

    @Test
    void firstMomentumStepCopiesTheGradientWithoutDampening() {
        Parameter p = new Parameter(Tensor.of(0.0));
        SGD opt = new SGD(List.of(p), SGD.options().lr(1).momentum(0.5).dampening(0.5));
        p.setGrad(Tensor.of(1.0));
        opt.step();
        assertEquals(-1.0, p.get(0)); // buf = g = 1
        assertEquals(1.0, opt.state(p).get("momentum_buffer").get(0));
        opt.step(); // buf = 0.5*1 + 0.5*1 = 1
        assertEquals(-2.0, p.get(0));
    }

    @Test
    void plainSgdKeepsNoState() {
        Parameter p = new Parameter(Tensor.of(1f));
        SGD opt = new SGD(List.of(p), 0.1);
        p.setGrad(Tensor.of(1f));
        opt.step();
        assertEquals(0, opt.stateDict().tensors().size());
    }

    @Test
    void resumesExactly() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            assertResumesExactly(ps -> new SGD(ps, SGD.options().lr(0.05).momentum(0.9).nesterov(true)), dtype, 4, 9);
        }
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.01\n    maximize: False\n    momentum: 0\n"
                + "    nesterov: False\n    weight_decay: 0\n)", new SGD(ONE, 0.01).toString());
        assertEquals("SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.1\n    maximize: False\n    momentum: 0.9\n"
                + "    nesterov: True\n    weight_decay: 1e-05\n)",
                new SGD(ONE, SGD.options().lr(0.1).momentum(0.9).nesterov(true).weightDecay(1e-5)).toString());
    }
}
