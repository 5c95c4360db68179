package org.kindling.autograd;

import org.junit.jupiter.api.Test;
import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Programs' own autograd functions, as in PyTorch's "Defining new autograd functions" tutorial. */
class CustomFunctionTest {
    /** P3(x) = ½(5x³ − 3x), the tutorial's example, with its hand-written derivative 1.5(5x² − 1). */
    static final class LegendrePolynomial3 extends Function {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
            Tensor x = inputs[0];
            ctx.saveForBackward(x);
            return x.pow(3).mul(5).sub(x.mul(3)).mul(0.5);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {gradOutput.mul(x.pow(2).mul(5).sub(1).mul(1.5))};
        }
    }

    /** a·x + y, keeping a number in the context and answering only the gradients asked for. */
    static final class ScaledAdd extends Function {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
            ctx.put("a", 2.5);
            return inputs[0].mul(2.5).add(inputs[1]);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
            double a = ctx.get("a");
            return new Tensor[] {ctx.needsInputGrad(0) ? gradOutput.mul(a) : null, ctx.needsInputGrad(1) ? gradOutput : null};
        }
    }

    private static Tensor doubles(double... v) {
        return Tensor.fromArray(v, v.length);
    }

    @Test
    void legendreValuesAndGradientsMatchTheFormulas() {
        Tensor x = doubles(-1, -0.5, 0, 0.3, 2).requiresGrad(true);
        Tensor y = new LegendrePolynomial3().apply(x);
        assertEquals("LegendrePolynomial3Backward", y.gradFn().name());
        double[] xs = x.toDoubleArray(), ys = y.toDoubleArray();
        for (int i = 0; i < xs.length; i++) assertEquals(0.5 * (5 * Math.pow(xs[i], 3) - 3 * xs[i]), ys[i], 1e-12);
        y.sum().backward();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < xs.length; i++) assertEquals(1.5 * (5 * xs[i] * xs[i] - 1), g[i], 1e-12);
    }

    @Test
    void gradcheckPassesForCorrectFunctionsAndNamesTheEntryOfAWrongOne() {
        Generator gen = new Generator(3);
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 4).requiresGrad(true);
        Tensor y = Tensor.randn(gen, DType.FLOAT64, 4).requiresGrad(true);
        assertTrue(GradCheck.gradcheck(in -> new LegendrePolynomial3().apply(in[0]), x));
        assertTrue(GradCheck.gradcheck(in -> new ScaledAdd().apply(in[0], in[1]), x, y));
        Function wrong = new Function() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
                return inputs[0].mul(inputs[0]);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
                return new Tensor[] {gradOutput}; // forgot the 2x
            }
        };
        GradCheck.GradcheckException e = assertThrows(GradCheck.GradcheckException.class,
                () -> GradCheck.gradcheck(in -> wrong.apply(in[0]), x));
        assertTrue(e.getMessage().contains("input 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.gradcheck(in -> in[0].mul(2), Tensor.ones(3).requiresGrad(true)), "float32 is refused");
    }

    @Test
    void onlyTheGradientsAskedForAreDeliveredAndNothingRecordsUnderNoGrad() {
        Tensor x = doubles(1, 2).requiresGrad(true), y = doubles(3, 4);
        Tensor out = new ScaledAdd().apply(x, y);
        out.sum().backward();
        assertArrayEquals(new double[] {2.5, 2.5}, x.grad().toDoubleArray());
        assertNull(y.grad());
        try (var g = Autograd.noGrad()) {
            assertFalse(new ScaledAdd().apply(x, y).requiresGrad());
        }
    }

    @Test
    void savedTensorsAreCheckedForInPlaceChangesAndFreedAfterBackward() {
        Tensor x = doubles(1, 2).requiresGrad(true);
        Tensor base = x.mul(1);
        Tensor y = new LegendrePolynomial3().apply(base);
        try (var g = Autograd.noGrad()) {
            base.addInPlace(Tensor.ones(DType.FLOAT64, 2));
        }
        assertThrows(IllegalStateException.class, () -> y.sum().backward(), "an in-place change to a saved input");
        Tensor z = new LegendrePolynomial3().apply(x.mul(1));
        Tensor loss = z.sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
    }

    @Test
    void aWrongNumberOfGradientsIsAClearError() {
        Function twoGrads = new Function() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
                return new Tensor[] {gradOutput, gradOutput};
            }
        };
        Tensor x = doubles(1).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> twoGrads.apply(x).sum().backward());
        assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
    }
}
