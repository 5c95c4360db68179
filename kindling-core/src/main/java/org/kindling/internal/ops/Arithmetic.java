package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.internal.kernels.Binary;
import org.kindling.internal.kernels.BinaryOp;
import org.kindling.internal.shape.Shapes;

/**
 * Broadcasting binary arithmetic: add, sub, mul, div, maximum, minimum, with PyTorch's type
 * promotion (a Python-number operand takes the tensor's dtype; int64 with a fractional number or
 * any division becomes float32).
 */
public final class Arithmetic {
    private Arithmetic() {}

    public static Tensor add(Tensor a, Tensor b) {
        return apply(BinaryOp.ADD, "add", a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return apply(BinaryOp.SUB, "sub", a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return apply(BinaryOp.MUL, "mul", a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return apply(BinaryOp.DIV, "div", a, b);
    }

    public static Tensor maximum(Tensor a, Tensor b) {
        return apply(BinaryOp.MAX, "maximum", a, b);
    }

    public static Tensor minimum(Tensor a, Tensor b) {
        return apply(BinaryOp.MIN, "minimum", a, b);
    }

    public static Tensor add(Tensor a, double b) {
        return apply(BinaryOp.ADD, "add", a, scalarFor(a, b, false));
    }

    public static Tensor mul(Tensor a, double b) {
        return apply(BinaryOp.MUL, "mul", a, scalarFor(a, b, false));
    }

    public static Tensor div(Tensor a, double b) {
        return apply(BinaryOp.DIV, "div", a, scalarFor(a, b, true));
    }

    /** {@code b - a}. */
    public static Tensor rsub(Tensor a, double b) {
        return apply(BinaryOp.SUB, "rsub", scalarFor(a, b, false), a);
    }

    /** A Python scalar as a 0-dim constant in the dtype the result will have. */
    private static Tensor scalarFor(Tensor a, double value, boolean division) {
        DType t = a.dtype();
        if (!t.isFloatingPoint() && (division || value != Math.rint(value))) t = DType.FLOAT32;
        if (t == DType.BOOL) t = DType.INT64;
        return Ops.constant(t, value);
    }

    private static Tensor apply(BinaryOp op, String name, Tensor a, Tensor b) {
        DType type = resultType(op, name, a, b);
        if (a.dtype() != type) a = a.to(type);
        if (b.dtype() != type) b = b.to(type);
        int[] shape = Shapes.broadcast(name, a.shape(), b.shape());
        boolean tracked = Ops.tracked(a, b);
        Tensor out = Ops.output(type, shape, tracked, a, b);
        Binary.apply(op, Ops.array(a), a.storageOffset(), Shapes.broadcastStrides(a.shape(), a.strides(), shape),
                Ops.array(b), b.storageOffset(), Shapes.broadcastStrides(b.shape(), b.strides(), shape),
                Ops.array(out), shape);
        if (tracked) BinaryBackward.connect(op, out, a, b);
        return out;
    }

    /**
     * PyTorch's promotion: a 0-dim operand does not widen a dimensioned one of the same kind
     * (float32 tensor + float64 scalar tensor stays float32); bool arithmetic becomes int64;
     * integer division becomes float32.
     */
    private static DType resultType(BinaryOp op, String name, Tensor a, Tensor b) {
        DType ta = a.dtype(), tb = b.dtype();
        DType t;
        if (ta == tb) t = ta;
        else if (a.dim() == 0 && b.dim() > 0 && ta.isFloatingPoint() == tb.isFloatingPoint()) t = tb;
        else if (b.dim() == 0 && a.dim() > 0 && ta.isFloatingPoint() == tb.isFloatingPoint()) t = ta;
        else t = DType.promote(ta, tb);
        if (t == DType.BOOL) t = DType.INT64;
        if (op == BinaryOp.DIV && !t.isFloatingPoint()) t = DType.FLOAT32;
        return t;
    }
}
