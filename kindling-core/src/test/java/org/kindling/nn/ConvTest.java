package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conv1d and Conv2d against PyTorch 1.13.1: reprs, state-dict keys, and initial values, which were
 * printed (as float32 reprs) by
 * <pre>
 * def f(t): return ', '.join(repr(float(v)) + 'f' for v in t.detach().flatten().tolist())
 * torch.manual_seed(5); c = nn.Conv2d(2, 3, (2, 1)); print(f(c.weight)); print(f(c.bias))
 * torch.manual_seed(6); c = nn.Conv1d(4, 2, 3, groups=2); print(f(c.weight)); print(f(c.bias))
 * </pre>
 */
class ConvTest {
    @Test
    void conv2dInitEqualsPyTorchsBitForBit() {
        Kindling.manualSeed(5);
        Conv2d c = new Conv2d(2, 3, new int[] {2, 1}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1, true,
                DType.FLOAT32, Generator.defaultGenerator());
        assertArrayEquals(new int[] {3, 2, 2, 1}, c.weight().shape());
        assertArrayEquals(new float[] {0.33025187253952026f, -0.37388908863067627f, 0.4074696898460388f, 0.31992703676223755f,
                0.42010343074798584f, -0.3833547830581665f, -0.33560848236083984f, 0.2379193902015686f, -0.4667353630065918f,
                0.4941847324371338f, 0.10642856359481812f, 0.06457126140594482f}, c.weight().toFloatArray());
        assertArrayEquals(new float[] {-0.4275878071784973f, 0.15933895111083984f, 0.2150057554244995f}, c.bias().toFloatArray());
    }

    @Test
    void groupedConv1dInitEqualsPyTorchsBitForBit() {
        Kindling.manualSeed(6);
        Conv1d c = new Conv1d(4, 2, 3, 1, 0, 1, 2, true, DType.FLOAT32, Generator.defaultGenerator());
        assertArrayEquals(new int[] {2, 2, 3}, c.weight().shape());
        assertArrayEquals(new float[] {0.0589490607380867f, 0.043989166617393494f, 0.39749500155448914f, 0.08820580691099167f,
                -0.2166524976491928f, -0.041494790464639664f, 0.14234505593776703f, 0.2024972140789032f, 0.04907890781760216f,
                -0.27158525586128235f, -0.13608570396900177f, -0.028779663145542145f}, c.weight().toFloatArray());
        assertArrayEquals(new float[] {0.10879345238208771f, 0.21983838081359863f}, c.bias().toFloatArray());
    }

