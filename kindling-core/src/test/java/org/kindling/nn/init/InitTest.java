package org.kindling.nn.init;

import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Parameter;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * torch.nn.init against PyTorch 1.13.1. Values were printed as float32 reprs by
 * {@code torch.manual_seed(s); nn.init.<fn>(t, ...); print(', '.join(repr(np.float32(v)) + 'f' for v in t.flatten().tolist()))}
 * and are compared exactly: init draws from the bit-exact generator.
 */
class InitTest {

    /*
     * for nl, p in [('linear', None), ('sigmoid', None), ('tanh', None), ('relu', None), ('leaky_relu', None),
     *               ('leaky_relu', 0.2), ('leaky_relu', math.sqrt(5)), ('selu', None), ('conv2d', None)]:
     *     print(repr(nn.init.calculate_gain(nl, p)))
     */
    @Test
    void calculateGainEqualsPyTorchsDoubles() {
        assertEquals(1.0, Init.calculateGain("linear", null));
        assertEquals(1.0, Init.calculateGain("sigmoid", null));
        assertEquals(1.6666666666666667, Init.calculateGain("tanh", null));
        assertEquals(1.4142135623730951, Init.calculateGain("relu", null));
        assertEquals(1.4141428569978354, Init.calculateGain("leaky_relu", null));
        assertEquals(1.3867504905630728, Init.calculateGain("leaky_relu", 0.2));
        assertEquals(0.5773502691896257, Init.calculateGain("leaky_relu", Math.sqrt(5)));
        assertEquals(0.75, Init.calculateGain("selu", null));
        assertEquals(1.0, Init.calculateGain("conv2d", null));
        // nn.init.calculate_gain('foo') -> ValueError: Unsupported nonlinearity foo
        assertEquals("Unsupported nonlinearity foo",
                assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("foo", null)).getMessage());
    }

    /** {@code nn.init._calculate_fan_in_and_fan_out(torch.empty(2, 3, 4))} → {@code (12, 8)}. */
    @Test
    void fans() {
        assertArrayEquals(new int[] {12, 8}, Init.fans(Tensor.zeros(2, 3, 4)));
        assertArrayEquals(new int[] {3, 4}, Init.fans(Tensor.zeros(4, 3)));
        // nn.init.kaiming_uniform_(torch.empty(3)) -> ValueError (below)
        assertEquals("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
                assertThrows(IllegalArgumentException.class, () -> Init.kaimingUniform(Tensor.zeros(3), 0)).getMessage());
    }

    /** {@code t = torch.empty(4, 3); torch.manual_seed(0); nn.init.kaiming_uniform_(t, a=0, mode='fan_out', nonlinearity='relu')}. */
    @Test
    void kaimingUniform() {
        Tensor t = Tensor.zeros(4, 3);
        Kindling.manualSeed(0);
        assertSame(t, Init.kaimingUniform(t, 0, Init.FanMode.FAN_OUT, "relu", Generator.defaultGenerator()));
        assertArrayEquals(new float[] {-0.009169445f, 0.65700656f, -1.0080204f, -0.90133756f, -0.47171584f, 0.32842436f,
                -0.024266092f, 0.97108734f, -0.10868882f, 0.32408288f, -0.37013394f, -0.24074246f}, t.toFloatArray());
    }

    /**
     * {@code torch.manual_seed(0); nn.init.kaiming_normal_(torch.empty(4, 3), a=0, mode='fan_in', nonlinearity='relu')}
     * (12 values: the scalar normal path) and {@code torch.manual_seed(3); nn.init.kaiming_normal_(torch.empty(4, 5), mode='fan_out')}
     * (20 values: the vectorized path).
     */
    @Test
    void kaimingNormal() {
        Tensor t = Tensor.zeros(4, 3);
        Init.kaimingNormal(t, 0, Init.FanMode.FAN_IN, "relu", new Generator(0));
        assertArrayEquals(new float[] {1.258218f, -0.2395837f, -1.778974f, 0.4641222f, -0.8855088f, -1.1419483f,
                0.3293313f, 0.68424565f, -0.58727133f, -0.3293286f, -0.48715073f, 0.14863217f}, t.toFloatArray());
        Tensor u = Tensor.zeros(4, 5);
        Init.kaimingNormal(u, 0, Init.FanMode.FAN_OUT, "leaky_relu", new Generator(3));
        assertArrayEquals(new float[] {-0.0541957f, 0.25447467f, -0.5529694f, 0.050577745f, 0.7396498f, 0.36924195f,
                -0.117951885f, 0.037500277f, 0.28610045f, 0.4322541f, 0.5376772f, -0.023789378f, 0.7056377f, 0.3246896f,
                1.7227929f, -0.10380906f, 0.3430274f, 0.14512262f, 0.23930487f, 0.9565415f}, u.toFloatArray());
    }

    /**
     * {@code torch.manual_seed(0); nn.init.xavier_uniform_(torch.empty(4, 3), gain=2.0)};
     * {@code torch.manual_seed(5); nn.init.xavier_uniform_(torch.empty(2, 3, 4))}.
     */
    @Test
    void xavierUniform() {
        Tensor t = Tensor.zeros(4, 3);
        Init.xavierUniform(t, 2.0, new Generator(0));
        assertArrayEquals(new float[] {-0.013862898f, 0.99330056f, -1.5239835f, -1.3626943f, -0.7131673f, 0.49653095f,
                -0.036686882f, 1.4681461f, -0.16432205f, 0.48996726f, -0.55958986f, -0.36396837f}, t.toFloatArray());
        Tensor c = Tensor.zeros(2, 3, 4);
        Kindling.manualSeed(5);
        Init.xavierUniform(c);
        assertArrayEquals(new float[] {0.3617728f, -0.409575f, 0.4463607f, 0.35046253f, 0.46020028f, -0.41994414f,
                -0.36764067f, 0.26062766f, -0.511283f, 0.5413523f, 0.116586655f, 0.07073428f, -0.468399f, 0.17454708f,
                0.23552701f, 0.08689902f, 0.52682906f, 0.16449057f, -0.48568326f, 0.46020934f, 0.18596804f, -0.2612931f,
                -0.5031213f, 0.31224108f}, c.toFloatArray());
    }

    /**
     * {@code torch.manual_seed(0); nn.init.xavier_normal_(torch.empty(4, 3), gain=0.5)};
     * {@code torch.manual_seed(3); nn.init.xavier_normal_(torch.empty(4, 5))}.
     */
    @Test
    void xavierNormal() {
        Tensor t = Tensor.zeros(4, 3);
        Init.xavierNormal(t, 0.5, new Generator(0));
        assertArrayEquals(new float[] {0.41184855f, -0.078422174f, -0.58230597f, 0.15191965f, -0.2898508f, -0.37379035f,
                0.10779898f, 0.22397196f, -0.19222967f, -0.10779809f, -0.1594575f, 0.048651297f}, t.toFloatArray());
        Tensor u = Tensor.zeros(4, 5);
        Init.xavierNormal(u, 1, new Generator(3));
        assertArrayEquals(new float[] {-0.036130466f, 0.16964978f, -0.36864626f, 0.033718497f, 0.49309987f, 0.24616131f,
                -0.07863459f, 0.025000185f, 0.19073364f, 0.2881694f, 0.3584515f, -0.015859585f, 0.47042513f, 0.21645974f,
                1.1485286f, -0.06920604f, 0.22868493f, 0.09674841f, 0.15953659f, 0.63769436f}, u.toFloatArray());
    }

    /** {@code torch.manual_seed(0); nn.init.uniform_(torch.empty(4, 3), -2, 3)}; {@code ... nn.init.normal_(t, 1, 0.5)}. */
    @Test
    void uniformAndNormal() {
        Tensor t = Tensor.zeros(4, 3);
        Kindling.manualSeed(0);
        Init.uniform(t, -2, 3);
        assertArrayEquals(new float[] {0.48128295f, 1.841109f, -1.5576129f, -1.3398476f, -0.46288592f, 1.1703935f,
                0.45046705f, 2.4822237f, 0.2781399f, 1.1615314f, -0.25553268f, 0.008586526f}, t.toFloatArray());
        Kindling.manualSeed(0);
        Init.normal(t, 1, 0.5);
        assertArrayEquals(new float[] {1.770498f, 0.85328555f, -0.08939469f, 1.2842157f, 0.45773882f, 0.3007023f,
                1.2016734f, 1.4190131f, 0.6403712f, 0.7983282f, 0.7016823f, 1.0910182f}, t.toFloatArray());
    }

    /**
     * {@code nn.init.kaiming_uniform_(torch.empty(0, 3))} warns "Initializing zero-element tensors is a no-op" and
     * returns the tensor without drawing.
     */
    @Test
    void zeroElementKaimingIsANoOp() {
        Generator g = new Generator(11);
        Tensor empty = Tensor.zeros(0, 3);
        assertSame(empty, Init.kaimingUniform(empty, 0, Init.FanMode.FAN_IN, "leaky_relu", g));
        assertSame(empty, Init.kaimingNormal(empty, 0, Init.FanMode.FAN_OUT, "relu", g));
        assertEquals(new Generator(11).nextU64(), g.nextU64()); // nothing drawn
    }

    @Test
    void parametersAreFilledOutsideTheGraph() {
        Parameter p = new Parameter(Tensor.zeros(3, 3));
        Init.eye(p);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, p.toFloatArray());
        Init.constant(p, 0.5);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, p.toFloatArray());
        Init.ones(p);
        assertEquals(9f, p.sum().item());
        Init.zeros(p);
        assertEquals(0f, p.sum().item());
        Init.xavierUniform(p);
        Init.kaimingUniform(p, Math.sqrt(5));
        assertTrue(p.requiresGrad());
        assertTrue(p.isLeaf());
        assertNull(p.gradFn());
        assertEquals("Only tensors with 2 dimensions are supported, got 3",
                assertThrows(IllegalArgumentException.class, () -> Init.eye(Tensor.zeros(2, 2, 2))).getMessage());
        Tensor rect = Init.eye(Tensor.zeros(2, 3));
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, rect.toFloatArray());
    }
}
