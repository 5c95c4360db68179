package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments to the convolution functions fail in PyTorch's words, naming both shapes. */
class SpatialFunctionalErrorsTest {
    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void wrongChannelCount() {
        assertEquals("Given groups=1, weight of size [2, 2, 3, 3], expected input[1, 3, 5, 5] to have 2 channels, "
                + "but got 3 channels instead",
                message(() -> Functional.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(2, 2, 3, 3), null)));
        assertEquals("Given groups=1, weight of size [2, 3, 3], expected input[1, 2, 5] to have 3 channels, "
                + "but got 2 channels instead",
                message(() -> Functional.conv1d(Tensor.zeros(1, 2, 5), Tensor.zeros(2, 3, 3), null)));
    }

    @Test
    void kernelLargerThanPaddedInput() {
        assertEquals("Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater "
                + "than actual input size (input [1, 2, 2, 2], weight [2, 2, 3, 3])",
                message(() -> Functional.conv2d(Tensor.zeros(1, 2, 2, 2), Tensor.zeros(2, 2, 3, 3), null)));
        assertTrue(message(() -> Functional.conv1d(Tensor.zeros(1, 1, 4), Tensor.zeros(1, 1, 3), null, 1, 0, 2, 1))
                .startsWith("Calculated padded input size per channel: (4). Kernel size: (5)."));
    }

    @Test
    void groupsBiasAndRank() {
        assertEquals("Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size [3, 2, 3, 3] instead",
                message(() -> Functional.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 2, 3, 3), null, 1, 0, 1, 2)));
        assertEquals("Given weight of size [2, 2, 3, 3], expected bias to be 1-dimensional with 2 elements, but got bias of size [3] instead",
                message(() -> Functional.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(2, 2, 3, 3), Tensor.zeros(3))));
        assertEquals("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [5, 5]",
                message(() -> Functional.conv2d(Tensor.zeros(5, 5), Tensor.zeros(2, 2, 3, 3), null)));
    }

    @Test
    void paddingStrings() {
        assertEquals("padding='same' is not supported for strided convolutions",
                message(() -> Functional.conv2d(Tensor.zeros(1, 2, 5, 5), Tensor.zeros(2, 2, 3, 3), null, new int[] {2, 2},
                        "same", new int[] {1, 1}, 1)));
        assertTrue(message(() -> Functional.conv1d(Tensor.zeros(1, 2, 5), Tensor.zeros(2, 2, 3), null, 1, "foo", 1, 1))
                .startsWith("Invalid padding string: 'foo'"));
        // "valid" is no padding; "same" keeps the size, an even kernel's extra cell going at the end.
        assertEquals(3, Functional.conv1d(Tensor.zeros(1, 2, 5), Tensor.zeros(2, 2, 3), null, 1, "valid", 1, 1).size(2));
        assertEquals(5, Functional.conv1d(Tensor.zeros(1, 2, 5), Tensor.zeros(2, 2, 4), null, 1, "same", 1, 1).size(2));
        // torch: F.conv1d(torch.arange(5.).view(1, 1, 5), torch.tensor([1., 2., 3., 4.]).view(1, 1, 4), padding='same')
        Tensor same = Functional.conv1d(Tensor.arange(5).toFloat().reshape(1, 1, 5),
                Tensor.fromArray(new float[] {1, 2, 3, 4}, 1, 1, 4), null, 1, "same", 1, 1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {11, 20, 30, 20, 11}, same.toFloatArray());
    }
}
