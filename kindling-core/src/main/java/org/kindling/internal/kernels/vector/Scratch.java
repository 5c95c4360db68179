package org.kindling.internal.kernels.vector;

/**
 * Per-thread packing buffers that grow and are reused: kernels allocate nothing per call.
 *
 * <p>Each thread (caller or pool worker) gets its own instance on first use.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] v = new float[0];
    /** Register tiles spill here before the write-back to C (at most 16 rows x 2 vectors of 16). */
    final float[] tile = new float[16 * 32];

    private Scratch() {}

    static Scratch get() {
        return LOCAL.get();
    }

    /** Buffer for packed A, at least {@code size} floats. */
    float[] a(int size) {
        if (a.length < size) {
            a = new float[size];
        }
        return a;
    }

    /** Buffer for packed B, at least {@code size} floats. */
    float[] b(int size) {
        if (b.length < size) {
            b = new float[size];
        }
        return b;
    }

    /** Small buffer for vectors and short copies, at least {@code size} floats. */
    float[] v(int size) {
        if (v.length < size) {
            v = new float[size];
        }
        return v;
    }
}
