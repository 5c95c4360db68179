package org.kindling.testing;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Gradient check by central differences in float64, like {@code torch.autograd.gradcheck}: the
 * analytic vector-Jacobian product for a random output gradient must match
 * {@code (L(x + h e_i) - L(x - h e_i)) / 2h} with {@code L = Σ f(x) · g} for every input element.
 */
public final class GradCheck {
    private static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    private GradCheck() {}

    /** Checks {@code f} at float64 copies of {@code inputs}; only inputs with requiresGrad are perturbed. */
    public static void check(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        List<Tensor> xs = new ArrayList<>();
        for (Tensor t : inputs) {
            Tensor d = t.dtype().isFloatingPoint() ? t.toDouble().contiguous().clone() : t;
            xs.add(d.dtype().isFloatingPoint() ? Tensor.fromArray(d.toDoubleArray(), d.shape()).requiresGrad(t.requiresGrad()) : d);
        }
        Tensor out = f.apply(xs);
        if (out.dtype() != DType.FLOAT64) fail(name + ": output is " + out.dtype().pytorchName() + ", expected float64");
        Tensor g = Tensor.randn(new Generator(7), DType.FLOAT64, out.shape());
        out.backward(g);
        for (int k = 0; k < xs.size(); k++) {
            Tensor x = xs.get(k);
            if (!x.requiresGrad()) continue;
            assertNotNull(x.grad(), name + ": no gradient for input " + k);
            assertArrayEquals(x.shape(), x.grad().shape(), name + ": gradient shape of input " + k);
            double[] analytic = x.grad().toDoubleArray();
            double[] values = x.toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                double numeric = (loss(f, xs, k, values, i, EPS, g) - loss(f, xs, k, values, i, -EPS, g)) / (2 * EPS);
                if (Math.abs(numeric - analytic[i]) > ATOL + RTOL * Math.abs(numeric)) {
                    fail(name + ": input " + k + " element " + i + ": analytic gradient " + analytic[i]
                            + " but numeric " + numeric);
                }
            }
        }
    }

    private static double loss(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int k, double[] values, int i,
                               double h, Tensor g) {
        List<Tensor> moved = new ArrayList<>(xs);
        double[] v = values.clone();
        v[i] += h;
        moved.set(k, Tensor.fromArray(v, xs.get(k).shape()));
        try (var noGrad = Autograd.noGrad()) {
            return f.apply(moved).mul(g).sum().itemDouble();
        }
    }
}
