package org.kindling.internal.kernels;

import org.kindling.internal.kernels.vector.VectorElementwise;

/**
 * Elementwise math on contiguous arrays: forward {@code y = f(x)} and backward
 * {@code dx = g * f'(·)}, where the derivative is read from the input or the output, whichever
 * {@link UnaryOp#backwardUsesOutput} says.
 *
 * <p>Float results are computed in double and rounded once, which is within PyTorch's float32
 * error everywhere.
 *
 * <p>The float64 methods are hand-kept twins of the float32 ones (the same loops over another element
 * type, for float64 models and gradient checks): a change to one is a change to both.
 */
public final class Unary {
    private Unary() {}

    /** {@code y[yo + i] = f(x[xo + i])} for {@code n} floats; {@code param} is the leaky-ReLU slope or ELU alpha. */
    public static void forward(UnaryOp kind, double param, float[] x, int xo, float[] y, int yo, int n) {
        forward(kind, param, 0, x, xo, y, yo, n);
    }

    /** As above with a second parameter: softplus takes beta and threshold. */
    public static void forward(UnaryOp kind, double param, double param2, float[] x, int xo, float[] y, int yo, int n) {
        if (kind == UnaryOp.RELU && VectorSupport.AVAILABLE) {
            VectorElementwise.relu(x, xo, y, yo, n);
            return;
        }
        forwardScalar(kind, param, param2, x, xo, y, yo, n);
    }

    /** The plain-loop forward, whatever {@link VectorSupport} says (the reference for the vector kernels). */
    static void forwardScalar(UnaryOp kind, double param, float[] x, int xo, float[] y, int yo, int n) {
        forwardScalar(kind, param, 0, x, xo, y, yo, n);
    }

