package org.kindling.testing;

/**
 * The executable specification of PyTorch 1.13's CPU random stream from parity README §7.2, kept
 * as a test oracle. That code was checked against about 211,000 values drawn from torch with no
 * mismatch, far more than the bundled fixtures hold, so comparing against it on many seeds and
 * sizes guards the exact operation order and FMA pattern that the few fixtures cannot pin down.
 * Deliberately plain and slow; do not optimize or restructure it.
 */
public final class TorchRngSpec {
    private final int[] mt = new int[624];
    private int index;
    private Double cachedNormal = null;

    /** {@code torch.manual_seed(seed)}. */
    public TorchRngSpec(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < 624; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = 624;
    }

    private void twist() {
        for (int i = 0; i < 624; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
            int v = mt[(i + 397) % 624] ^ (y >>> 1);
            if ((y & 1) != 0) {
                v ^= 0x9908b0df;
            }
            mt[i] = v;
        }
        index = 0;
    }

    /** Next raw u32. */
    public int random() {
        if (index >= 624) {
            twist();
        }
        int y = mt[index++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y;
    }

    long random64() {
        long hi = Integer.toUnsignedLong(random()), lo = Integer.toUnsignedLong(random());
        return (hi << 32) | lo;
    }

    float uniformFloat() {
        return (float) (random() & 0xFFFFFF) * 0x1p-24f;
    }

    double uniformDouble() {
        return (double) (random64() & ((1L << 53) - 1)) * 0x1p-53;
    }

    /** float32 {@code tensor.uniform_(from, to)}. */
    public float[] uniform_(int n, double from, double to) {
        float f = (float) from, t = (float) to, range = t - f;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.fma(uniformFloat(), range, f);
        }
        return out;
    }

    /** {@code torch.rand(n, dtype=torch.float64)}. */
    public double[] randDouble(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = uniformDouble();
        }
        return out;
    }

    double normalDouble(double mean, double std) {
        if (cachedNormal != null) {
            double v = cachedNormal;
            cachedNormal = null;
            return v * std + mean;
        }
        double u1 = uniformDouble(), u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        return r * Math.cos(theta) * std + mean;
    }

    /** float32 {@code tensor.normal_(mean, std)}. */
    public float[] normal_(int n, double meanD, double stdD) {
        float[] d = new float[n];
        if (n < 16) {
            for (int i = 0; i < n; i++) {
                d[i] = (float) normalDouble(meanD, stdD);
            }
            return d;
        }
        float mean = (float) meanD, std = (float) stdD;
        for (int i = 0; i < n; i++) {
            d[i] = uniformFloat();
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            fill16(d, i, mean, std);
        }
        if (n % 16 != 0) {
            for (int j = 0; j < 16; j++) {
                d[n - 16 + j] = uniformFloat();
            }
            fill16(d, n - 16, mean, std);
        }
        return d;
    }

    static final float TWO_PI = (float) (2.0 * Math.PI);

    static void fill16(float[] d, int o, float mean, float std) {
        float[] sc = new float[2];
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[o + j];
            float u2 = d[o + 8 + j];
            float radius = (float) Math.sqrt(-2f * log256(u1));
            sincos256(TWO_PI * u2, sc);
            d[o + j] = Math.fma(radius * sc[1], std, mean);
            d[o + 8 + j] = Math.fma(radius * sc[0], std, mean);
        }
    }

    static final float SQRTHF = (float) 0.707106781186547524;
    static final float[] LOGP = {(float) 7.0376836292E-2, (float) -1.1514610310E-1, (float) 1.1676998740E-1,
        (float) -1.2420140846E-1, (float) 1.4249322787E-1, (float) -1.6668057665E-1, (float) 2.0000714765E-1,
        (float) -2.4999993993E-1, (float) 3.3333331174E-1};
    static final float Q1 = (float) -2.12194440e-4, Q2 = (float) 0.693359375;

    static float log256(float x) {
        x = Math.max(x, Float.MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 127) + 1f;
        x = Float.intBitsToFloat((bits & 0x807FFFFF) | 0x3F000000);
        boolean mask = x < SQRTHF;
        float tmp = mask ? x : 0f;
        x = x - 1f;
        e = e - (mask ? 1f : 0f);
        x = x + tmp;
        float z = x * x;
        float y = Math.fma(LOGP[0], x, LOGP[1]);
        for (int k = 2; k < 9; k++) {
            y = Math.fma(y, x, LOGP[k]);
        }
        y = y * x;
        y = Math.fma(y, z, e * Q1);
        y = y - z * 0.5f;
        x = x + y;
        x = x + e * Q2;
        return x;
    }

    static final float FOPI = (float) 1.27323954473516;
    static final float DP1 = (float) -0.78515625, DP2 = (float) -2.4187564849853515625e-4,
            DP3 = (float) -3.77489497744594108e-8;
    static final float S0 = (float) -1.9515295891E-4, S1 = (float) 8.3321608736E-3, S2 = (float) -1.6666654611E-1;
    static final float C0 = (float) 2.443315711809948E-005, C1 = (float) -1.388731625493765E-003,
            C2 = (float) 4.166664568298827E-002;

    static void sincos256(float xin, float[] out) {
        int signSin = Float.floatToRawIntBits(xin) & 0x80000000;
        float x = Math.abs(xin);
        int j = (int) (x * FOPI);
        j = (j + 1) & ~1;
        float y = (float) j;
        int swapSin = (j & 4) << 29;
        boolean polyMask = (j & 2) == 0;
        x = Math.fma(y, DP1, x);
        x = Math.fma(y, DP2, x);
        x = Math.fma(y, DP3, x);
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSin;
        float z = x * x;
        float yc = Math.fma(C0, z, C1);
        yc = Math.fma(yc, z, C2);
        yc = yc * z;
        yc = Math.fma(yc, z, -(z * 0.5f));
        yc = yc + 1f;
        float ys = Math.fma(S0, z, S1);
        ys = Math.fma(ys, z, S2);
        ys = ys * z;
        ys = Math.fma(ys, x, x);
        float s = polyMask ? ys : yc, c = polyMask ? yc : ys;
        out[0] = Float.intBitsToFloat(Float.floatToRawIntBits(s) ^ signSin);
        out[1] = Float.intBitsToFloat(Float.floatToRawIntBits(c) ^ signCos);
    }

    /** {@code torch.randperm(n)}. */
    public long[] randperm(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (Integer.toUnsignedLong(random()) % (n - i));
            long t = r[i];
            r[i] = r[z + i];
            r[z + i] = t;
        }
        return r;
    }
}
