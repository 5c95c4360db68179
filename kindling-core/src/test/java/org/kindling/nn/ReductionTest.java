package org.kindling.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReductionTest {
    @Test
    void pytorchNamesAndCodes() {
        for (Reduction r : Reduction.values()) assertEquals(r, Reduction.fromName(r.pytorchName()));
        assertEquals("mean", Reduction.MEAN.pytorchName());
        // ATen's at::Reduction enum: None = 0, Mean = 1, Sum = 2.
        assertEquals(0, Reduction.NONE.code());
        assertEquals(1, Reduction.MEAN.code());
        assertEquals(2, Reduction.SUM.code());
    }

    /** PyTorch: {@code ValueError: avg is not a valid value for reduction}. */
    @Test
    void unknownNameIsRejected() {
        assertEquals("avg is not a valid value for reduction (expected none, mean or sum)",
                assertThrows(IllegalArgumentException.class, () -> Reduction.fromName("avg")).getMessage());
    }
}
