package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.autograd.Function;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.LossKernels;
import org.kindling.internal.shape.Shapes;

/**
 * The reduced float32 mean squared error as one fused pass forward and one backward, without the
 * elementwise temporaries of the general loss path (MSE is on every regression workload's hot path).
 * Gradient as PyTorch's {@code mse_backward}: {@code (2/n · g) · (x - t)} for 'mean', {@code 2g · (x - t)} for 'sum'.
 */
final class MseLoss {
    private MseLoss() {}

    /** {@code x} and {@code t} are contiguous views of {@code input} and {@code target} (same shape, float32). */
    static Tensor reduced(Tensor input, Tensor target, Tensor x, Tensor t, int reduction, boolean tracked) {
        int n = x.numel();
        double sum = LossKernels.squaredError(Ops.floats(x), x.storageOffset(), Ops.floats(t), t.storageOffset(), n);
        Tensor out = Ops.output(x.dtype(), Shapes.SCALAR, tracked, null, null);
        Ops.floats(out)[0] = (float) (reduction == Losses.MEAN ? sum / n : sum);
        if (tracked) {
            MseLossBackward0 fn = new MseLossBackward0(reduction);
            fn.connect(out, true, input, target);
            fn.input = fn.save(x);
            fn.target = fn.save(t);
        }
        return out;
    }

    static final class MseLossBackward0 extends Function {
        private final int reduction;
        SavedTensor input, target;

        MseLossBackward0(int reduction) {
            this.reduction = reduction;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = input.get(), t = target.get();
            int n = x.numel();
            float norm = (float) (reduction == Losses.MEAN ? 2.0 / n : 2.0);
            float scale = norm * g.item();
            Tensor[] grads = new Tensor[2];
            for (int which = 0; which < 2; which++) {
                if (!needsGrad(which)) continue;
                Tensor d = Ops.output(x.dtype(), x.shape(), false, g, null);
                LossKernels.scaledDifference(Ops.floats(x), x.storageOffset(), Ops.floats(t), t.storageOffset(),
                        which == 0 ? scale : -scale, Ops.floats(d), 0, n);
                grads[which] = d.reshape(inputShape(which));
            }
            return grads;
        }
    }
}
