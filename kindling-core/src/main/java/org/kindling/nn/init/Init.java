package org.kindling.nn.init;

import org.kindling.Autograd;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.Warnings;

/**
 * Parameter initialization, like {@code torch.nn.init}. Every function fills its tensor in place
 * (outside the graph), draws from the given generator (the default one when omitted) in
 * row-major order, and returns the tensor.
 */
public final class Init {

    private Init() {}

    /** How fan is counted for Kaiming init. */
    public enum FanMode { FAN_IN, FAN_OUT }

    /** U(a, b). */
    public static Tensor uniform(Tensor t, double a, double b, Generator g) {
        try (var noGrad = Autograd.noGrad()) {
            return t.uniformInPlace(a, b, g);
        }
    }

    public static Tensor uniform(Tensor t, double a, double b) {
        return uniform(t, a, b, Generator.defaultGenerator());
    }

    /** N(mean, std²). */
    public static Tensor normal(Tensor t, double mean, double std, Generator g) {
        try (var noGrad = Autograd.noGrad()) {
            return t.normalInPlace(mean, std, g);
        }
    }

    public static Tensor normal(Tensor t, double mean, double std) {
        return normal(t, mean, std, Generator.defaultGenerator());
    }

    public static Tensor constant(Tensor t, double value) {
        try (var noGrad = Autograd.noGrad()) {
            return t.fillInPlace(value);
        }
    }

    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /** The identity matrix (2-D tensors only), like {@code eye_}. */
    public static Tensor eye(Tensor t) {
        if (t.dim() != 2) throw new IllegalArgumentException("Only tensors with 2 dimensions are supported, got " + t.dim());
        try (var noGrad = Autograd.noGrad()) {
            return t.copyInPlace(Tensor.eye(t.size(0), t.size(1)));
        }
    }

    /**
     * The recommended gain for a nonlinearity ({@code calculate_gain}): linear/conv/sigmoid 1,
     * tanh 5/3, relu √2, leaky_relu √(2/(1+slope²)) (slope defaults to 0.01), selu 3/4.
     */
    public static double calculateGain(String nonlinearity, Double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = param == null ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + Math.pow(slope, 2)));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        };
    }

    /** Fan in and fan out of a weight: dims 1 and 0, times the receptive field for conv weights. */
    public static int[] fans(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        int receptive = 1;
        for (int i = 2; i < t.dim(); i++) receptive *= t.size(i);
        return new int[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    /**
     * Kaiming/He uniform: U(-bound, bound) with {@code bound = √3 · gain / √fan}. With the defaults
     * nn.Linear uses ({@code a = √5}, fan in, leaky_relu) the bound is 1/√fan_in.
     */
    public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, String nonlinearity, Generator g) {
        if (isZeroElement(t)) return t;
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform(t, -bound, bound, g);
    }

    public static Tensor kaimingUniform(Tensor t, double a) {
        return kaimingUniform(t, a, FanMode.FAN_IN, "leaky_relu", Generator.defaultGenerator());
    }

    /** Kaiming/He normal: N(0, (gain / √fan)²). */
    public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, String nonlinearity, Generator g) {
        if (isZeroElement(t)) return t;
        return normal(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)), g);
    }

    /** Xavier/Glorot uniform: U(-a, a) with {@code a = gain · √(6 / (fan_in + fan_out))}. */
    public static Tensor xavierUniform(Tensor t, double gain, Generator g) {
        int[] f = fans(t);
        double a = gain * Math.sqrt(2.0 / (f[0] + f[1])) * Math.sqrt(3.0);
        return uniform(t, -a, a, g);
    }

    public static Tensor xavierUniform(Tensor t) {
        return xavierUniform(t, 1, Generator.defaultGenerator());
    }

    /** Xavier/Glorot normal: N(0, gain² · 2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(Tensor t, double gain, Generator g) {
        int[] f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), g);
    }

    private static int fan(Tensor t, FanMode mode) {
        int[] f = fans(t);
        return mode == FanMode.FAN_IN ? f[0] : f[1];
    }

    /** PyTorch's Kaiming functions warn and return a zero-element tensor untouched (no draws, no error). */
    private static boolean isZeroElement(Tensor t) {
        for (int d : t.shape()) {
            if (d == 0) {
                Warnings.warn("Initializing zero-element tensors is a no-op");
                return true;
            }
        }
        return false;
    }
}
