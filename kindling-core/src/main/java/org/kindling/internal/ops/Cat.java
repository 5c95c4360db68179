package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.kernels.Strided;
import org.kindling.internal.shape.Shapes;

/** cat and stack. */
public final class Cat {
    private Cat() {}

    public static Tensor apply(Tensor[] tensors, int dim) {
        if (tensors.length == 0) throw new IllegalArgumentException("cat(): expected a non-empty list of Tensors");
        int[] first = tensors[0].shape();
        if (first.length == 0) throw new IllegalArgumentException("cat(): zero-dimensional tensor (at position 0) cannot be concatenated");
        int d = Shapes.normalizeDim("cat", dim, first.length);
        DType type = tensors[0].dtype();
        int total = 0;
        for (int i = 0; i < tensors.length; i++) {
            int[] s = tensors[i].shape();
            if (s.length != first.length) {
                throw new IllegalArgumentException("cat(): Tensors must have same number of dimensions: got " + first.length
                        + " and " + s.length + " (tensor " + i + ")");
            }
            for (int k = 0; k < s.length; k++) {
                if (k != d && s[k] != first[k]) {
                    throw new IllegalArgumentException("cat(): Sizes of tensors must match except in dimension " + d
                            + ". Expected size " + first[k] + " but got size " + s[k] + " for tensor number " + i + " in the list.");
                }
            }
            type = DType.promote(type, tensors[i].dtype());
            total += s[d];
        }
        int[] shape = first.clone();
        shape[d] = total;
        boolean tracked = false;
        for (Tensor t : tensors) tracked |= Ops.tracked(t);
        Tensor out = Ops.output(type, shape, tracked, null, null);
        int[] outStrides = out.strides();
        int start = 0;
        for (Tensor t : tensors) {
            Tensor src = t.dtype() == type ? t : t.to(type);
            int len = t.shape()[d];
            Strided.copyInto(Ops.array(src), src.storageOffset(), src.shape(), src.strides(),
                    Ops.array(out), start * outStrides[d], outStrides);
            start += len;
        }
        if (tracked) new CatBackward0(d, tensors).connect(out, true, tensors);
        return out;
    }

    public static Tensor stack(Tensor[] tensors, int dim) {
        if (tensors.length == 0) throw new IllegalArgumentException("stack expects a non-empty TensorList");
        int rank = tensors[0].dim();
        int d = Shapes.normalizeDim("stack", dim, rank + 1);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!java.util.Arrays.equals(tensors[i].shape(), tensors[0].shape())) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Shapes.format(tensors[0].shape()) + " at entry 0 and " + Shapes.format(tensors[i].shape())
                        + " at entry " + i);
            }
            expanded[i] = tensors[i].unsqueeze(d);
        }
        return apply(expanded, d);
    }

    static final class CatBackward0 extends Node {
        private final int dim;
        private final int[] sizes;

        CatBackward0(int dim, Tensor[] inputs) {
            this.dim = dim;
            this.sizes = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) sizes[i] = inputs[i].shape()[dim];
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor[] grads = new Tensor[sizes.length];
            int start = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (needsGrad(i)) grads[i] = g.narrow(dim, start, sizes[i]);
                start += sizes[i];
            }
            return grads;
        }
    }
}
