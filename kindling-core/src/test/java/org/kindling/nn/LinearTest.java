package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linear against PyTorch 1.13.1. Weight values were printed (as float32 reprs) by:
 * <pre>
 * torch.manual_seed(seed); l = nn.Linear(i, o, bias=b)
 * print(', '.join(repr(np.float32(v)) + 'f' for v in l.weight.detach().flatten().tolist()))   # and l.bias
 * </pre>
 */
class LinearTest {

    private static void assertInit(long seed, int in, int out, boolean bias, float[] weight, float[] biasValues) {
        Kindling.manualSeed(seed);
        Linear l = new Linear(in, out, bias);
        assertArrayEquals(new int[] {out, in}, l.weight().shape());
        assertArrayEquals(weight, l.weight().toFloatArray(), "weight, seed " + seed); // exact
        if (bias) assertArrayEquals(biasValues, l.bias().toFloatArray(), "bias, seed " + seed);
        else assertNull(l.bias());
    }

    @Test
    void initialWeightsEqualPyTorchsBitForBit() {
        assertInit(0, 2, 3, true,
                new float[] {-0.005293981f, 0.3793229f, -0.58198076f, -0.5203875f, -0.27234524f, 0.18961589f},
                new float[] {-0.014010034f, 0.5606575f, -0.06275152f});
        assertInit(42, 1, 4, true,
                new float[] {0.7645385f, 0.8300079f, -0.23427248f, 0.9186113f},
                new float[] {-0.21910357f, 0.20179069f, -0.48685503f, 0.58728266f});
        assertInit(1234, 5, 2, false,
                new float[] {-0.42129377f, -0.08774459f, -0.2148019f, -0.11927961f, -0.39506784f, 0.1794621f,
                        -0.4008846f, -0.028497137f, 0.15545693f, -0.150745f},
                null);
        assertInit(7, 3, 1, true, new float[] {0.040325075f, -0.34779212f, 0.18384182f}, new float[] {0.18116128f});
    }

    /** {@code torch.manual_seed(42); a = nn.Linear(2, 2); c = nn.Linear(2, 1)}: the second layer continues the stream. */
    @Test
    void consecutiveLayersContinueTheStream() {
        Kindling.manualSeed(42);
        Linear a = new Linear(2, 2);
        Linear c = new Linear(2, 1);
        assertArrayEquals(new float[] {0.5406104f, 0.5869042f, -0.16565566f, 0.6495563f}, a.weight().toFloatArray());
        assertArrayEquals(new float[] {-0.15492962f, 0.14268756f}, a.bias().toFloatArray());
        assertArrayEquals(new float[] {-0.3442585f, 0.41527155f}, c.weight().toFloatArray());
        assertArrayEquals(new float[] {0.62334496f}, c.bias().toFloatArray());
    }

    @Test
    void explicitGeneratorAndResetDrawTheSameStream() {
        Linear l = new Linear(2, 3, true, DType.FLOAT32, new Generator(0));
        assertArrayEquals(new float[] {-0.005293981f, 0.3793229f, -0.58198076f, -0.5203875f, -0.27234524f, 0.18961589f},
                l.weight().toFloatArray());
        l.resetParameters(new Generator(0));
        assertArrayEquals(new float[] {-0.014010034f, 0.5606575f, -0.06275152f}, l.bias().toFloatArray());
        Linear d = new Linear(4, 2, true, DType.FLOAT64, new Generator(0));
        assertEquals(DType.FLOAT64, d.weight().dtype());
        for (double v : d.weight().toDoubleArray()) assertTrue(Math.abs(v) <= 0.5, "bound 1/sqrt(4): " + v);
    }

