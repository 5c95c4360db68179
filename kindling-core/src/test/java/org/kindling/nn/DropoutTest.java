package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dropout against PyTorch 1.13.1 semantics. Masks are not claimed bit-equal to PyTorch's (its CPU
 * bernoulli goes through MKL), so training mode is checked by its defining properties.
 */
class DropoutTest {

    /** {@code repr(nn.Dropout())}, {@code repr(nn.Dropout(0.25))}; {@code nn.Dropout(0.0)} prints {@code p=0.0}. */
    @Test
    void reprMatchesPyTorch() {
        assertEquals("Dropout(p=0.5, inplace=False)", new Dropout().toString());
        assertEquals("Dropout(p=0.25, inplace=False)", new Dropout(0.25).toString());
        assertEquals("Dropout(p=0.0, inplace=False)", new Dropout(0.0).toString());
    }

    /** {@code x = torch.ones(3); d = nn.Dropout().eval(); d(x) is x} → True. */
    @Test
    void evalModeIsTheIdentity() {
        Dropout d = new Dropout(0.9);
        d.eval();
        Tensor x = Tensor.of(1f, 2f, 3f);
        assertSame(x, d.forward(x));
        Sequential s = new Sequential(new Linear(3, 3), d);
        s.train();
        assertTrue(d.isTraining());
        s.eval();
        assertSame(x, d.forward(x));
    }

    @Test
    void trainingZeroesAboutPAndScalesTheRest() {
        double p = 0.3;
        Dropout d = new Dropout(p, new Generator(123));
        int n = 20000;
        Tensor x = Tensor.full(2.0, n);
        float[] y = d.forward(x).toFloatArray();
        int zeros = 0;
        for (float v : y) {
            if (v == 0) zeros++;
            else assertEquals((float) (2 / (1 - p)), v, 1e-6f);
        }
        // Binomial(20000, 0.3): mean 6000, sd ~65; 6 sd either side.
        assertTrue(Math.abs(zeros - 6000) < 390, "zeros: " + zeros);
    }

    @Test
    void gradientUsesTheSameMask() {
        Dropout d = new Dropout(0.5, new Generator(7));
        Tensor x = Tensor.ones(1000).requiresGrad(true);
        Tensor y = d.forward(x);
        y.sum().backward();
        assertArrayEquals(y.toFloatArray(), x.grad().toFloatArray()); // d y_i / d x_i = mask_i = y_i for x = 1
    }

    @Test
    void extremes() {
        Tensor x = Tensor.of(1f, -2f, 3f);
        // nn.Dropout(1.0)(torch.tensor([1., -2., 3.])) -> tensor([0., -0., 0.])
        assertArrayEquals(new float[] {0f, -0f, 0f}, new Dropout(1.0).forward(x).toFloatArray());
        assertArrayEquals(x.toFloatArray(), new Dropout(0.0).forward(x).toFloatArray());
    }

    /** {@code nn.Dropout(1.5)} → {@code ValueError: dropout probability has to be between 0 and 1, but got 1.5}. */
    @Test
    void probabilityIsValidated() {
        assertEquals("dropout probability has to be between 0 and 1, but got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN)); // PyTorch lets NaN through; Kindling does not
    }
}
