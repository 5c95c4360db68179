package org.kindling.internal.kernels;

/**
 * {@code x^e} on contiguous arrays. A number exponent takes PyTorch's fast paths with the same
 * arithmetic (ATen {@code pow_tensor_scalar}): 0 → 1, 1 → copy, 2 → {@code x*x}, 3 → {@code x*x*x},
 * -2 → {@code 1/(x*x)}, 0.5 → sqrt, -0.5 → {@code 1/sqrt}, -1 → {@code 1/x}, all in the element
 * type. Other small integer exponents multiply in double and round once, which is as close to the
 * true power as PyTorch's {@code powf}, and far cheaper than {@code Math.pow}.
 */
public final class PowKernels {
    private PowKernels() {}

    /** Largest |e| whose power is formed by multiplication; beyond it repeated squaring loses accuracy. */
    private static final int MAX_MULTIPLIED = 16;

    public static void scalar(float[] x, int xo, double e, float[] y, int n) {
        if (e == 0) java.util.Arrays.fill(y, 0, n, 1f);
        else if (e == 1) System.arraycopy(x, xo, y, 0, n);
        else if (e == 2) for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i];
        else if (e == 3) for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i] * x[xo + i];
        else if (e == -2) for (int i = 0; i < n; i++) y[i] = 1f / (x[xo + i] * x[xo + i]);
        else if (e == 0.5) for (int i = 0; i < n; i++) y[i] = (float) Math.sqrt(x[xo + i]);
        else if (e == -0.5) for (int i = 0; i < n; i++) y[i] = 1f / (float) Math.sqrt(x[xo + i]);
        else if (e == -1) for (int i = 0; i < n; i++) y[i] = 1f / x[xo + i];
        else if (e == Math.rint(e) && Math.abs(e) <= MAX_MULTIPLIED) {
            int k = (int) Math.abs(e);
            boolean reciprocal = e < 0;
            for (int i = 0; i < n; i++) {
                double p = integerPower(x[xo + i], k);
                y[i] = (float) (reciprocal ? 1 / p : p);
            }
        } else {
            for (int i = 0; i < n; i++) y[i] = (float) Math.pow(x[xo + i], e);
        }
    }

    public static void scalar(double[] x, int xo, double e, double[] y, int n) {
        if (e == 0) java.util.Arrays.fill(y, 0, n, 1.0);
        else if (e == 1) System.arraycopy(x, xo, y, 0, n);
        else if (e == 2) for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i];
        else if (e == 3) for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i] * x[xo + i];
        else if (e == -2) for (int i = 0; i < n; i++) y[i] = 1 / (x[xo + i] * x[xo + i]);
        else if (e == 0.5) for (int i = 0; i < n; i++) y[i] = Math.sqrt(x[xo + i]);
        else if (e == -0.5) for (int i = 0; i < n; i++) y[i] = 1 / Math.sqrt(x[xo + i]);
        else if (e == -1) for (int i = 0; i < n; i++) y[i] = 1 / x[xo + i];
        else for (int i = 0; i < n; i++) y[i] = Math.pow(x[xo + i], e); // double has no wider type to multiply in
    }

    /** {@code x^k} by repeated squaring, in double (exact for k <= 2 from a float; one rounding step per multiply after). */
    private static double integerPower(double x, int k) {
        double result = 1, base = x;
        while (k > 0) {
            if ((k & 1) != 0) result *= base;
            base *= base;
            k >>= 1;
        }
        return result;
    }

    /** {@code y[i] = x[i]^e[i]} (operands already broadcast and contiguous). */
    public static void tensor(float[] x, int xo, float[] e, int eo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = (float) Math.pow(x[xo + i], e[eo + i]);
    }

    public static void tensor(double[] x, int xo, double[] e, int eo, double[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = Math.pow(x[xo + i], e[eo + i]);
    }
}
