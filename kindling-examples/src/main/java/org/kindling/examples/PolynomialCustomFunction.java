package org.kindling.examples;

import org.kindling.Autograd;
import org.kindling.Tensor;

/**
 * PyTorch's tutorial program {@code polynomial_custom_function.py}, line by line: fit
 * {@code y = a + b·P3(c + d·x)} to sin(x) by hand-written gradient descent, where P3 is
 * {@link LegendrePolynomial3}.
 */
public final class PolynomialCustomFunction {
    private PolynomialCustomFunction() {}

    /** The fitted coefficients a, b, c, d and the last loss. */
    public record Result(double a, double b, double c, double d, double loss) {}

    public static Result run() {
        Tensor x = Tensor.linspace(-Math.PI, Math.PI, 2000);
        Tensor y = x.sin();
        Tensor a = Tensor.full(0.0).requiresGrad(true);
        Tensor b = Tensor.full(-1.0).requiresGrad(true);
        Tensor c = Tensor.full(0.0).requiresGrad(true);
        Tensor d = Tensor.full(0.3).requiresGrad(true);
        double learningRate = 5e-6;
        LegendrePolynomial3 p3 = new LegendrePolynomial3();
        double last = Double.NaN;
        for (int t = 0; t < 2000; t++) {
            Tensor yPred = a.add(b.mul(p3.apply(c.add(d.mul(x)))));
            Tensor loss = yPred.sub(y).pow(2).sum();
            if (t % 100 == 99) System.out.println(t + " " + loss.item());
            last = loss.itemDouble();
            loss.backward();
            try (var g = Autograd.noGrad()) {
                for (Tensor p : new Tensor[] {a, b, c, d}) {
                    p.addInPlace(p.grad(), -learningRate);
                    p.setGrad(null);
                }
            }
        }
        return new Result(a.itemDouble(), b.itemDouble(), c.itemDouble(), d.itemDouble(), last);
    }

    public static void main(String[] args) {
        Result r = run();
        System.out.println("Result: y = " + r.a() + " + " + r.b() + " * P3(" + r.c() + " + " + r.d() + " x)");
    }
}
