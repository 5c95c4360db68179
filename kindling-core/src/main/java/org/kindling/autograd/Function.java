package org.kindling.autograd;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;

/**
 * A differentiable operation written by a program, like {@code torch.autograd.Function}: a forward
 * computed without recording, and the backward that sends the gradient to each input.
 *
 * <pre>{@code
 * final class LegendrePolynomial3 extends Function {
 *     protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
 *         ctx.saveForBackward(inputs[0]);
 *         return inputs[0].pow(3).mul(5).sub(inputs[0].mul(3)).mul(0.5);
 *     }
 *     protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
 *         Tensor x = ctx.savedTensors().get(0);
 *         return new Tensor[] {gradOutput.mul(x.pow(2).mul(5).sub(1).mul(1.5))};
 *     }
 * }
 * Tensor y = new LegendrePolynomial3().apply(x);
 * }</pre>
 *
 * <p>A Function keeps no state of its own between calls (everything per call goes into the
 * context), so one instance may be applied any number of times, from any thread. Backward runs
 * with recording off; it returns one gradient per input, in order, each of the input's shape, or
 * null for an input that needs none ({@link FunctionContext#needsInputGrad}).
 * See <a href="https://pytorch.org/docs/stable/autograd.html#function">torch.autograd.Function</a>.
 */
public abstract class Function {
    protected Function() {}

    /** Computes the output from the inputs; runs under {@link Autograd#noGrad()}. */
    protected abstract Tensor forward(FunctionContext ctx, Tensor... inputs);

    /** The gradient for each input, given the gradient of the output. */
    protected abstract Tensor[] backward(FunctionContext ctx, Tensor gradOutput);

    /**
     * Runs {@link #forward} and, when recording is on and an input requires grad, records this
     * function in the graph so that {@code backward()} reaches its {@link #backward}.
     */
    public final Tensor apply(Tensor... inputs) {
        boolean record = false;
        for (Tensor t : inputs) record |= t != null && t.requiresGrad();
        record &= Autograd.isGradEnabled();
        FunctionContext ctx = new FunctionContext(inputs);
        Tensor out;
        try (var noGrad = Autograd.noGrad()) {
            out = forward(ctx, inputs);
        }
        if (out == null) throw new IllegalStateException(getClass().getSimpleName() + ".forward returned null");
        if (!record) return out;
        // A new tensor object over the result's values: forward may return an input (or a view of one),
        // whose own history must not be replaced.
        Tensor result = TensorAccess.create(TensorAccess.storage(out), out.shape(), out.strides(), out.storageOffset());
        new Recorded(this, ctx).connect(result, false, inputs);
        ctx.freeze();
        return result;
    }

    /** The graph node of one call: PyTorch names it after the function, e.g. LegendrePolynomial3Backward. */
    private static final class Recorded extends Node {
        private final Function function;
        private final FunctionContext ctx;

        Recorded(Function function, FunctionContext ctx) {
            this.function = function;
            this.ctx = ctx;
            ctx.attach(this);
        }

        @Override
        public String name() {
            return function.getClass().getSimpleName() + "Backward";
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            Tensor[] grads = function.backward(ctx, gradOutput);
            int expected = inputCount();
            if (grads == null || grads.length != expected) {
                throw new IllegalStateException(function.getClass().getSimpleName() + ".backward returned "
                        + (grads == null ? "null" : grads.length + " gradients") + ", expected " + expected
                        + " (one per input given to apply, null where none is needed)");
            }
            for (int i = 0; i < expected; i++) {
                if (!needsGrad(i)) grads[i] = null;
            }
            return grads;
        }
    }
}
