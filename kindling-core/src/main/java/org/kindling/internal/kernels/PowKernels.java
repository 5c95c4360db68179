package org.kindling.internal.kernels;

/**
 * {@code x^e} on contiguous arrays. A number exponent takes PyTorch's fast paths with the same
 * arithmetic (ATen {@code pow_tensor_scalar}): 0 → 1, 1 → copy, 2 → {@code x*x}, 3 → {@code x*x*x},
 * -2 → {@code 1/(x*x)}, 0.5 → sqrt, -0.5 → {@code 1/sqrt}, -1 → {@code 1/x}, all in the element
 * type. Other small integer and half-integer exponents multiply (and take one square root) in
 * double and round once, which is as close to the true power as PyTorch's {@code powf}, and far
 * cheaper than {@code Math.pow}.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class PowKernels {
    private PowKernels() {}

    /** Largest |e| whose power is formed by multiplication; beyond it repeated squaring loses accuracy. */
    private static final int MAX_MULTIPLIED = 16;

    public static void scalar(float[] x, int xo, double e, float[] y, int n) {
        // One small method per case, so each loop is compiled on its own (one hot path never waits on another)
        if (e == 0) java.util.Arrays.fill(y, 0, n, 1f);
        else if (e == 1) System.arraycopy(x, xo, y, 0, n);
        else if (e == 2) square(x, xo, y, n);
        else if (e == 3) cube(x, xo, y, n);
        else if (e == -2) inverseSquare(x, xo, y, n);
        else if (e == 0.5) sqrt(x, xo, y, n);
        else if (e == -0.5) rsqrt(x, xo, y, n);
        else if (e == -1) reciprocal(x, xo, y, n);
        else if (e == Math.rint(e) && Math.abs(e) <= MAX_MULTIPLIED) integer(x, xo, (int) e, y, n);
        else if (e * 2 == Math.rint(e * 2) && Math.abs(e) <= MAX_MULTIPLIED) halfInteger(x, xo, e, y, n);
        else for (int i = 0; i < n; i++) y[i] = (float) Math.pow(x[xo + i], e);
    }

    private static void square(float[] x, int xo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i];
    }

    private static void cube(float[] x, int xo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = x[xo + i] * x[xo + i] * x[xo + i];
    }

    private static void inverseSquare(float[] x, int xo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = 1f / (x[xo + i] * x[xo + i]);
    }

    private static void sqrt(float[] x, int xo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = (float) Math.sqrt(x[xo + i]);
    }

    private static void rsqrt(float[] x, int xo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = 1f / (float) Math.sqrt(x[xo + i]);
    }

    private static void reciprocal(float[] x, int xo, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = 1f / x[xo + i];
    }

    private static void integer(float[] x, int xo, int e, float[] y, int n) {
        int k = Math.abs(e);
        for (int i = 0; i < n; i++) {
            double p = integerPower(x[xo + i], k);
            y[i] = (float) (e < 0 ? 1 / p : p);
        }
    }

    /** x^(k + 1/2) = x^k · √x in double, rounded once; zeros and infinities keep Math.pow's signs. */
    private static void halfInteger(float[] x, int xo, double e, float[] y, int n) {
        int k = (int) Math.abs(e - 0.5 * Math.signum(e));
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            if (v == 0 || !Double.isFinite(v)) {
                y[i] = (float) Math.pow(v, e);
            } else {
                double p = integerPower(v, k) * Math.sqrt(v);
                y[i] = (float) (e < 0 ? 1 / p : p);
            }
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
