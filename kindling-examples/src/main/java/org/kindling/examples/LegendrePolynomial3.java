package org.kindling.examples;

import org.kindling.Tensor;
import org.kindling.autograd.Function;
import org.kindling.autograd.FunctionContext;

/**
 * The Legendre polynomial P3(x) = ½(5x³ − 3x) as a custom autograd function with its own backward,
 * ported from PyTorch's tutorial "Defining new autograd functions".
 */
public final class LegendrePolynomial3 extends Function {
    @Override
    protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
        Tensor input = inputs[0];
        ctx.saveForBackward(input);
        return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
        Tensor input = ctx.savedTensors().get(0);
        return new Tensor[] {gradOutput.mul(1.5).mul(input.pow(2).mul(5).sub(1))};
    }
}
