package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kindling.optim.OptimizerTesting.assertMatchesReference;
import static org.kindling.optim.OptimizerTesting.assertResumesExactly;
import static org.kindling.optim.OptimizerTesting.rmsprop;

class RMSpropTest {
    private static final List<Tensor> ONE = List.of(new Parameter(Tensor.zeros(2)));

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void validatesLikePyTorch() {
        assertEquals("Invalid learning rate: -1.0", message(() -> new RMSprop(ONE, -1)));
        assertEquals("Invalid epsilon value: -1.0", message(() -> new RMSprop(ONE, RMSprop.options().eps(-1))));
        assertEquals("Invalid momentum value: -0.9", message(() -> new RMSprop(ONE, RMSprop.options().momentum(-0.9))));
        assertEquals("Invalid weight_decay value: -0.1", message(() -> new RMSprop(ONE, RMSprop.options().weightDecay(-0.1))));
        assertEquals("Invalid alpha value: -0.99", message(() -> new RMSprop(ONE, RMSprop.options().alpha(-0.99))));
    }

    @Test
    void defaultsAreTorchs() {
        assertEquals(Map.of("lr", 1e-2, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0L, "momentum", 0L, "centered", false,
                "maximize", false), new RMSprop(ONE).defaults());
    }

    @Test
    void matchesReferenceInBothDtypes() {
        for (RMSprop.Options o : List.of(RMSprop.options(), RMSprop.options().centered(true).momentum(0.9).weightDecay(0.05),
                RMSprop.options().lr(0.001).alpha(0.9).maximize(true).momentum(0.5))) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                assertMatchesReference(ps -> new RMSprop(ps, o), rmsprop(o.values()), dtype, 8);
            }
        }
    }

    @Test
    void keepsOnlyTheStateItsSettingsNeed() {
        Parameter p = new Parameter(Tensor.of(1f));
        RMSprop plain = new RMSprop(List.of(p));
        p.setGrad(Tensor.of(1f));
        plain.step();
        assertEquals(Set.of("square_avg"), plain.state(p).tensors().keySet());
        Parameter q = new Parameter(Tensor.of(1f));
        RMSprop full = new RMSprop(List.of(q), RMSprop.options().momentum(0.9).centered(true));
        q.setGrad(Tensor.of(1f));
        full.step();
        assertEquals(Set.of("square_avg", "momentum_buffer", "grad_avg"), full.state(q).tensors().keySet());
    }

    @Test
    void resumesExactly() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            assertResumesExactly(ps -> new RMSprop(ps, RMSprop.options().centered(true).momentum(0.9)), dtype, 4, 8);
        }
    }
}
