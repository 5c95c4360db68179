package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Kindling;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Embedding against PyTorch 1.13.1. Initial values printed by
 * <pre>
 * torch.manual_seed(7); e = nn.Embedding(4, 3, padding_idx=-1); print(f(e.weight)); print(e)
 * </pre>
 */
class EmbeddingTest {
    @Test
    void initEqualsPyTorchsBitForBitWithThePaddingRowZeroed() {
        Kindling.manualSeed(7);
        Embedding e = new Embedding(4, 3, -1);
        assertEquals(3, e.paddingIdx());
        assertArrayEquals(new float[] {-0.1467950940132141f, 0.7861412763595581f, 0.9468216300010681f, -1.1143440008163452f,
                1.6907901763916016f, -0.8948279023170471f, -0.3556250333786011f, 1.2323857545852661f, 0.13817265629768372f,
                0f, 0f, 0f}, e.weight().toFloatArray());
        assertEquals("Embedding(4, 3, padding_idx=3)", e.toString());
        assertEquals("Embedding(10, 4)", new Embedding(10, 4).toString());
        assertEquals(List.of("weight"), List.copyOf(e.stateDict().keySet()));
    }

    @Test
    void paddingRowGetsNoGradientAndRepeatsAddUp() {
        Embedding e = new Embedding(5, 2, 0);
        Tensor idx = Tensor.fromArray(new long[] {0, 2, 2, 4, 0}, 5);
        Tensor out = e.forward(idx);
        assertArrayEquals(new int[] {5, 2}, out.shape());
        out.sum().backward();
        assertArrayEquals(new float[] {0, 0, 0, 0, 2, 2, 0, 0, 1, 1}, e.weight().grad().toFloatArray());
    }

    @Test
    void outOfRangeIndexAndPaddingAreRefused() {
        Embedding e = new Embedding(3, 2);
        Tensor bad = Tensor.fromArray(new long[] {1, 3}, 2);
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> e.forward(bad)).getMessage()
                .contains("index out of range in self: index 3 for weight of size [3, 2]"));
        assertEquals("Padding_idx must be within num_embeddings",
                assertThrows(IllegalArgumentException.class, () -> new Embedding(3, 2, 3)).getMessage());
    }
}
