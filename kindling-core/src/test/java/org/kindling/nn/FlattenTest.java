package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Flatten against PyTorch 1.13.1. */
class FlattenTest {

    /** {@code repr(nn.Flatten())}, {@code repr(nn.Flatten(0, 2))}. */
    @Test
    void reprMatchesPyTorch() {
        assertEquals("Flatten(start_dim=1, end_dim=-1)", new Flatten().toString());
        assertEquals("Flatten(start_dim=0, end_dim=2)", new Flatten(0, 2).toString());
    }

    /**
     * {@code nn.Flatten()(zeros(2, 3, 4)).shape, nn.Flatten(0, 1)(...).shape, nn.Flatten(-2, -1)(...).shape}
     * → {@code [2, 12], [6, 4], [2, 12]}.
     */
    @Test
    void shapes() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new int[] {2, 12}, new Flatten().forward(x).shape());
        assertArrayEquals(new int[] {6, 4}, new Flatten(0, 1).forward(x).shape());
        assertArrayEquals(new int[] {2, 12}, new Flatten(-2, -1).forward(x).shape());
        assertArrayEquals(new int[] {24}, new Flatten(0, 2).forward(x).shape());
        // Row-major order is kept.
        assertArrayEquals(x.toLongArray(), new Flatten().forward(x).toLongArray());
    }

    /** {@code nn.Flatten()(torch.zeros(5))} → {@code IndexError: Dimension out of range (expected to be in range of [-1, 0], but got 1)}. */
    @Test
    void startDimMustExist() {
        assertThrows(RuntimeException.class, () -> new Flatten().forward(Tensor.zeros(5)));
    }

    @Test
    void gradientKeepsTheInputShape() {
        Tensor x = Tensor.ones(2, 2, 2).requiresGrad(true);
        new Flatten().forward(x).sum().backward();
        assertArrayEquals(new int[] {2, 2, 2}, x.grad().shape());
    }
}
