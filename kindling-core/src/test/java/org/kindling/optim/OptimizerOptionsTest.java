package org.kindling.optim;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerOptionsTest {
    /** A minimal subclass, as a custom optimizer would write one. */
    static final class Custom extends OptimizerOptions<Custom> {
        Custom() {
            super(defaults("lr", 0.1, "steps", 3L, "betas", List.of(0.5, 0.25)));
        }

        Custom lr(double lr) {
            return set("lr", lr);
        }

        Custom typo() {
            return set("lrr", 2.0);
        }
    }

    @Test
    void valuesOverlayExplicitOnDefaults() {
        Custom c = new Custom().lr(0.5);
        assertEquals(Map.of("lr", 0.5, "steps", 3L, "betas", List.of(0.5, 0.25)), c.values());
        assertEquals(Map.of("lr", 0.5), c.explicitValues());
        assertEquals(0.1, c.defaults().get("lr"));
        assertEquals(List.of("lr", "steps", "betas"), List.copyOf(c.values().keySet())); // declaration order
    }

    @Test
    void unknownNamesAreRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Custom().typo()).getMessage();
        assertEquals(Custom.class.getName() + ": unknown hyperparameter 'lrr' (known: lr, steps, betas)", m);
    }

    @Test
    void optionsObjectsAreIndependent() {
        SGD.Options a = SGD.options().lr(0.5);
        SGD.Options b = SGD.options();
        assertEquals(0.5, a.values().get("lr"));
        assertEquals(1e-3, b.values().get("lr"));
    }
}
