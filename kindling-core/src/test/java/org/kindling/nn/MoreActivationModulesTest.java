package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.*;

/** ELU, SiLU, Softplus, GELU(tanh), Dropout2d, Unflatten: reprs and values from PyTorch 1.13. */
class MoreActivationModulesTest {
    private static final Tensor T = Tensor.of(-2f, -0.5f, 0f, 0.5f, 3f);

    @Test
    void reprsMatchTorch() {
        assertEquals("ELU(alpha=1.0)", new ELU().toString());
        assertEquals("ELU(alpha=0.5)", new ELU(0.5).toString());
        assertEquals("SiLU()", new SiLU().toString());
        assertEquals("Softplus(beta=1, threshold=20)", new Softplus().toString());
        assertEquals("Softplus(beta=2.0, threshold=10.0)", new Softplus(2, 10).toString());
        assertEquals("GELU(approximate='none')", new GELU().toString());
        assertEquals("GELU(approximate='tanh')", new GELU("tanh").toString());
        assertEquals("Dropout2d(p=0.5, inplace=False)", new Dropout2d().toString());
        assertEquals("Unflatten(dim=1, unflattened_size=(2, 3))", new Unflatten(1, 2, 3).toString());
    }

    /** t = torch.tensor([-2., -0.5, 0., 0.5, 3.]); nn.ELU(0.5)(t), nn.SiLU()(t), nn.Softplus(2.0, 1.0)(t), nn.GELU('tanh')(t). */
    @Test
    void valuesMatchTorch() {
        assertArrayEquals(new float[] {-0.4323323667049408f, -0.19673466682434082f, 0f, 0.5f, 3f},
                new ELU(0.5).forward(T).toFloatArray(), 1e-6f); // PyTorch computes in float: within an ulp or two
        assertArrayEquals(new float[] {-0.23840583860874176f, -0.1887703388929367f, 0f, 0.3112296760082245f, 2.857722520828247f},
                new SiLU().forward(T).toFloatArray(), 1e-6f); // PyTorch computes in float: within an ulp or two
        assertArrayEquals(new float[] {0.009074964560568333f, 0.15663084387779236f, 0.3465735912322998f, 0.65663081407547f, 3f},
                new Softplus(2, 1).forward(T).toFloatArray(), 1e-6f); // PyTorch computes in float: within an ulp or two
        assertArrayEquals(new float[] {-0.04540228843688965f, -0.1542859971523285f, 0f, 0.3457140028476715f, 2.9963626861572266f},
                new GELU("tanh").forward(T).toFloatArray(), 1e-6f); // PyTorch computes in float: within an ulp or two
        assertEquals("GeluBackward0", T.clone().requiresGrad(true).gelu("tanh").gradFn().name());
        assertThrows(IllegalArgumentException.class, () -> new GELU("fast"));
    }

    @Test
    void dropout2dDropsWholeChannelsAndIsTheIdentityInEval() {
        Dropout2d drop = new Dropout2d(0.5, new Generator(3));
        Tensor x = Tensor.ones(4, 6, 3, 3);
        float[] y = drop.forward(x).toFloatArray();
        int dropped = 0;
        for (int map = 0; map < 24; map++) {
            float first = y[map * 9];
            assertTrue(first == 0f || first == 2f, "kept maps are scaled by 1/(1-p)");
            for (int i = 1; i < 9; i++) assertEquals(first, y[map * 9 + i], "one draw per feature map");
            if (first == 0f) dropped++;
        }
        assertTrue(dropped > 0 && dropped < 24);
        drop.eval();
        assertSame(x, drop.forward(x));
    }

    @Test
    void unflattenSplitsADimAndNamesShapesOnMismatch() {
        assertArrayEquals(new int[] {2, 2, 3, 5}, new Unflatten(1, 2, 3).forward(Tensor.ones(2, 6, 5)).shape());
        assertArrayEquals(new int[] {2, 5, 3, 2}, new Unflatten(-1, 3, -1).forward(Tensor.ones(2, 5, 6)).shape());
        String m = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 2, 4).forward(Tensor.ones(2, 6))).getMessage();
        assertTrue(m.contains("[2, 4]") && m.contains("[2, 6]"), m);
    }
}
