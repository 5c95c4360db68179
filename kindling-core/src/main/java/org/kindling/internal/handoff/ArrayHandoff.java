package org.kindling.internal.handoff;

import org.kindling.Tensor;
import org.kindling.internal.ops.Creation;

/**
 * Tensors that take ownership of an array instead of copying it, for readers in other Kindling modules
 * that filled the array themselves and drop it afterwards (a table of a gigabyte then costs one, not
 * two). Not for user arrays: {@link Tensor#fromArray(float[], int...)} copies them, as it must.
 */
public final class ArrayHandoff {
    private ArrayHandoff() {}

    /** A float32 tensor of {@code shape} whose storage is {@code data} itself; the caller must not touch it again. */
    public static Tensor floats(float[] data, int... shape) {
        return Creation.fromFloats(data, shape);
    }
}
