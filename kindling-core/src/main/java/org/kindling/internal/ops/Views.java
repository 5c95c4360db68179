package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.shape.Shapes;

import java.util.Arrays;

/** Ops that return a view sharing storage: reshape/view, transpose/permute, squeeze, expand, slicing. */
public final class Views {
    private Views() {}

    public static Tensor transpose(Tensor x, int dim0, int dim1) {
        int rank = x.dim();
        int a = Shapes.normalizeDim("transpose", dim0, rank), b = Shapes.normalizeDim("transpose", dim1, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        if (rank > 0) {
            perm[a] = b;
            perm[b] = a;
        }
        return permuteChecked(x, perm, "TransposeBackward0");
    }

    public static Tensor permute(Tensor x, int[] dims) {
        int rank = x.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: number of dimensions in the tensor input does not match the "
                    + "length of the desired ordering of dimensions i.e. input.dim() = " + rank
                    + " is not equal to len(dims) = " + dims.length);
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.normalizeDim("permute", dims[i], rank);
            if (seen[perm[i]]) throw new IllegalArgumentException("permute: repeated dim " + dims[i] + " in " + Arrays.toString(dims));
            seen[perm[i]] = true;
        }
        return permuteChecked(x, perm, "PermuteBackward0");
    }

    private static Tensor permuteChecked(Tensor x, int[] perm, String name) {
        int[] shape = x.shape(), strides = x.strides();
        int[] s = new int[perm.length], st = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            s[i] = shape[perm[i]];
            st[i] = strides[perm[i]];
        }
        Tensor out = Ops.alias(x, s, st, x.storageOffset());
        if (Ops.tracked(x)) new PermuteBackward(perm, name).connect(out, false, x);
        return out;
    }

    public static Tensor view(Tensor x, int[] requested) {
        int[] shape = Shapes.inferShape("view", requested, x.numel());
        int[] strides = viewStrides(x, shape);
        if (strides == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least "
                    + "one dimension spans across two contiguous subspaces). Use reshape(...) instead. (input shape "
                    + Shapes.format(x.shape()) + ", strides " + Arrays.toString(x.strides()) + ", requested "
                    + Shapes.format(requested) + ")");
        }
        return reshapeView(x, shape, strides, "ViewBackward0");
    }

    public static Tensor reshape(Tensor x, int[] requested) {
        int[] shape = Shapes.inferShape("reshape", requested, x.numel());
        int[] strides = viewStrides(x, shape);
        if (strides == null) return reshapeView(x.clone(), shape, Shapes.contiguousStrides(shape), "ViewBackward0");
        return reshapeView(x, shape, strides, "ViewBackward0");
    }

    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        int rank = x.dim();
        if (rank == 0) return x.reshape(1);
        int s = Shapes.normalizeDim("flatten", startDim, rank), e = Shapes.normalizeDim("flatten", endDim, rank);
        if (s > e) throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        int[] shape = x.shape();
        int[] out = new int[rank - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) out[k++] = shape[i];
        int prod = 1;
        for (int i = s; i <= e; i++) prod *= shape[i];
        out[k++] = prod;
        for (int i = e + 1; i < rank; i++) out[k++] = shape[i];
        return reshape(x, out);
    }

    /** Splits dim {@code dim} into {@code sizes} (one may be -1), as a view ({@code tensor.unflatten}). */
    public static Tensor unflatten(Tensor x, int dim, int[] sizes) {
        int rank = x.dim();
        int d = Shapes.normalizeDim("unflatten", dim, rank);
        if (sizes.length == 0) throw new IllegalArgumentException("unflatten: sizes must be non-empty");
        int[] shape = x.shape();
        long product = 1;
        boolean inferred = false;
        for (int size : sizes) {
            if (size == -1) inferred = true;
            else product *= size;
        }
        if (inferred ? product == 0 || shape[d] % product != 0 : product != shape[d]) {
            throw new IllegalArgumentException("unflatten: Provided sizes " + Shapes.format(sizes)
                    + " don't multiply up to the size of dim " + dim + " (" + shape[d] + ") in the input tensor of shape "
                    + Shapes.format(shape));
        }
        int[] part = Shapes.inferShape("unflatten", sizes, shape[d]);
        int[] out = new int[rank - 1 + part.length];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(part, 0, out, d, part.length);
        System.arraycopy(shape, d + 1, out, d + part.length, rank - d - 1);
        return view(x, out);
    }

    public static Tensor squeeze(Tensor x) {
        int[] shape = x.shape(), strides = x.strides();
        int n = 0;
        for (int d : shape) if (d != 1) n++;
        int[] s = new int[n], st = new int[n];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                s[j] = shape[i];
                st[j++] = strides[i];
            }
        }
        return reshapeView(x, s, st, "SqueezeBackward0");
    }

    public static Tensor squeeze(Tensor x, int dim) {
        int rank = x.dim();
        int d = Shapes.normalizeDim("squeeze", dim, rank);
        if (rank == 0 || x.shape()[d] != 1) return reshapeView(x, x.shape(), x.strides(), "SqueezeBackward1");
        int[] shape = x.shape(), strides = x.strides();
        int[] s = new int[rank - 1], st = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != d) {
                s[j] = shape[i];
                st[j++] = strides[i];
            }
        }
        return reshapeView(x, s, st, "SqueezeBackward1");
    }

    public static Tensor unsqueeze(Tensor x, int dim) {
        int rank = x.dim();
        int d = Shapes.normalizeDim("unsqueeze", dim, rank + 1);
        int[] shape = x.shape(), strides = x.strides();
        int[] s = new int[rank + 1], st = new int[rank + 1];
        for (int i = 0, j = 0; i <= rank; i++) {
            if (i == d) {
                s[i] = 1;
                st[i] = d < rank ? strides[d] * shape[d] : 1;
            } else {
                s[i] = shape[j];
                st[i] = strides[j++];
            }
        }
        return reshapeView(x, s, st, "UnsqueezeBackward0");
    }

    private static Tensor reshapeView(Tensor x, int[] shape, int[] strides, String name) {
        Tensor out = Ops.alias(x, shape, strides, x.storageOffset());
        if (Ops.tracked(x)) new ReshapeBackward(name).connect(out, false, x);
        return out;
    }

    public static Tensor expand(Tensor x, int[] requested) {
        int[] shape = x.shape(), strides = x.strides();
        if (requested.length < shape.length) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + requested.length + ") must be "
                    + "greater or equal to the number of dimensions in the tensor (" + shape.length + ")");
        }
        int lead = requested.length - shape.length;
        int[] s = new int[requested.length], st = new int[requested.length];
        for (int i = 0; i < requested.length; i++) {
            int target = requested[i];
            if (i < lead) {
                if (target < 0) throw new IllegalArgumentException("expand: -1 is not allowed in a leading, non-existing dimension " + i);
                s[i] = target;
                st[i] = 0;
                continue;
            }
            int have = shape[i - lead];
            if (target == -1) target = have;
            if (have == target) {
                s[i] = have;
                st[i] = strides[i - lead];
            } else if (have == 1) {
                s[i] = target;
                st[i] = 0;
            } else {
                throw new IllegalArgumentException("expand: the expanded size of the tensor (" + target + ") must match the "
                        + "existing size (" + have + ") at non-singleton dimension " + i + ".  Target sizes: "
                        + Shapes.format(requested) + ".  Tensor sizes: " + Shapes.format(shape));
            }
        }
        if (Arrays.equals(s, shape)) return x;
        Tensor out = Ops.alias(x, s, st, x.storageOffset());
        if (Ops.tracked(x)) new ExpandBackward0().connect(out, false, x);
        return out;
    }

    public static Tensor narrow(Tensor x, int dim, int start, int length) {
        int d = Shapes.normalizeDim("narrow", dim, x.dim());
        int size = x.shape()[d];
        int s = start < 0 ? start + size : start;
        if (s < 0 || length < 0 || s + length > size) {
            throw new IllegalArgumentException("narrow: start (" + start + ") + length (" + length + ") exceeds dimension size ("
                    + size + ") of dim " + d);
        }
        return slice(x, d, s, s + length, 1);
    }

    public static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        int d = Shapes.normalizeDim("slice", dim, x.dim());
        if (step <= 0) throw new IllegalArgumentException("slice step must be positive, got " + step);
        int size = x.shape()[d];
        int s = clampIndex(start, size), e = clampIndex(end, size);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] shape = x.shape(), strides = x.strides();
        shape[d] = len;
        int offset = x.storageOffset() + s * strides[d];
        strides[d] *= step;
        Tensor out = Ops.alias(x, shape, strides, offset);
        if (Ops.tracked(x)) new SliceBackward0(d, s, e, step, false).connect(out, false, x);
        return out;
    }

    private static int clampIndex(int i, int size) {
        if (i < 0) i += size;
        return Math.max(0, Math.min(i, size));
    }

    public static Tensor select(Tensor x, int dim, int index) {
        int rank = x.dim();
        if (rank == 0) throw new IllegalArgumentException("select() cannot be applied to a 0-dim tensor.");
        int d = Shapes.normalizeDim("select", dim, rank);
        int size = x.shape()[d];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Shapes.format(x.shape()) + " at dimension " + d);
        }
        int[] shape = x.shape(), strides = x.strides();
        int[] s = new int[rank - 1], st = new int[rank - 1];
        for (int k = 0, j = 0; k < rank; k++) {
            if (k != d) {
                s[j] = shape[k];
                st[j++] = strides[k];
            }
        }
        Tensor out = Ops.alias(x, s, st, x.storageOffset() + i * strides[d]);
        if (Ops.tracked(x)) new SliceBackward0(d, i, i + 1, 1, true).connect(out, false, x);
        return out;
    }

    /**
     * Strides for viewing {@code x} with {@code shape} without copying, or null when impossible
     * (PyTorch's computeStride: each run of dims that is contiguous in memory may be re-split).
     */
    static int[] viewStrides(Tensor x, int[] shape) {
        if (x.isContiguous()) return Shapes.contiguousStrides(shape);
        int[] old = x.shape(), oldStride = x.strides();
        int[] stride = new int[shape.length];
        int viewD = shape.length - 1;
        long chunkBase = oldStride[old.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = old.length - 1; d >= 0; d--) {
            tensorNumel *= old[d];
            if (d == 0 || (old[d - 1] != 1 && oldStride[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] == 1)) {
                    stride[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= shape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) {
                    chunkBase = oldStride[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? stride : null;
    }

    static final class ReshapeBackward extends Node {
        private final String name;

        ReshapeBackward(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {g.reshape(inputShape(0))};
        }
    }

    static final class PermuteBackward extends Node {
        private final int[] perm;
        private final String name;

        PermuteBackward(int[] perm, String name) {
            this.perm = perm;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) inverse[perm[i]] = i;
            return new Tensor[] {g.permute(inverse)};
        }
    }

    static final class ExpandBackward0 extends Node {
        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {Ops.sumToShape(g, inputShape(0))};
        }
    }

    /** narrow/slice/select: the gradient lands in the selected region of a zero tensor. */
    static final class SliceBackward0 extends Node {
        private final int dim, start, end, step;
        private final boolean select;

        SliceBackward0(int dim, int start, int end, int step, boolean select) {
            this.dim = dim;
            this.start = start;
            this.end = end;
            this.step = step;
            this.select = select;
        }

        @Override
        public String name() {
            return select ? "SelectBackward0" : "SliceBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor grad = Ops.zeroedOutput(g.dtype(), inputShape(0), false, g, null);
            Tensor region = slice(grad, dim, start, end, step);
            region.copyInPlace(select ? g.unsqueeze(dim) : g);
            return new Tensor[] {grad};
        }
    }
}
