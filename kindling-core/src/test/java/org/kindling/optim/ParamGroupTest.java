package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamGroupTest {
    private final Parameter p = new Parameter(Tensor.zeros(2));

    @Test
    void overridesAreOnlyTheExplicitOptions() {
        ParamGroup g = ParamGroup.of(List.of(p), SGD.options().lr(0.5).nesterov(true));
        assertEquals(Map.of("lr", 0.5, "nesterov", true), g.hyperparameters());
        assertEquals(Map.of(), ParamGroup.of(List.of(p)).hyperparameters());
    }

    @Test
    void paramsAreCopiedAndUnmodifiable() {
        List<Tensor> list = new ArrayList<>(List.of(p));
        ParamGroup g = ParamGroup.of(list);
        list.clear();
        assertEquals(1, g.params().size());
        assertThrows(UnsupportedOperationException.class, () -> g.params().clear());
        assertThrows(NullPointerException.class, () -> ParamGroup.of(java.util.Arrays.asList(p, null)));
    }

    @Test
    void valuesAreNormalizedAndKeepTheirKind() {
        ParamGroup g = ParamGroup.of(List.of(p));
        g.set("lr", 0.1f).set("count", 3).set("flag", true).set("betas", new double[] {0.5, 0.25});
        assertEquals((double) 0.1f, g.get("lr"));
        assertEquals(3L, g.get("count"));
        assertEquals(0.25, g.getDouble("betas", 1));
        g.setLr(2);
        assertEquals(2.0, g.lr());
        String m = assertThrows(IllegalArgumentException.class, () -> g.set("flag", 1)).getMessage();
        assertEquals("ParamGroup.set: 'flag' holds True, cannot set it to 1", m);
        assertThrows(IllegalArgumentException.class, () -> g.set("betas", List.of(0.1, 0.2, 0.3)));
        assertThrows(IllegalArgumentException.class, () -> g.set("lr", null));
        assertThrows(IllegalArgumentException.class, () -> g.set("lr", new Object()));
    }

    @Test
    void missingOrMistypedKeysFailWithTheKey() {
        ParamGroup g = ParamGroup.of(List.of(p)).set("lr", 0.1).set("flag", false);
        assertEquals("parameter group has no hyperparameter 'momentum' (it has: lr, flag)",
                assertThrows(IllegalArgumentException.class, () -> g.getDouble("momentum")).getMessage());
        assertEquals("hyperparameter 'flag' is not a number: False",
                assertThrows(IllegalArgumentException.class, () -> g.getDouble("flag")).getMessage());
        assertEquals("hyperparameter 'lr' is not a boolean: 0.1",
                assertThrows(IllegalArgumentException.class, () -> g.getBoolean("lr")).getMessage());
        assertTrue(g.has("lr"));
    }
}
