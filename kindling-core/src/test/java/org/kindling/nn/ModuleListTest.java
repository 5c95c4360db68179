package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ModuleList against PyTorch 1.13.1. */
class ModuleListTest {

    /** The owner's forward decides how the list is used; the list's parameters are the owner's. */
    static final class Stack extends Module {
        final ModuleList layers = register("layers", new ModuleList(new Linear(2, 2), new Linear(2, 2)));

        @Override
        public Tensor forward(Tensor x) {
            for (Module m : layers) x = m.forward(x).tanh();
            return x;
        }
    }

    @Test
    void parametersBelongToTheOwner() {
        Stack s = new Stack();
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"),
                List.copyOf(s.namedParameters().keySet()));
        Tensor x = Tensor.of(new float[][] {{1, -1}});
        s.forward(x).sum().backward();
        for (var p : s.parameters()) assertEquals(false, p.grad() == null);
    }

    @Test
    void indexingAddingAndIteration() {
        ReLU r = new ReLU();
        Tanh t = new Tanh();
        ModuleList list = new ModuleList(r);
        assertSame(list, list.add(t));
        assertEquals(2, list.size());
        assertSame(r, list.get(0));
        assertSame(t, list.get(-1));
        assertSame(r, list.get(-2));
        // nn.ModuleList([nn.ReLU()])[3] -> IndexError: index 3 is out of range
        assertEquals("index 3 is out of range for a ModuleList of 2",
                assertThrows(IndexOutOfBoundsException.class, () -> list.get(3)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-3));
        List<Module> seen = new ArrayList<>();
        for (Module m : list) seen.add(m);
        assertEquals(List.of(r, t), seen);
        assertEquals(List.of("0", "1"), List.copyOf(list.namedChildren().keySet()));
    }

    /**
     * {@code print(repr(nn.ModuleList()))} and {@code repr(nn.ModuleList([nn.Linear(2, 2), nn.Tanh()]))}. (PyTorch 2.x
     * compresses runs of equal entries as {@code (0-2): 3 x Linear(...)}; 1.13 does not, and neither does Kindling.)
     */
    @Test
    void reprMatchesPyTorch() {
        assertEquals("ModuleList()", new ModuleList().toString());
        assertEquals("""
                ModuleList(
                  (0): Linear(in_features=2, out_features=2, bias=True)
                  (1): Tanh()
                )""", new ModuleList(new Linear(2, 2), new Tanh()).toString());
    }

    /** PyTorch: a ModuleList has no forward ({@code NotImplementedError}). */
    @Test
    void hasNoForwardOfItsOwn() {
        assertThrows(UnsupportedOperationException.class, () -> new ModuleList(new ReLU()).forward(Tensor.zeros(1)));
    }
}
