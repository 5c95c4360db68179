package org.kindling.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

/** PyTorch's repr for ordinary ranks, and no stack overflow for absurd ones. */
class TensorFormatterTest {
    @Test
    void matchesPyTorchForOrdinaryRanks() {
        assertEquals("tensor(2.5000)", TensorFormatter.format(Tensor.scalar(2.5f)));
        assertEquals("tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])",
                TensorFormatter.format(Tensor.arange(8).reshape(2, 2, 2).to(org.kindling.DType.FLOAT32)));
        String summarized = TensorFormatter.format(Tensor.arange(2000).reshape(2, 1000).to(org.kindling.DType.FLOAT32));
        assertEquals("tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9700e+02, 9.9800e+02,\n"
                + "         9.9900e+02],\n"
                + "        [1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
                + "         1.9990e+03]])", summarized); // max/min > 1000: scientific, as torch prints it
    }

    @Test
    void rank2000DoesNotOverflowASmallStack() throws InterruptedException {
        // Each dim used to cost a recursive call; 2000 of them overflowed an ordinary thread's stack.
        int[] shape = new int[2000];
        Arrays.fill(shape, 1);
        Tensor t = Tensor.ones(shape);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                result.set(TensorFormatter.format(t));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertEquals("tensor(" + "[".repeat(2000) + "1." + "]".repeat(2000) + ")", result.get());
    }
}