    /**
     * {@code print(repr(l2), list(l2.state_dict().keys()), [k for k, _ in l2.named_parameters()])} for
     * {@code l2 = nn.Linear(3, 2, bias=False)} → {@code Linear(in_features=3, out_features=2, bias=False) ['weight'] ['weight']}.
     */
    @Test
    void withoutBias() {
        Linear l = new Linear(3, 2, false);
        assertEquals("Linear(in_features=3, out_features=2, bias=False)", l.toString());
        assertNull(l.bias());
        assertEquals(List.of("weight"), List.copyOf(l.stateDict().keySet()));
        assertEquals(List.of("weight"), List.copyOf(l.namedParameters().keySet()));
        assertEquals(List.of(l.weight()), l.parameters());
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}});
        float[] w = l.weight().toFloatArray();
        float[] y = l.forward(x).toFloatArray();
        assertEquals(w[0] + 2 * w[1] + 3 * w[2], y[0], 1e-6);
        assertEquals(w[3] + 2 * w[4] + 3 * w[5], y[1], 1e-6);
    }

    /**
     * {@code torch.manual_seed(0); l = nn.Linear(3, 2)}; input {@code [[[1, -2, 0.5]], [[0, 1, 3]]]} (shape [2, 1, 3])
     * gives shape [2, 1, 2] and {@code -0.872786, 0.5550286, -1.1272793, 0.69986814} (BLAS: compared with tolerance).
     */
    @Test
    void forwardOverLeadingDimensions() {
        Kindling.manualSeed(0);
        Linear l = new Linear(3, 2);
        Tensor y = l.forward(Tensor.of(new float[][][] {{{1, -2, 0.5f}}, {{0, 1, 3}}}));
        assertArrayEquals(new int[] {2, 1, 2}, y.shape());
        assertArrayEquals(new float[] {-0.872786f, 0.5550286f, -1.1272793f, 0.69986814f}, y.toFloatArray(), 1e-6f);
    }

    @Test
    void gradientsReachWeightAndBias() {
        Linear l = new Linear(2, 3);
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, -1}});
        l.forward(x).sum().backward();
        // d(sum)/dW[o][i] = sum over the batch of x[:, i]; d/db = batch size.
        assertArrayEquals(new float[] {4, 1, 4, 1, 4, 1}, l.weight().grad().toFloatArray());
        assertArrayEquals(new float[] {2, 2, 2}, l.bias().grad().toFloatArray());
    }

    /** {@code nn.Linear(0, 3)}: weight [3, 0], bias [0., 0., 0.] (U(-0, 0)); {@code nn.Linear(3, 0)}: shapes [0, 3] and [0]. */
    @Test
    void emptyFeatureCounts() {
        Linear l = new Linear(0, 3);
        assertArrayEquals(new int[] {3, 0}, l.weight().shape());
        assertArrayEquals(new float[] {0, 0, 0}, l.bias().toFloatArray());
        Linear e = new Linear(3, 0);
        assertArrayEquals(new int[] {0, 3}, e.weight().shape());
        assertArrayEquals(new int[] {0}, e.bias().shape());
    }

    @Test
    void accessorsAndRepr() {
        Linear l = new Linear(1, 10);
        assertEquals(1, l.inFeatures());
        assertEquals(10, l.outFeatures());
        assertEquals("Linear(in_features=1, out_features=10, bias=True)", l.toString());
        assertTrue(l.weight() instanceof Parameter && l.weight().requiresGrad());
        assertEquals(List.of("weight", "bias"), List.copyOf(l.namedParameters().keySet()));
    }

    @Test
    void zeroInputFeaturesGiveTheBiasForEveryRowAndItsGradient() {
        Linear layer = new Linear(0, 2); // PyTorch: bias bound 1/sqrt(fan_in) is 0 when fan_in is 0, so the bias is zero
        try (var g = Autograd.noGrad()) {
            layer.bias().copyInPlace(Tensor.of(new float[] {1.5f, -2f}));
        }
        Tensor x = Tensor.zeros(4, 0).requiresGrad(true);
        Tensor y = layer.forward(x);
        assertArrayEquals(new int[] {4, 2}, y.shape());
        assertArrayEquals(new float[] {1.5f, -2f, 1.5f, -2f, 1.5f, -2f, 1.5f, -2f}, y.toFloatArray());
        y.sum().backward();
        assertArrayEquals(new float[] {4f, 4f}, layer.bias().grad().toFloatArray());
        assertArrayEquals(new int[] {2, 0}, layer.weight().grad().shape());
        assertArrayEquals(new int[] {4, 0}, x.grad().shape());
    }
}
