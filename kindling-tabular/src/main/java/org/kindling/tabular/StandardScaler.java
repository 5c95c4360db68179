package org.kindling.tabular;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.kindling.DType;
import org.kindling.Tensor;

/**
 * Standardizes features to zero mean and unit variance per column, like scikit-learn's
 * {@code StandardScaler} (PyTorch has none): {@code z = (x - mean) / scale} with the population
 * standard deviation ({@code ddof=0}) as {@code scale}, and 1 in place of the scale of a constant
 * column. Fit it on the training split only, then transform every split with it.
 *
 * <p>As scikit-learn does, statistics are computed and kept in float64 (its two-pass variance with
 * a correction term and its test for constant columns), and a float32 input is transformed in
 * float64 and rounded to float32 after the subtraction and after the division. Sums run left to
 * right where NumPy sums pairwise, so a statistic can differ from scikit-learn's in the last bits.
 *
 * <p>Shapes: {@code x} is {@code [N, F]}; {@link #mean()} and {@link #scale()} are float64 {@code [F]}.
 *
 * @see <a href="https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.StandardScaler.html">sklearn.preprocessing.StandardScaler</a>
 */
public final class StandardScaler {
    private static final double EPS = Math.ulp(1.0); // np.finfo(np.float64).eps

    private final double[] mean;
    private final double[] scale;

    private StandardScaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Computes each column's mean and population standard deviation ({@code fit}).
     *
     * @param x {@code [N, F]} float32 or float64 with N ≥ 1 finite rows; not modified
     * @throws IllegalArgumentException if {@code x} is not 2-D, has no rows, or holds NaN or infinity
     */
    public static StandardScaler fit(Tensor x) {
        Objects.requireNonNull(x, "x");
        if (x.dim() == 2 && x.size(0) == 0) {
            throw new IllegalArgumentException("StandardScaler.fit: x has no rows (shape " + Arrays.toString(x.shape()) + ")");
        }
        return fit(java.util.List.of(x));
    }

