package org.kindling.internal.random;

/**
 * One lane of {@code log256_ps} and {@code sincos256_ps} from PyTorch's {@code avx_mathfun.h}
 * (float32 Cephes polynomials), bit-exact with PyTorch 1.13's AVX2 build.
 *
 * <p>NOTE: the header is written with separate multiply and add intrinsics, but GCC with
 * {@code -mfma} fuses a product into the add that consumes it. The {@link Math#fma} calls below
 * are exactly the contractions that reproduce torch (parity README §7.3); every other product is
 * rounded on its own. Do not "simplify" them either way.
 */
public final class AvxMathFun {
    private AvxMathFun() {}

    // Constants are (float) of avx_mathfun.h's double literals; bit patterns in parity README §7.2.
    private static final float SQRTHF = (float) 0.707106781186547524;
    private static final float LOG_P0 = (float) 7.0376836292E-2;
    private static final float LOG_P1 = (float) -1.1514610310E-1;
    private static final float LOG_P2 = (float) 1.1676998740E-1;
    private static final float LOG_P3 = (float) -1.2420140846E-1;
    private static final float LOG_P4 = (float) 1.4249322787E-1;
    private static final float LOG_P5 = (float) -1.6668057665E-1;
    private static final float LOG_P6 = (float) 2.0000714765E-1;
    private static final float LOG_P7 = (float) -2.4999993993E-1;
    private static final float LOG_P8 = (float) 3.3333331174E-1;
    private static final float LOG_Q1 = (float) -2.12194440e-4;
    private static final float LOG_Q2 = (float) 0.693359375;

    private static final float FOPI = (float) 1.27323954473516; // 4 / pi
    private static final float DP1 = (float) -0.78515625;
    private static final float DP2 = (float) -2.4187564849853515625e-4;
    private static final float DP3 = (float) -3.77489497744594108e-8;
    private static final float SIN_P0 = (float) -1.9515295891E-4;
    private static final float SIN_P1 = (float) 8.3321608736E-3;
    private static final float SIN_P2 = (float) -1.6666654611E-1;
    private static final float COS_P0 = (float) 2.443315711809948E-005;
    private static final float COS_P1 = (float) -1.388731625493765E-003;
    private static final float COS_P2 = (float) 4.166664568298827E-002;

    /** Natural log of {@code x > 0} as {@code log256_ps} computes it. */
    public static float log(float x) {
        x = Math.max(x, Float.MIN_NORMAL); // the header cuts denormals off
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 127) + 1f;
        x = Float.intBitsToFloat((bits & 0x807FFFFF) | 0x3F000000); // mantissa in [0.5, 1)
        // if x < sqrt(1/2): e -= 1, x = x + x - 1; else x = x - 1
        boolean small = x < SQRTHF;
        float tmp = small ? x : 0f;
        x = x - 1f;
        e = e - (small ? 1f : 0f);
        x = x + tmp;
        float z = x * x;
        float y = Math.fma(LOG_P0, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1); // y*z fused, e*Q1 rounded on its own
        y = y - z * 0.5f;
        x = x + y;
        x = x + e * LOG_Q2;
        return x;
    }

    /**
     * Sine and cosine of {@code x} as {@code sincos256_ps} computes them, packed as
     * {@code (sinBits << 32) | cosBits}; unpack with {@link #sin(long)} and {@link #cos(long)}.
     * Packing keeps the hot loop free of allocations.
     */
    public static long sincos(float x) {
        int signSin = Float.floatToRawIntBits(x) & 0x80000000;
        x = Math.abs(x);
        int j = (int) (x * FOPI); // truncation toward zero, like cvttps2dq
        j = (j + 1) & ~1; // round j to even
        float y = (float) j;
        int swapSin = (j & 4) << 29;
        boolean sinPolyIsFirst = (j & 2) == 0;
        // x - y*pi/4 in three fused steps (extended-precision Cody-Waite reduction)
        x = Math.fma(y, DP1, x);
        x = Math.fma(y, DP2, x);
        x = Math.fma(y, DP3, x);
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSin;

        float z = x * x;
        float yc = Math.fma(COS_P0, z, COS_P1);
        yc = Math.fma(yc, z, COS_P2);
        yc = yc * z;
        yc = Math.fma(yc, z, -(z * 0.5f)); // yc*z - 0.5*z with yc*z fused
        yc = yc + 1f;

        float ys = Math.fma(SIN_P0, z, SIN_P1);
        ys = Math.fma(ys, z, SIN_P2);
        ys = ys * z;
        ys = Math.fma(ys, x, x);

        float s = sinPolyIsFirst ? ys : yc;
        float c = sinPolyIsFirst ? yc : ys;
        int sinBits = Float.floatToRawIntBits(s) ^ signSin;
        int cosBits = Float.floatToRawIntBits(c) ^ signCos;
        return ((long) sinBits << 32) | (cosBits & 0xFFFFFFFFL);
    }

    /** The sine half of a {@link #sincos(float)} result. */
    public static float sin(long sincos) {
        return Float.intBitsToFloat((int) (sincos >>> 32));
    }

    /** The cosine half of a {@link #sincos(float)} result. */
    public static float cos(long sincos) {
        return Float.intBitsToFloat((int) sincos);
    }
}
