package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The parameterless activation modules (ReLU, LeakyReLU, Sigmoid, Tanh, GELU, Softmax, LogSoftmax,
 * Identity): reprs and outputs from PyTorch 1.13.1, which printed them with
 * <pre>
 * x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 3.0])
 * for m in [...]: print(repr(m), ', '.join(repr(np.float32(v)) + 'f' for v in m(x).tolist()))
 * </pre>
 * The ops themselves are covered by the parity fixtures; this checks that each module passes its
 * hyperparameters (slope, dim) through and prints like PyTorch's.
 */
class ActivationsTest {
    private static final Tensor X = Tensor.of(-2f, -0.5f, 0f, 0.5f, 3f);
    /** {@code torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 4.0]])}. */
    private static final Tensor X2 = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0, 4}});

    private static void check(Module m, String repr, Tensor x, float[] expected) {
        assertEquals(repr, m.toString());
        assertArrayEquals(expected, m.forward(x).toFloatArray(), 1e-6f, repr);
        assertEquals(List.of(), m.parameters());
        assertArrayEquals(x.shape(), m.forward(x).shape());
    }

    @Test
    void pointwise() {
        check(new ReLU(), "ReLU()", X, new float[] {0.0f, 0.0f, 0.0f, 0.5f, 3.0f});
        check(new Sigmoid(), "Sigmoid()", X, new float[] {0.11920292f, 0.37754068f, 0.5f, 0.62245935f, 0.95257413f});
        check(new Tanh(), "Tanh()", X, new float[] {-0.9640276f, -0.46211717f, 0.0f, 0.46211717f, 0.9950548f});
        check(new GELU(), "GELU(approximate='none')", X, new float[] {-0.0455001f, -0.15426879f, 0.0f, 0.3457312f, 2.9959502f});
        check(new LeakyReLU(), "LeakyReLU(negative_slope=0.01)", X, new float[] {-0.02f, -0.005f, 0.0f, 0.5f, 3.0f});
        check(new LeakyReLU(0.2), "LeakyReLU(negative_slope=0.2)", X, new float[] {-0.4f, -0.1f, 0.0f, 0.5f, 3.0f});
    }

    /** {@code repr(nn.LeakyReLU(1e-5))} → {@code LeakyReLU(negative_slope=1e-05)}: Python's float repr. */
    @Test
    void floatsPrintAsPython() {
        assertEquals("LeakyReLU(negative_slope=1e-05)", new LeakyReLU(1e-5).toString());
    }

    @Test
    void softmaxAlongTheGivenDim() {
        check(new Softmax(0), "Softmax(dim=0)", X2,
                new float[] {0.880797f, 0.880797f, 0.26894143f, 0.11920292f, 0.11920292f, 0.7310586f});
        check(new Softmax(1), "Softmax(dim=1)", X2,
                new float[] {0.09003057f, 0.24472848f, 0.66524094f, 0.0065732626f, 0.01786798f, 0.9755587f});
        check(new LogSoftmax(1), "LogSoftmax(dim=1)", X2,
                new float[] {-2.407606f, -1.4076059f, -0.40760595f, -5.024745f, -4.024745f, -0.024744924f});
        check(new LogSoftmax(-2), "LogSoftmax(dim=-2)", X2,
                new float[] {-0.12692805f, -0.12692805f, -1.3132616f, -2.126928f, -2.126928f, -0.31326166f});
        assertEquals("LogSoftmax(dim=-1)", new LogSoftmax(-1).toString());
    }

    /** {@code nn.Identity()(x) is x} is True in PyTorch. */
    @Test
    void identityReturnsItsInput() {
        assertEquals("Identity()", new Identity().toString());
        assertSame(X, new Identity().forward(X));
    }

    @Test
    void gradientsFlowThroughTheModules() {
        Tensor x = Tensor.of(-2f, 3f).requiresGrad(true);
        new LeakyReLU(0.2).forward(x).sum().backward();
        assertArrayEquals(new float[] {0.2f, 1f}, x.grad().toFloatArray());
    }
}
