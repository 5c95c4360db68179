package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Binary;
import org.kindling.internal.kernels.BinaryOp;

/**
 * Inverted dropout: keep each element with probability {@code 1 - p} and scale it by {@code 1/(1-p)}.
 * The mask draws one double uniform per element (PyTorch's CPU bernoulli path; not covered by the
 * parity fixtures, so bit-equality with PyTorch's masks is not claimed).
 */
public final class DropoutOp {
    private DropoutOp() {}

    public static Tensor apply(Tensor x, double p, boolean training, Generator generator) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        if (!training || p == 0) return x;
        Ops.requireFloat("dropout", x);
        Tensor mask = Creation.full(x.dtype(), 0, x.shape());
        int n = x.numel();
        double scale = p == 1 ? 0 : 1 / (1 - p);
        if (x.dtype() == DType.FLOAT32) {
            float[] m = Ops.floats(mask);
            for (int i = 0; i < n; i++) m[i] = generator.nextDouble() < 1 - p ? (float) scale : 0f;
        } else {
            double[] m = Ops.doubles(mask);
            for (int i = 0; i < n; i++) m[i] = generator.nextDouble() < 1 - p ? scale : 0;
        }
        boolean tracked = Ops.tracked(x);
        Tensor in = Ops.contiguousData(x);
        Tensor out = Ops.output(x.dtype(), x.shape(), tracked, x, null);
        if (x.dtype() == DType.FLOAT32) {
            Binary.apply(BinaryOp.MUL, Ops.floats(in), in.storageOffset(), in.strides(), Ops.floats(mask), 0, mask.strides(),
                    Ops.floats(out), x.shape());
        } else {
            Binary.apply(BinaryOp.MUL, Ops.doubles(in), in.storageOffset(), in.strides(), Ops.doubles(mask), 0, mask.strides(),
                    Ops.doubles(out), x.shape());
        }
        if (tracked) {
            DropoutBackward fn = new DropoutBackward();
            fn.connect(out, true, x);
            fn.mask = fn.save(mask);
        }
        return out;
    }

    /**
     * Channel dropout ({@code F.dropout2d}): one keep-or-drop draw per {@code [n, c]} feature map,
     * shared by all its elements; the gradient is g times the same mask (MulBackward0).
     */
    public static Tensor features(Tensor x, double p, boolean training, Generator generator) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        if (x.dim() < 2) {
            throw new IllegalArgumentException("dropout2d: expected an input of at least 2 dims [N, C, ...], got shape "
                    + org.kindling.internal.shape.Shapes.format(x.shape()));
        }
        if (!training || p == 0) return x;
        Ops.requireFloat("dropout2d", x);
        int[] maskShape = new int[x.dim()];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = x.size(0);
        maskShape[1] = x.size(1);
        Tensor mask = Creation.full(x.dtype(), 0, maskShape);
        double scale = p == 1 ? 0 : 1 / (1 - p);
        for (int i = 0, n = mask.numel(); i < n; i++) Ops.set(mask, i, generator.nextDouble() < 1 - p ? scale : 0);
        return x.mul(mask);
    }

    static final class DropoutBackward extends Node {
        SavedTensor mask;

        @Override
        public String name() {
            return "MulBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {g.mul(mask.get())};
        }
    }
}
