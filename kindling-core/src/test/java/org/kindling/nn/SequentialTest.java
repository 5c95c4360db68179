package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Kindling;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Sequential against PyTorch 1.13.1 (reprs and keys printed by the snippets quoted beside them). */
class SequentialTest {

    @Test
    void indexingCountsFromBothEnds() {
        Linear a = new Linear(2, 3);
        ReLU r = new ReLU();
        Linear b = new Linear(3, 1);
        Sequential s = new Sequential(a, r, b);
        assertEquals(3, s.size());
        assertSame(a, s.get(0));
        assertSame(b, s.get(2));
        assertSame(b, s.get(-1));
        assertSame(a, s.get(-3));
        // nn.Sequential(nn.ReLU())[3] -> IndexError: index 3 is out of range
        assertEquals("index 3 is out of range for a Sequential of 3",
                assertThrows(IndexOutOfBoundsException.class, () -> s.get(3)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(-4));
        List<Module> iterated = new ArrayList<>();
        for (Module m : s) iterated.add(m);
        assertEquals(List.of(a, r, b), iterated);
        assertEquals(List.of(a, r, b), s.children());
    }

    @Test
    void forwardChainsTheModulesInOrder() {
        Linear a = new Linear(2, 3);
        Linear b = new Linear(3, 1);
        Sequential s = new Sequential(a, new ReLU(), b);
        Tensor x = Tensor.of(new float[][] {{1, -2}, {0.5f, 3}});
        assertArrayEquals(b.forward(a.forward(x).relu()).toFloatArray(), s.forward(x).toFloatArray());
        assertSame(x, new Sequential().forward(x)); // PyTorch's empty Sequential returns its input
    }

    /** {@code list(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)).state_dict().keys())}. */
    @Test
    void positionalNamesAreIndices() {
        Sequential s = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.stateDict().keySet()));
        assertSame(s, s.append(new Tanh()));
        assertEquals(List.of("0", "1", "2", "3"), List.copyOf(s.namedChildren().keySet()));
    }

    /**
     * <pre>
     * print(repr(nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.Linear(3, 3), nn.Sigmoid()), nn.Flatten())))
     * print(repr(nn.Sequential()))
     * </pre>
     */
    @Test
    void reprMatchesPyTorch() {
        Sequential s = new Sequential(new Linear(2, 3), new Sequential(new Linear(3, 3), new Sigmoid()), new Flatten());
        assertEquals("""
                Sequential(
                  (0): Linear(in_features=2, out_features=3, bias=True)
                  (1): Sequential(
                    (0): Linear(in_features=3, out_features=3, bias=True)
                    (1): Sigmoid()
                  )
                  (2): Flatten(start_dim=1, end_dim=-1)
                )""", s.toString());
        assertEquals("Sequential()", new Sequential().toString());
    }

    /** {@code repr(nn.Sequential(OrderedDict([('fc1', nn.Linear(1, 10)), ('act', nn.ReLU()), ('fc2', nn.Linear(10, 1))])))}. */
    @Test
    void namedKeepsNamesAndOrder() {
        Map<String, Module> layers = new LinkedHashMap<>();
        Linear fc1 = new Linear(1, 10);
        layers.put("fc1", fc1);
        layers.put("act", new ReLU());
        layers.put("fc2", new Linear(10, 1));
        Sequential s = Sequential.named(layers);
        assertEquals("""
                Sequential(
                  (fc1): Linear(in_features=1, out_features=10, bias=True)
                  (act): ReLU()
                  (fc2): Linear(in_features=10, out_features=1, bias=True)
                )""", s.toString());
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(s.stateDict().keySet()));
        assertSame(fc1, s.get(0));
        assertEquals(3, s.size());
        Tensor x = Tensor.of(new float[][] {{2}});
        assertArrayEquals(s.get(2).forward(fc1.forward(x).relu()).toFloatArray(), s.forward(x).toFloatArray());
    }

    /** {@code torch.manual_seed(42); nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))}: the same draws as two Linears. */
    @Test
    void initialWeightsFollowConstructionOrder() {
        Kindling.manualSeed(42);
        Sequential s = new Sequential(new Linear(2, 2), new Linear(2, 1));
        Map<String, Tensor> sd = s.stateDict();
        assertArrayEquals(new float[] {0.5406104f, 0.5869042f, -0.16565566f, 0.6495563f}, sd.get("0.weight").toFloatArray());
        assertArrayEquals(new float[] {-0.15492962f, 0.14268756f}, sd.get("0.bias").toFloatArray());
        assertArrayEquals(new float[] {-0.3442585f, 0.41527155f}, sd.get("1.weight").toFloatArray());
        assertArrayEquals(new float[] {0.62334496f}, sd.get("1.bias").toFloatArray());
    }

    @Test
    void aLinearFollowedByAReluGivesTheSameValuesAndGradientsFusedOrNot() {
        for (int in : new int[] {1, 3, 20}) {
            org.kindling.Kindling.manualSeed(5);
            Linear first = new Linear(in, 70), second = new Linear(70, 2);
            Sequential fused = new Sequential(first, new ReLU(), second);
            org.kindling.Tensor x = org.kindling.Tensor.randn(33, in).requiresGrad(true);

            fused.forward(x).sum().backward();
            float[] fusedX = x.grad().toFloatArray(), fusedW = first.weight().grad().toFloatArray();
            float[] fusedB = first.bias().grad().toFloatArray();
            x.setGrad(null);
            fused.zeroGrad();

            org.kindling.Tensor out = second.forward(first.forward(x).relu());
            assertTrue(out.allClose(fused.forward(x), 1e-6, 1e-6), "values, in " + in);
            out.sum().backward();
            assertArrayEquals(x.grad().toFloatArray(), fusedX, 1e-5f, "input gradient, in " + in);
            assertArrayEquals(first.weight().grad().toFloatArray(), fusedW, 1e-4f, "weight gradient, in " + in);
            assertArrayEquals(first.bias().grad().toFloatArray(), fusedB, 1e-4f, "bias gradient, in " + in);
            assertEquals("ReluBackward0", first.forwardRelu(x).gradFn().name(), "grad_fn name as PyTorch shows it");
        }
    }
}
