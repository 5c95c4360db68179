package org.kindling.autograd;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Tensor;

/**
 * Checks a function's gradients against finite differences, like {@code torch.autograd.gradcheck}:
 * the analytical Jacobian (one backward pass per output element) must match the numerical one
 * (central differences, one pair of forward passes per input element) within
 * {@code atol + rtol · |numerical|}. Inputs that require grad must be float64, as in PyTorch.
 */
public final class GradCheck {
    /** PyTorch's defaults. */
    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    private GradCheck() {}

    /** The function under test: a tensor computed from the inputs. */
    @FunctionalInterface
    public interface Fn {
        Tensor apply(Tensor... inputs);
    }

    /** With PyTorch's default eps, atol and rtol; true when every entry matches, else an exception says which. */
    public static boolean gradcheck(Fn f, Tensor... inputs) {
        return gradcheck(f, EPS, ATOL, RTOL, inputs);
    }

    /**
     * Compares analytical and numerical Jacobians for every input that requires grad; throws
     * {@link GradcheckException} naming the input, the entries and both values at the first mismatch.
     */
    public static boolean gradcheck(Fn f, double eps, double atol, double rtol, Tensor... inputs) {
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            if (x != null && x.requiresGrad() && x.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: input " + k + " is " + x.dtype().pytorchName()
                        + "; checks in float32 fail from rounding alone, use float64 inputs");
            }
        }
        Tensor out = f.apply(inputs);
        int outputs = out.numel();
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            if (x == null || !x.requiresGrad()) continue;
            double[][] analytical = analytical(f, inputs, k, outputs, out.shape());
            double[][] numerical = numerical(f, inputs, k, eps, outputs);
            for (int i = 0; i < numerical.length; i++) {
                for (int o = 0; o < outputs; o++) {
                    double a = analytical[i][o], n = numerical[i][o];
                    if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
                        throw new GradcheckException("Jacobian mismatch for output 0 with respect to input " + k
                                + ", at input element " + i + " and output element " + o + ": numerical " + n
                                + ", analytical " + a + " (atol " + atol + ", rtol " + rtol + ")");
                    }
                }
            }
        }
        return true;
    }

    /** J[i][o] = d out[o] / d x[i], one backward pass per output element. */
    private static double[][] analytical(Fn f, Tensor[] inputs, int k, int outputs, int[] outShape) {
        Tensor x = inputs[k];
        double[][] jacobian = new double[x.numel()][outputs];
        for (int o = 0; o < outputs; o++) {
            Tensor saved = x.grad();
            x.setGrad(null);
            double[] unit = new double[outputs];
            unit[o] = 1;
            Tensor out = f.apply(inputs);
            if (out.requiresGrad()) out.backward(Tensor.fromArray(unit, outShape).to(out.dtype()), false);
            double[] g = x.grad() == null ? new double[x.numel()] : x.grad().toDoubleArray();
            for (int i = 0; i < g.length; i++) jacobian[i][o] = g[i];
            x.setGrad(saved);
        }
        return jacobian;
    }

    /** J[i][o] by central differences on a contiguous copy of input k. */
    private static double[][] numerical(Fn f, Tensor[] inputs, int k, double eps, int outputs) {
        double[] values = inputs[k].toDoubleArray();
        double[][] jacobian = new double[values.length][];
        Tensor[] moved = inputs.clone();
        try (var noGrad = Autograd.noGrad()) {
            for (int i = 0; i < values.length; i++) {
                double[] plus = values.clone(), minus = values.clone();
                plus[i] += eps;
                minus[i] -= eps;
                moved[k] = Tensor.fromArray(plus, inputs[k].shape());
                double[] up = f.apply(moved).toDoubleArray();
                moved[k] = Tensor.fromArray(minus, inputs[k].shape());
                double[] down = f.apply(moved).toDoubleArray();
                double[] column = new double[outputs];
                for (int o = 0; o < outputs; o++) column[o] = (up[o] - down[o]) / (2 * eps);
                jacobian[i] = column;
            }
        }
        return jacobian;
    }

    /** A gradient that does not match its finite-difference estimate (PyTorch's GradcheckError). */
    public static final class GradcheckException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GradcheckException(String message) {
            super(message);
        }
    }
}
