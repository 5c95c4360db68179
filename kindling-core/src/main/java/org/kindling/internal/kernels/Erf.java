package org.kindling.internal.kernels;

/** The error function, which {@code java.lang.Math} lacks (GELU needs it). */
public final class Erf {
    private Erf() {}

    /**
     * erf(x) to about 1e-15 relative error, from the series
     * {@code erf(x) = 2/√π · e^(-x²) · Σ 2ⁿ x^(2n+1) / (2n+1)!!}, whose terms are all positive (no
     * cancellation). Beyond |x| = 6, erf is ±1 in double precision.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax >= 6) return Math.copySign(1.0, x);
        double x2 = ax * ax;
        double term = ax, sum = ax;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return Math.copySign(Math.min(1.0, 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum), x);
    }
}
