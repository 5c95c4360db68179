package org.kindling.internal.ops;

import org.kindling.Tensor;
import org.kindling.autograd.Function;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Binary;
import org.kindling.internal.kernels.BinaryOp;

/**
 * Backward of the broadcasting binary ops. The gradient for each input is computed at the
 * broadcast shape, then summed back to the input's own shape here, once, for all of them.
 */
abstract class BinaryBackward extends Function {
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