    @Test
    void reprsMatchPyTorchs() {
        assertEquals("Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))", new Conv2d(1, 6, 5).toString());
        assertEquals("Conv2d(4, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), dilation=(2, 2), groups=2, bias=False)",
                new Conv2d(4, 4, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 2}, 2, false,
                        DType.FLOAT32, new Generator(0)).toString());
        assertEquals("Conv2d(2, 3, kernel_size=(2, 3), stride=(1, 1), padding=same)",
                new Conv2d(2, 3, new int[] {2, 3}, new int[] {1, 1}, "same", new int[] {1, 1}, 1, true, DType.FLOAT32,
                        new Generator(0)).toString());
        assertEquals("Conv1d(3, 8, kernel_size=(4,), stride=(1,))", new Conv1d(3, 8, 4).toString());
        assertEquals("Conv1d(4, 2, kernel_size=(3,), stride=(2,), padding=(1,), dilation=(3,), groups=2, bias=False)",
                new Conv1d(4, 2, 3, 2, 1, 3, 2, false, DType.FLOAT32, new Generator(0)).toString());
        assertEquals("Conv1d(3, 8, kernel_size=(4,), stride=(2,), padding=valid)",
                new Conv1d(3, 8, 4, 2, "valid", 1, 1, true, DType.FLOAT32, new Generator(0)).toString());
    }

    @Test
    void stateDictKeysAndShapes() {
        var sd = new Conv2d(3, 4, 3).stateDict();
        assertEquals(List.of("weight", "bias"), List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {4, 3, 3, 3}, sd.get("weight").shape());
        Conv1d noBias = new Conv1d(2, 2, 3, 1, 0, 1, 1, false, DType.FLOAT32, new Generator(0));
        assertEquals(List.of("weight"), List.copyOf(noBias.stateDict().keySet()));
        assertNull(noBias.bias());
    }

    @Test
    void constructorRefusesWhatPyTorchRefuses() {
        assertEquals("in_channels must be divisible by groups",
                assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {0, 0}, new int[] {1, 1}, 2, true, DType.FLOAT32, new Generator(0))).getMessage());
        assertEquals("padding='same' is not supported for strided convolutions",
                assertThrows(IllegalArgumentException.class, () -> new Conv1d(1, 1, 3, 2, "same", 1, 1, true,
                        DType.FLOAT32, new Generator(0))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv1d(1, 1, 3, 1, "full", 1, 1, true,
                DType.FLOAT32, new Generator(0))).getMessage().startsWith("Invalid padding string 'full'"));
    }

    @Test
    void forwardRunsBatchedAndUnbatchedAlike() {
        Conv2d c = new Conv2d(2, 3, 3, 1, 1);
        Tensor x = Tensor.randn(new Generator(1), DType.FLOAT32, 2, 5, 5);
        Tensor batched = c.forward(x.unsqueeze(0));
        Tensor single = c.forward(x);
        assertArrayEquals(new int[] {3, 5, 5}, single.shape());
        assertArrayEquals(batched.squeeze(0).toFloatArray(), single.toFloatArray());
    }

    @Test
    void nonContiguousInputsGiveTheContiguousResults() {
        Generator g = new Generator(4);
        Tensor x = Tensor.randn(g, DType.FLOAT32, 2, 3, 6, 5).transpose(2, 3);
        Tensor w = Tensor.randn(g, DType.FLOAT32, 4, 3, 3, 2);
        assertArrayEquals(Functional.conv2d(x.contiguous(), w, null).toFloatArray(), Functional.conv2d(x, w, null).toFloatArray());
        assertArrayEquals(Functional.maxPool2d(x.contiguous(), 2).toFloatArray(), Functional.maxPool2d(x, 2).toFloatArray());
        assertArrayEquals(Functional.avgPool2d(x.contiguous(), 2).toFloatArray(), Functional.avgPool2d(x, 2).toFloatArray());
        Tensor table = Tensor.randn(g, DType.FLOAT32, 3, 5).t();
        Tensor idx = Tensor.fromArray(new long[] {4, 0, 4}, 3);
        assertArrayEquals(Functional.embedding(idx, table.contiguous()).toFloatArray(), Functional.embedding(idx, table).toFloatArray());
    }

    /**
     * A small CNN end to end, against PyTorch 1.13.1:
     * <pre>
     * torch.manual_seed(3)
     * m = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(2, 2, 2), nn.AvgPool2d(2),
     *                   nn.Flatten(), nn.Linear(2, 1))
     * x = torch.randn(2, 1, 6, 6); y = m(x); y.sum().backward()
     * print(f(y)); print(f(m[0].weight.grad)); print(f(m[3].bias.grad)); print(list(m.state_dict())); print(m)
     * </pre>
     */
    @Test
    void smallCnnMatchesPyTorch() {
        Kindling.manualSeed(3);
        Sequential m = new Sequential(new Conv2d(1, 2, 3, 1, 1), new ReLU(), new MaxPool2d(2), new Conv2d(2, 2, 2),
                new AvgPool2d(2), new Flatten(), new Linear(2, 1));
        Tensor x = Tensor.randn(2, 1, 6, 6);
        Tensor y = m.forward(x);
        y.sum().backward();
        assertClose(new float[] {0.26962968707084656f, 0.2920651435852051f}, y.toFloatArray());
        Conv2d first = (Conv2d) m.children().get(0), third = (Conv2d) m.children().get(3);
        assertClose(new float[] {-0.17114117741584778f, 0.09747478365898132f, 0.03493211790919304f, -0.04391534626483917f,
                0.08252021670341492f, 0.016993490979075432f, -0.003999699372798204f, 0.10367587953805923f, 0.04075934365391731f,
                0.0515923872590065f, -0.00431413110345602f, 0.09222600609064102f, -0.06454943865537643f, -0.03377745673060417f,
                -0.14142002165317535f, -0.04681408777832985f, -0.10886022448539734f, 0.044815804809331894f},
                first.weight().grad().toFloatArray());
        assertClose(new float[] {-0.6621171832084656f, 0.027206124737858772f}, third.bias().grad().toFloatArray());
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias"), List.copyOf(m.stateDict().keySet()));
        assertEquals("""
                Sequential(
                  (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                  (1): ReLU()
                  (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
                  (3): Conv2d(2, 2, kernel_size=(2, 2), stride=(1, 1))
                  (4): AvgPool2d(kernel_size=2, stride=2, padding=0)
                  (5): Flatten(start_dim=1, end_dim=-1)
                  (6): Linear(in_features=2, out_features=1, bias=True)
                )""", m.toString());
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]), "element " + i);
        }
    }
}
