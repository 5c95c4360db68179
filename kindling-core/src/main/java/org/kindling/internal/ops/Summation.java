package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.internal.kernels.ReduceKernels;
import org.kindling.internal.shape.Shapes;

import java.util.Arrays;

/** sum and mean over all elements or over a set of dims. */
public final class Summation {
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);

    private Summation() {}

    public static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        return reduce(x, dims, keepDim, false);
    }

    public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a floating "
                    + "point or complex dtype. Got: " + x.dtype().pytorchName());
        }
        return reduce(x, dims, keepDim, true);
    }

    private static Tensor reduce(Tensor x, int[] dims, boolean keepDim, boolean mean) {
        String op = mean ? "mean" : "sum";
        int[] shape = x.shape();
        boolean[] reduced = new boolean[shape.length];
        if (dims == null) {
            Arrays.fill(reduced, true);
        } else {
            for (int d : dims) {
                int n = Shapes.normalizeDim(op, d, shape.length);
                if (shape.length == 0) continue;
                if (reduced[n]) throw new IllegalArgumentException(op + ": dim " + n + " appears multiple times in the list of dims");
                reduced[n] = true;
            }
        }
        int[] keepShape = shape.clone();
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (reduced[i]) {
                count *= shape[i];
                keepShape[i] = 1;
            }
        }
        int[] outShape = keepDim ? keepShape : dropReduced(shape, reduced);
        DType type = x.dtype() == DType.BOOL ? DType.INT64 : x.dtype();
        Tensor src = x.dtype() == DType.BOOL ? x.to(DType.INT64) : x;
        boolean tracked = Ops.tracked(x);
        Tensor out = Ops.output(type, outShape, tracked, x, null);
        double scale = mean ? 1.0 / count : 1.0;
        reduceInto(Ops.contiguousData(src), reduced, scale, out);
        if (tracked) new SumBackward(mean, keepShape, count).connect(out, true, x);
        return out;
    }

    private static int[] dropReduced(int[] shape, boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) if (!r) n++;
        int[] out = new int[n];
        for (int i = 0, j = 0; i < shape.length; i++) if (!reduced[i]) out[j++] = shape[i];
        return out;
    }

    /**
     * Reduces runs of adjacent reduced dims in one pass each ({@code [outer, n, inner]}), so the
     * common cases (all dims, one dim) take a single kernel call.
     */
    private static void reduceInto(Tensor src, boolean[] reduced, double scale, Tensor out) {
        int[] shape = src.shape();
        Tensor cur = src;
        int[] curShape = shape.clone();
        for (int end = shape.length - 1; end >= 0; end--) {
            if (!reduced[end]) continue;
            int start = end;
            while (start > 0 && reduced[start - 1]) start--;
            int outer = Shapes.outer(curShape, start), inner = Shapes.inner(curShape, end);
            int n = 1;
            for (int i = start; i <= end; i++) n *= curShape[i];
            int[] nextShape = curShape.clone();
            for (int i = start; i <= end; i++) nextShape[i] = 1;
            boolean last = !anyBefore(reduced, start);
            Tensor next = last ? out : Ops.output(cur.dtype(), nextShape, false, null, null);
            double s = last ? scale : 1.0;
            switch (cur.dtype()) {
                case FLOAT32 -> ReduceKernels.sum(Ops.floats(cur), cur.storageOffset(), outer, n, inner, s, Ops.floats(next), 0, scratch(inner));
                case FLOAT64 -> ReduceKernels.sum(Ops.doubles(cur), cur.storageOffset(), outer, n, inner, s, Ops.doubles(next), 0, scratch(inner));
                case INT64 -> ReduceKernels.sum(Ops.longs(cur), cur.storageOffset(), outer, n, inner, Ops.longs(next), 0);
                default -> throw new IllegalStateException();
            }
            cur = next;
            curShape = nextShape;
            end = start;
        }
        if (cur != out) { // nothing reduced (empty dim list): copy through
            System.arraycopy(Ops.array(cur), cur.storageOffset(), Ops.array(out), 0, out.numel());
            if (scale != 1.0) out.mulInPlace(scale);
        }
    }

    private static boolean anyBefore(boolean[] reduced, int start) {
        for (int i = 0; i < start; i++) if (reduced[i]) return true;
        return false;
    }

    private static double[] scratch(int n) {
        double[][] holder = SCRATCH.get();
        if (holder[0].length < n) holder[0] = new double[n];
        return holder[0];
    }

    static final class SumBackward extends Node {
        private final boolean mean;
        private final int[] keepShape;
        private final int count;

        SumBackward(boolean mean, int[] keepShape, int count) {
            this.mean = mean;
            this.keepShape = keepShape;
            this.count = count;
        }

        @Override
        public String name() {
            return mean ? "MeanBackward0" : "SumBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor spread = g.reshape(keepShape).expand(inputShape(0));
            return new Tensor[] {mean ? spread.div(count) : spread.contiguous()};
        }
    }
}
