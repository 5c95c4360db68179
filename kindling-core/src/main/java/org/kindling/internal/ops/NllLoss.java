package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.shape.Shapes;
import org.kindling.nn.Reduction;

/**
 * Negative log-likelihood over class scores, the second half of cross-entropy.
 * Shapes: input [N, C] (or [C]), target [N] (or []) int64 class indices; optional class
 * weights [C]; targets equal to {@code ignoreIndex} contribute nothing. 'mean' divides by the
 * total weight of the counted targets, as PyTorch does.
 */
public final class NllLoss {
    private NllLoss() {}

    public static Tensor apply(Tensor input, Tensor target, Tensor weight, Reduction reduction, long ignoreIndex) {
        Ops.requireFloat("nll_loss", input);
        Ops.requireLong("nll_loss", "target", target);
        int[] is = input.shape();
        if (is.length > 2) { // [N, C, d1, ...] -> [N * d1 * ..., C]
            int[] perm = new int[is.length];
            perm[0] = 0;
            for (int i = 1; i < is.length - 1; i++) perm[i] = i + 1;
            perm[is.length - 1] = 1;
            Tensor flatInput = input.permute(perm).reshape(-1, is[1]);
            Tensor out = apply(flatInput, target.reshape(-1), weight, reduction, ignoreIndex);
            return reduction == Reduction.NONE ? out.reshape(target.shape()) : out;
        }
        boolean batched = is.length == 2;
        int n = batched ? is[0] : 1, c = is[is.length - 1];
        int[] expectedTarget = batched ? new int[] {n} : Shapes.SCALAR;
        if (!java.util.Arrays.equals(target.shape(), expectedTarget)) {
            throw new IllegalArgumentException("nll_loss: expected target of shape " + Shapes.format(expectedTarget)
                    + " for input of shape " + Shapes.format(is) + ", got " + Shapes.format(target.shape()));
        }
        if (weight != null && (weight.dim() != 1 || weight.shape()[0] != c)) {
            throw new IllegalArgumentException("nll_loss: weight tensor should be defined either for all " + c
                    + " classes or no classes but got weight tensor of shape: " + Shapes.format(weight.shape()));
        }
        long[] t = target.toLongArray();
        double[] w = weight == null ? null : weight.toDoubleArray();
        double[] x = input.contiguous().toDoubleArray();
        double[] losses = new double[n];
        double total = 0, totalWeight = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] == ignoreIndex) continue;
            if (t[i] < 0 || t[i] >= c) {
                throw new IndexOutOfBoundsException("nll_loss: target " + t[i] + " at position " + i + " is out of bounds for "
                        + c + " classes");
            }
            double wi = w == null ? 1 : w[(int) t[i]];
            losses[i] = -wi * x[i * c + (int) t[i]];
            total += losses[i];
            totalWeight += wi;
        }
        boolean tracked = Ops.tracked(input);
        Tensor out;
        if (reduction == Reduction.NONE) {
            out = Ops.output(input.dtype(), expectedTarget, tracked, input, null);
            for (int i = 0; i < n; i++) Ops.set(out, i, losses[i]);
        } else {
            out = Ops.output(input.dtype(), Shapes.SCALAR, tracked, null, null);
            Ops.set(out, 0, reduction == Reduction.MEAN ? total / totalWeight : total);
        }
        if (tracked) {
            NllLossBackward0 fn = new NllLossBackward0(reduction, ignoreIndex, totalWeight);
            fn.connect(out, true, input);
            fn.target = fn.save(target);
            if (weight != null) fn.weight = fn.save(weight);
        }
        return out;
    }


    static final class NllLossBackward0 extends Node {
        private final Reduction reduction;
        private final long ignoreIndex;
        private final double totalWeight;
        SavedTensor target, weight;

        NllLossBackward0(Reduction reduction, long ignoreIndex, double totalWeight) {
            this.reduction = reduction;
            this.ignoreIndex = ignoreIndex;
            this.totalWeight = totalWeight;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] shape = inputShape(0);
            int c = shape[shape.length - 1], n = shape.length == 2 ? shape[0] : 1;
            long[] t = target.get().toLongArray();
            double[] w = weight == null ? null : weight.get().toDoubleArray();
            double[] gs = g.contiguous().toDoubleArray();
            Tensor out = Ops.zeroedOutput(g.dtype(), shape, false, g, null);
            for (int i = 0; i < n; i++) {
                if (t[i] == ignoreIndex) continue;
                double wi = w == null ? 1 : w[(int) t[i]];
                double gi = reduction == Reduction.NONE ? gs[i] : reduction == Reduction.MEAN ? gs[0] / totalWeight : gs[0];
                Ops.set(out, i * c + (int) t[i], -wi * gi);
            }
            return new Tensor[] {out};
        }
    }
}
