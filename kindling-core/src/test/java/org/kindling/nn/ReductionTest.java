package org.kindling.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReductionTest {
    @Test
    void pytorchNames() {
        for (Reduction r : Reduction.values()) assertEquals(r, Reduction.fromName(r.pytorchName()));
        assertEquals("mean", Reduction.MEAN.pytorchName());
    }

    /** PyTorch: {@code ValueError: avg is not a valid value for reduction}. */
    @Test
    void unknownNameIsRejected() {
        assertEquals("avg is not a valid value for reduction (expected none, mean or sum)",
                assertThrows(IllegalArgumentException.class, () -> Reduction.fromName("avg")).getMessage());
    }
}
