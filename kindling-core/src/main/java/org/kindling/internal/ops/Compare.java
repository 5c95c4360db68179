package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.shape.Shapes;

/** Elementwise comparisons with broadcasting; bool results, no gradient. */
public final class Compare {
    private Compare() {}

    public enum Kind { EQ, NE, LT, LE, GT, GE }

    public static Tensor apply(Kind kind, Tensor a, double b) {
        return apply(kind, a, Ops.constant(a.dtype() == DType.BOOL ? DType.FLOAT32 : a.dtype(), b));
    }

    public static Tensor apply(Kind kind, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast(kind.name().toLowerCase(), a.shape(), b.shape());
        Tensor x = a.expand(shape).contiguous(), y = b.expand(shape).contiguous();
        double[] xs = x.toDoubleArray(), ys = y.toDoubleArray();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) out[i] = test(kind, xs[i], ys[i]) ? 1f : 0f;
        return Creation.fromBools(out, shape);
    }

    private static boolean test(Kind kind, double x, double y) {
        return switch (kind) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }
}