    /**
     * Fits on the rows of {@code blocks} taken in order, as {@link #fit(Tensor)} of their concatenation
     * does, bit for bit, without holding them all at once: for data streamed from a file. Iterates over
     * {@code blocks} twice (the mean, then the variance around it).
     *
     * @param blocks {@code [B_i, F]} float32 or float64 tensors, the same F in each, at least one row in all; not modified
     * @throws IllegalArgumentException if a block is not 2-D or has another width, there are no rows, or a value is not finite
     */
    public static StandardScaler fit(Iterable<Tensor> blocks) {
        double[] mean = null;
        long n = 0;
        for (Tensor block : blocks) {
            double[] v = values(block, "fit");
            if (mean == null) {
                mean = new double[block.size(1)];
            }
            int f = mean.length;
            if (block.size(1) != f) {
                throw new IllegalArgumentException("StandardScaler.fit: blocks of " + f + " and " + block.size(1) + " columns");
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("StandardScaler.fit: x[" + (n + i / f) + ", " + (i % f) + "] is " + v[i]
                            + "; every value must be finite");
                }
                mean[i % f] += v[i];
            }
            n += block.size(0);
        }
        if (n == 0) {
            throw new IllegalArgumentException("StandardScaler.fit: x has no rows");
        }
        int f = mean.length;
        for (int c = 0; c < f; c++) {
            mean[c] /= n;
        }
        double[] scale = new double[f];
        double[] correction = new double[f];
        double[] squares = new double[f];
        for (Tensor block : blocks) {
            double[] v = values(block, "fit");
            for (int i = 0; i < v.length; i++) {
                double d = v[i] - mean[i % f];
                correction[i % f] += d;
                squares[i % f] += d * d;
            }
        }
        for (int c = 0; c < f; c++) {
            // Two-pass variance with the rounding-error correction of Chan, Golub and LeVeque (as
            // scikit-learn's _incremental_mean_and_var).
            double var = (squares[c] - correction[c] * correction[c] / n) / n;
            // scikit-learn's _is_constant_feature: a variance within the two-pass error bound is zero.
            double bound = n * EPS * var + (n * mean[c] * EPS) * (n * mean[c] * EPS);
            scale[c] = var <= bound ? 1.0 : Math.sqrt(var);
        }
        return new StandardScaler(mean, scale);
    }

    /** Returns the number of features F. */
    public int features() {
        return mean.length;
    }

    /** Returns the column means (float64 {@code [F]}, {@code mean_}). */
    public Tensor mean() {
        return Tensor.fromArray(mean, mean.length);
    }

    /** Returns the column scales (float64 {@code [F]}, {@code scale_}): standard deviations, 1 for constant columns. */
    public Tensor scale() {
        return Tensor.fromArray(scale, scale.length);
    }

    /**
     * Returns {@code (x - mean) / scale}, with {@code x}'s dtype; {@code x} is not modified.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [N, F]} with this scaler's F
     */
    public Tensor transform(Tensor x) {
        double[] v = values(x, "transform");
        checkWidth(x, "transform");
        int f = mean.length;
        boolean f32 = x.dtype() == DType.FLOAT32;
        for (int i = 0; i < v.length; i++) {
            int c = i % f;
            double d = v[i] - mean[c];
            if (f32) {
                d = (float) d;
            }
            v[i] = d / scale[c];
        }
        return result(v, x);
    }

    /**
     * Returns {@code x * scale + mean}, undoing {@link #transform} (up to rounding), with {@code x}'s
     * dtype; {@code x} is not modified.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code [N, F]} with this scaler's F
     */
    public Tensor inverseTransform(Tensor x) {
        double[] v = values(x, "inverseTransform");
        checkWidth(x, "inverseTransform");
        int f = mean.length;
        boolean f32 = x.dtype() == DType.FLOAT32;
        for (int i = 0; i < v.length; i++) {
            int c = i % f;
            double d = v[i] * scale[c];
            if (f32) {
                d = (float) d;
            }
            v[i] = d + mean[c];
        }
        return result(v, x);
    }

    /** Returns the state as named float64 tensors {@code mean} and {@code scale}, for a checkpoint. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("mean", mean());
        state.put("scale", scale());
        return state;
    }

    /**
     * Restores a scaler from {@link #stateDict()} (float32 or float64 tensors).
     *
     * @throws IllegalArgumentException if a key is missing or unknown, the shapes are not both
     *     {@code [F]}, or a value is not finite or a scale not positive
     */
    public static StandardScaler fromStateDict(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state");
        for (String key : state.keySet()) {
            if (!key.equals("mean") && !key.equals("scale")) {
                throw new IllegalArgumentException("StandardScaler.fromStateDict: unexpected key '" + key
                        + "' (expected mean and scale)");
            }
        }
        Tensor m = state.get("mean");
        Tensor s = state.get("scale");
        if (m == null || s == null) {
            throw new IllegalArgumentException("StandardScaler.fromStateDict: missing key '" + (m == null ? "mean" : "scale")
                    + "' (have " + state.keySet() + ")");
        }
        if (m.dim() != 1 || s.dim() != 1 || m.size(0) != s.size(0)) {
            throw new IllegalArgumentException("StandardScaler.fromStateDict: mean " + Arrays.toString(m.shape())
                    + " and scale " + Arrays.toString(s.shape()) + " must both have shape [F]");
        }
        if (!m.dtype().isFloatingPoint() || !s.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("StandardScaler.fromStateDict: mean and scale must be float32 or float64, got "
                    + m.dtype().pytorchName() + " and " + s.dtype().pytorchName());
        }
        double[] mean = m.toDoubleArray();
        double[] scale = s.toDoubleArray();
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !Double.isFinite(scale[c]) || !(scale[c] > 0)) {
                throw new IllegalArgumentException("StandardScaler.fromStateDict: feature " + c + " has mean " + mean[c]
                        + " and scale " + scale[c] + "; both must be finite and the scale positive");
            }
        }
        return new StandardScaler(mean, scale);
    }

    @Override
    public String toString() {
        return "StandardScaler(features=" + mean.length + ")";
    }

    private static double[] values(Tensor x, String op) {
        Objects.requireNonNull(x, "x");
        if (x.dim() != 2) {
            throw new IllegalArgumentException("StandardScaler." + op + ": expected x of shape [N, F], got "
                    + Arrays.toString(x.shape()));
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("StandardScaler." + op + ": expected float32 or float64, got "
                    + x.dtype().pytorchName());
        }
        return x.toDoubleArray();
    }

    private void checkWidth(Tensor x, String op) {
        if (x.size(1) != mean.length) {
            throw new IllegalArgumentException("StandardScaler." + op + ": expected " + mean.length + " features, got "
                    + x.size(1) + " (x has shape " + Arrays.toString(x.shape()) + ")");
        }
    }

    private static Tensor result(double[] v, Tensor like) {
        if (like.dtype() == DType.FLOAT64) {
            return Tensor.fromArray(v, like.shape());
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return Tensor.fromArray(out, like.shape());
    }
}
