package org.kindling.internal.random;

/**
 * PyTorch 1.13's CPU sampling kernels over an {@link Mt19937}: unit uniforms, the fused
 * {@code uniform_} fill and the two contiguous normal fills ({@code normal_fill_AVX2} for float32,
 * {@code normal_fill<double>} for float64). Arguments are assumed valid; callers check them.
 *
 * <p>PyTorch sources: {@code ATen/core/TransformationHelper.h} ({@code uniform_real}),
 * {@code ATen/native/cpu/DistributionTemplates.h} ({@code uniform_kernel}, {@code normal_fill*}).
 */
public final class Distributions {
    private Distributions() {}

    /** float32 2*pi, 0x40C90FDB, as {@code _mm256_set1_ps(2.0f * c10::pi<double>)} rounds it. */
    private static final float TWO_PI_F = (float) (2.0 * Math.PI);
    /** {@code 2.0f * c10::pi<double>} stays a double in the scalar kernel (exactly 2 * Math.PI). */
    private static final double TWO_PI = 2.0 * Math.PI;
    private static final float TWO_POW_MINUS_24 = 0x1p-24f;
    private static final double TWO_POW_MINUS_53 = 0x1p-53;
    private static final long MASK_53 = (1L << 53) - 1;

    /** Uniform float32 in [0, 1) from the low 24 bits of one draw. */
    public static float unitFloat(Mt19937 e) {
        return (float) (e.nextInt() & 0xFFFFFF) * TWO_POW_MINUS_24;
    }

    /** PyTorch's {@code random64()}: two draws, the first one in the high half. */
    public static long nextLong(Mt19937 e) {
        long hi = e.nextInt() & 0xFFFFFFFFL;
        long lo = e.nextInt() & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    /** Uniform float64 in [0, 1) from the low 53 bits of {@code random64()}. */
    public static double unitDouble(Mt19937 e) {
        return (double) (nextLong(e) & MASK_53) * TWO_POW_MINUS_53;
    }

    /** {@code uniform_(from, to)} on float32: {@code fma(x, to - from, from)} with float bounds. */
    public static void uniform(Mt19937 e, float[] dst, int offset, int length, float from, float to) {
        // NOTE: fused, as GCC contracts x * (to - from) + from in the AVX2 build (parity README §7.2 step 2, in the test resources).
        float range = to - from;
        for (int i = offset, end = offset + length; i < end; i++) {
            dst[i] = Math.fma(unitFloat(e), range, from);
        }
    }

    /** {@code uniform_(from, to)} on float64, with the same contraction as the float32 kernel. */
    public static void uniform(Mt19937 e, double[] dst, int offset, int length, double from, double to) {
        double range = to - from;
        for (int i = offset, end = offset + length; i < end; i++) {
            dst[i] = Math.fma(unitDouble(e), range, from);
        }
    }

    /**
     * {@code normal_fill_AVX2}: fills {@code length >= 16} floats with uniforms, transforms each
     * full block of 16, then redraws and transforms the last 16 when {@code length % 16 != 0}.
     */
    public static void normalFillAvx2(Mt19937 e, float[] d, int offset, int length, float mean, float std) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            d[i] = unitFloat(e);
        }
        for (int i = offset; i + 16 <= end; i += 16) {
            fill16Avx2(d, i, mean, std);
        }
        if (length % 16 != 0) {
            // The tail block overlaps the last full block and gets 16 fresh uniforms.
            for (int i = end - 16; i < end; i++) {
                d[i] = unitFloat(e);
            }
            fill16Avx2(d, end - 16, mean, std);
        }
    }

    /** {@code normal_fill_16_AVX2}: Box-Muller on 8 lanes, d[o..o+8) from cos, d[o+8..o+16) from sin. */
    static void fill16Avx2(float[] d, int o, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[o + j];
            float u2 = d[o + 8 + j];
            // float sqrt of a float: the double sqrt rounded to float is the correctly rounded result
            float radius = (float) Math.sqrt(-2f * AvxMathFun.log(u1));
            long sc = AvxMathFun.sincos(TWO_PI_F * u2);
            d[o + j] = Math.fma(radius * AvxMathFun.cos(sc), std, mean);
            d[o + 8 + j] = Math.fma(radius * AvxMathFun.sin(sc), std, mean);
        }
    }

    /**
     * {@code normal_fill<double>}: the scalar kernel PyTorch uses for float64 tensors with
     * {@code length >= 16}; same blocking and tail rule as {@link #normalFillAvx2}.
     */
    public static void normalFill(Mt19937 e, double[] d, int offset, int length, double mean, double std) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            d[i] = unitDouble(e);
        }
        for (int i = offset; i + 16 <= end; i += 16) {
            fill16(d, i, mean, std);
        }
        if (length % 16 != 0) {
            for (int i = end - 16; i < end; i++) {
                d[i] = unitDouble(e);
            }
            fill16(d, end - 16, mean, std);
        }
    }

    /** {@code normal_fill_16<double>}: scalar Box-Muller with libm log/cos/sin. */
    static void fill16(double[] d, int o, double mean, double std) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1 - d[o + j];
            double u2 = d[o + 8 + j];
            double radius = Math.sqrt(-2 * StrictMath.log(u1));
            double theta = TWO_PI * u2;
            // NOTE: fused on the assumption that GCC contracts radius * cos * std + mean here as it
            // does in uniform_ (same translation unit, same flags); no float64 fixture checks it.
            d[o + j] = Math.fma(radius * StrictMath.cos(theta), std, mean);
            d[o + 8 + j] = Math.fma(radius * StrictMath.sin(theta), std, mean);
        }
    }
}