    private static void forwardScalar(UnaryOp kind, double param, double param2, float[] x, int xo, float[] y, int yo, int n) {
        switch (kind) {
            case NEG -> { for (int i = 0; i < n; i++) y[yo + i] = -x[xo + i]; }
            case ABS -> { for (int i = 0; i < n; i++) y[yo + i] = Math.abs(x[xo + i]); }
            case RELU -> { for (int i = 0; i < n; i++) y[yo + i] = relu(x[xo + i]); }
            case EXP -> { for (int i = 0; i < n; i++) y[yo + i] = (float) Math.exp(x[xo + i]); }
            case TANH -> { for (int i = 0; i < n; i++) y[yo + i] = (float) Math.tanh(x[xo + i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) y[yo + i] = (float) sigmoid(x[xo + i]); }
            default -> { for (int i = 0; i < n; i++) y[yo + i] = (float) forward(kind, param, param2, x[xo + i]); }
        }
    }

    /** Double version of {@link #forward(UnaryOp, double, float[], int, float[], int, int)}. */
    public static void forward(UnaryOp kind, double param, double[] x, int xo, double[] y, int yo, int n) {
        forward(kind, param, 0, x, xo, y, yo, n);
    }

    public static void forward(UnaryOp kind, double param, double param2, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = forward(kind, param, param2, x[xo + i]);
    }

    /** {@code dx = g * f'}, with {@code s} the saved input or output (see {@link UnaryOp#backwardUsesOutput}). */
    public static void backward(UnaryOp kind, double param, float[] g, int go, float[] s, int so, float[] dx, int dxo, int n) {
        backward(kind, param, 0, g, go, s, so, dx, dxo, n);
    }

    public static void backward(UnaryOp kind, double param, double param2, float[] g, int go, float[] s, int so, float[] dx,
                                int dxo, int n) {
        if (VectorSupport.AVAILABLE) {
            switch (kind) {
                case RELU -> VectorElementwise.reluBackward(g, go, s, so, dx, dxo, n);
                case SIGMOID -> VectorElementwise.sigmoidBackward(g, go, s, so, dx, dxo, n);
                case TANH -> VectorElementwise.tanhBackward(g, go, s, so, dx, dxo, n);
                default -> backwardScalar(kind, param, param2, g, go, s, so, dx, dxo, n);
            }
            return;
        }
        backwardScalar(kind, param, param2, g, go, s, so, dx, dxo, n);
    }

    /** The plain-loop backward, whatever {@link VectorSupport} says. */
    static void backwardScalar(UnaryOp kind, double param, float[] g, int go, float[] s, int so, float[] dx, int dxo, int n) {
        backwardScalar(kind, param, 0, g, go, s, so, dx, dxo, n);
    }

    private static void backwardScalar(UnaryOp kind, double param, double param2, float[] g, int go, float[] s, int so,
                                       float[] dx, int dxo, int n) {
        switch (kind) {
            case RELU -> { for (int i = 0; i < n; i++) dx[dxo + i] = s[so + i] > 0 ? g[go + i] : 0f; }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float y = s[so + i];
                    dx[dxo + i] = g[go + i] * (1f - y) * y;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float y = s[so + i];
                    dx[dxo + i] = g[go + i] * (1f - y * y);
                }
            }
            default -> { for (int i = 0; i < n; i++) dx[dxo + i] = (float) backward(kind, param, param2, g[go + i], s[so + i]); }
        }
    }

    /** Double version of {@link #backward(UnaryOp, double, float[], int, float[], int, float[], int, int)}. */
    public static void backward(UnaryOp kind, double param, double[] g, int go, double[] s, int so, double[] dx, int dxo, int n) {
        backward(kind, param, 0, g, go, s, so, dx, dxo, n);
    }

    public static void backward(UnaryOp kind, double param, double param2, double[] g, int go, double[] s, int so, double[] dx,
                                int dxo, int n) {
        for (int i = 0; i < n; i++) dx[dxo + i] = backward(kind, param, param2, g[go + i], s[so + i]);
    }

    private static float relu(float x) {
        return x > 0 || x != x ? x : 0f; // NaN propagates, as in PyTorch
    }

    static double forward(UnaryOp kind, double param, double x) {
        return forward(kind, param, 0, x);
    }

    /** {@code param}: leaky-ReLU slope, ELU alpha, softplus beta; {@code param2}: softplus threshold. */
    static double forward(UnaryOp kind, double param, double param2, double x) {
        return switch (kind) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case RELU -> Double.isNaN(x) ? x : Math.max(x, 0);
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case GELU -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
            case LEAKY_RELU -> x > 0 ? x : x * param;
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case LOG1P -> Math.log1p(x);
            case ELU -> x > 0 ? x : param * Math.expm1(x);
            case SILU -> x * sigmoid(x);
            case SOFTPLUS -> x * param > param2 ? x : Math.log1p(Math.exp(x * param)) / param;
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(GELU_BETA * (x + GELU_KAPPA * x * x * x)));
        };
    }

    // PyTorch's tanh-GELU constants: sqrt(2/pi) and the cubic coefficient.
    private static final double GELU_BETA = Math.sqrt(2 / Math.PI);
    private static final double GELU_KAPPA = 0.044715;

    static double backward(UnaryOp kind, double param, double g, double s) {
        return backward(kind, param, 0, g, s);
    }

    static double backward(UnaryOp kind, double param, double param2, double g, double s) {
        return switch (kind) {
            case NEG -> -g;
            case EXP -> g * s;
            case LOG -> g / s;
            case SQRT -> g / (2 * s);
            case ABS -> g * Math.signum(s);
            case SIGN -> 0;
            case RELU -> s > 0 ? g : 0;
            case SIGMOID -> g * (1 - s) * s;
            case TANH -> g * (1 - s * s);
            case GELU -> g * (0.5 * (1 + Erf.erf(s / Math.sqrt(2))) + s * Math.exp(-0.5 * s * s) / Math.sqrt(2 * Math.PI));
            case LEAKY_RELU -> s > 0 ? g : g * param;
            case SIN -> g * Math.cos(s);
            case COS -> -g * Math.sin(s);
            case LOG1P -> g / (1 + s);
            case ELU -> s > 0 ? g : g * param * Math.exp(s);
            case SILU -> {
                double sig = sigmoid(s);
                yield g * sig * (1 + s * (1 - sig));
            }
            case SOFTPLUS -> {
                double z = Math.exp(s * param);
                yield s * param > param2 ? g : g * z / (z + 1);
            }
            case GELU_TANH -> {
                double t = Math.tanh(GELU_BETA * (s + GELU_KAPPA * s * s * s));
                double inner = GELU_BETA * (1 + 3 * GELU_KAPPA * s * s);
                yield g * (0.5 * (1 + t) + 0.5 * s * (1 - t * t) * inner);
            }
        };
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
