package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Binary;
import org.kindling.internal.kernels.BinaryOp;
import org.kindling.internal.shape.Shapes;

/**
 * Broadcasting binary arithmetic: add, sub, mul, div, maximum, minimum, with PyTorch's type
 * promotion (a Python-number operand takes the tensor's dtype; int64 with a fractional number or
 * any division becomes float32). Forward, the kernel it calls ({@link Binary}), and the backward
 * nodes, whose gradients are summed back to each input's shape once, in {@link BinaryBackward}.
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

    /**
     * Backward of the broadcasting binary ops. The gradient for each input is computed at the
     * broadcast shape, then summed back to the input's own shape here, once, for all of them.
     */
    abstract static class BinaryBackward extends Node {
        static void connect(BinaryOp op, Tensor out, Tensor a, Tensor b) {
            BinaryBackward fn = switch (op) {
                case ADD -> new AddBackward0();
                case SUB -> new SubBackward0();
                case MUL -> new MulBackward0();
                case DIV -> new DivBackward0();
                case MAX -> new MaximumBackward0();
                case MIN -> new MinimumBackward0();
            };
            fn.connect(out, true, a, b);
            fn.saveInputs(a, b);
        }

        /** Saves what backward reads; most ops need both inputs. */
        void saveInputs(Tensor a, Tensor b) {}

        /** Gradients at the broadcast shape; null for inputs that need none. */
        abstract Tensor[] broadcastGradients(Tensor g);

        @Override
        protected final Tensor[] backward(Tensor g) {
            Tensor[] grads = broadcastGradients(g);
            for (int i = 0; i < 2; i++) {
                if (grads[i] != null) grads[i] = Ops.sumToShape(grads[i], inputShape(i));
            }
            return grads;
        }

        /** Base for ops whose backward reads both inputs. */
        abstract static class WithInputs extends BinaryBackward {
            SavedTensor a, b;

            @Override
            void saveInputs(Tensor a, Tensor b) {
                this.a = save(a);
                this.b = save(b);
            }
        }

        static final class AddBackward0 extends BinaryBackward {
            @Override
            Tensor[] broadcastGradients(Tensor g) {
                return new Tensor[] {needsGrad(0) ? g : null, needsGrad(1) ? g : null};
            }
        }

        static final class SubBackward0 extends BinaryBackward {
            @Override
            Tensor[] broadcastGradients(Tensor g) {
                return new Tensor[] {needsGrad(0) ? g : null, needsGrad(1) ? g.neg() : null};
            }
        }

        static final class MulBackward0 extends WithInputs {
            @Override
            Tensor[] broadcastGradients(Tensor g) {
                return new Tensor[] {needsGrad(0) ? g.mul(b.get()) : null, needsGrad(1) ? g.mul(a.get()) : null};
            }
        }

        static final class DivBackward0 extends WithInputs {
            @Override
            Tensor[] broadcastGradients(Tensor g) {
                Tensor x = a.get(), y = b.get();
                return new Tensor[] {
                    needsGrad(0) ? g.div(y) : null,
                    needsGrad(1) ? g.neg().mul(x).div(y.mul(y)) : null
                };
            }
        }

        /** maximum/minimum: the gradient goes to the winner; ties split it in half, as in PyTorch. */
        abstract static class Selecting extends WithInputs {
            abstract boolean max();

            @Override
            Tensor[] broadcastGradients(Tensor g) {
                Tensor x = a.get(), y = b.get();
                Tensor half = Tensor.where(x.eq(y), g.div(2), g);
                Tensor zero = Ops.constant(g.dtype(), 0);
                return new Tensor[] {
                    needsGrad(0) ? Tensor.where(max() ? x.lt(y) : x.gt(y), zero, half) : null,
                    needsGrad(1) ? Tensor.where(max() ? x.gt(y) : x.lt(y), zero, half) : null
                };
            }
        }

        static final class MaximumBackward0 extends Selecting {
            @Override
            boolean max() {
                return true;
            }
        }

        static final class MinimumBackward0 extends Selecting {
            @Override
            boolean max() {
                return false;
            }
        }
    }
}
