package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MaxPool2d, AvgPool2d, AdaptiveAvgPool2d: reprs as PyTorch 1.13.1 prints them, no state, and their results on known cases. */
class PoolingModulesTest {
    /** {@code print(nn.MaxPool2d(2)); print(nn.MaxPool2d(3, 2, 1)); print(nn.AvgPool2d((2, 3), None, (0, 1)))}, etc. */
    @Test
    void reprsMatchPyTorchs() {
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).toString());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)", new MaxPool2d(3, 2, 1).toString());
        assertEquals("MaxPool2d(kernel_size=(3, 3), stride=(3, 3), padding=(1, 1), dilation=(1, 1), ceil_mode=False)",
                new MaxPool2d(new int[] {3, 3}, null, new int[] {1, 1}, new int[] {1, 1}, false).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=2, padding=1)", new AvgPool2d(3, 2, 1, true, false, 2).toString());
        assertEquals("AvgPool2d(kernel_size=(2, 3), stride=(2, 3), padding=(0, 1))",
                new AvgPool2d(new int[] {2, 3}, null, new int[] {0, 1}, false, true, null).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(1, 1))", new AdaptiveAvgPool2d(1, 1).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(None, 2))", new AdaptiveAvgPool2d(null, 2).toString());
    }

    @Test
    void poolingModulesHaveNoState() {
        assertTrue(new MaxPool2d(2).stateDict().isEmpty());
        assertTrue(new AvgPool2d(2).stateDict().isEmpty());
        assertTrue(new AdaptiveAvgPool2d(1).stateDict().isEmpty());
    }

    /** x = arange(16).view(1, 1, 4, 4): F.max_pool2d(x, 2, return_indices=True) gives [[5, 7], [13, 15]] at the same indices. */
    @Test
    void maxPoolValuesAndIndices() {
        Tensor x = Tensor.arange(16).toFloat().reshape(1, 1, 4, 4);
        Tensor.ValuesAndIndices r = new MaxPool2d(2).forwardWithIndices(x);
        assertArrayEquals(new float[] {5, 7, 13, 15}, r.values().toFloatArray());
        assertArrayEquals(new long[] {5, 7, 13, 15}, r.indices().toLongArray());
        assertEquals(DType.INT64, r.indices().dtype());
    }

    /** F.avg_pool2d(ones(1,1,3,3), 2, padding=1, ceil_mode=True, count_include_pad=...) and divisor_override. */
    @Test
    void avgPoolDivisorRules() {
        Tensor ones = Tensor.ones(1, 1, 3, 3);
        // With padding counted, the corner window holds 1 real cell of 4: 0.25; excluded: 1.
        assertEquals(0.25f, new AvgPool2d(2, 2, 1, false, true, null).forward(ones).toFloatArray()[0]);
        assertEquals(1f, new AvgPool2d(2, 2, 1, false, false, null).forward(ones).toFloatArray()[0]);
        assertEquals(0.5f, new AvgPool2d(2, 2, 1, false, true, 2).forward(ones).toFloatArray()[0]);
    }

    @Test
    void adaptiveKeepsANullDimension() {
        Tensor x = Tensor.randn(new Generator(3), DType.FLOAT32, 2, 3, 5, 7);
        assertArrayEquals(new int[] {2, 3, 5, 2}, new AdaptiveAvgPool2d(null, 2).forward(x).shape());
        assertArrayEquals(new int[] {3, 1, 1}, new AdaptiveAvgPool2d(1).forward(x.select(0, 0)).shape());
    }

    @Test
    void errorsNameTheSizes() {
        Tensor small = Tensor.zeros(1, 1, 2, 2);
        assertEquals("Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small",
                assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3).forward(small)).getMessage());
        assertEquals("pad should be at most half of kernel size, but got pad=2 and kernel_size=3",
                assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(3, 1, 2).forward(Tensor.zeros(1, 1, 5, 5)))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(4, 4)))
                .getMessage().contains("3D or 4D (batch mode) tensor expected for input, but got input of size: [4, 4]"));
    }
}
