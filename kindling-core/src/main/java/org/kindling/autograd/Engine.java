package org.kindling.autograd;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.ops.Accumulate;
import org.kindling.internal.storage.Buffers;
import org.kindling.internal.storage.Storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs backward: walks the graph from a root in dependency order and accumulates gradients into leaves.
 *
 * <p>Iterative (no recursion), so a chain of any length works. Each node runs once, after every
 * consumer of its output has delivered its gradient. Unless {@code retainGraph}, the graph is freed
 * afterwards: saved tensors are dropped and forward buffers go back to the pool.
 */
public final class Engine {
    private static final AtomicInteger EPOCH = new AtomicInteger();

    private Engine() {}

    /** {@code root.backward(gradient, retainGraph)}; {@code gradient} has the root's shape. */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn");
        }
        if (!Arrays.equals(root.shape(), gradient.shape())) {
            throw new IllegalArgumentException("backward: gradient has shape " + Arrays.toString(gradient.shape())
                    + " but the tensor has shape " + Arrays.toString(root.shape()));
        }
        Node start = root.gradFn();
        Buffers.enterBackward();
        try (var noGrad = Autograd.noGrad()) {
            if (start == null) {
                accumulateIntoLeaf(root, gradient);
                return;
            }
            int epoch = EPOCH.incrementAndGet();
            ArrayList<Node> order = countDependencies(start, epoch);
            run(start, gradient, epoch);
            if (!retainGraph) {
                for (int i = 0; i < order.size(); i++) order.get(i).free();
            }
        } finally {
            Buffers.exitBackward();
        }
    }

    /** Visits every node reachable from {@code start}, counting how many gradients each will receive. */
    private static ArrayList<Node> countDependencies(Node start, int epoch) {
        ArrayList<Node> nodes = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        start.visitEpoch = epoch;
        start.dependencies = 0;
        stack.push(start);
        while (!stack.isEmpty()) {
            Node fn = stack.pop();
            nodes.add(fn);
            for (int i = 0; i < fn.inputCount(); i++) {
                Node next = fn.nextFunction(i);
                if (next == null) continue;
                if (next.visitEpoch != epoch) {
                    next.visitEpoch = epoch;
                    next.dependencies = 0;
                    next.pendingGrad = null;
                    next.pendingGradOwned = false;
                    stack.push(next);
                }
                next.dependencies++;
            }
        }
        return nodes;
    }

    private static void run(Node start, Tensor gradient, int epoch) {
        ArrayDeque<Node> ready = new ArrayDeque<>();
        start.pendingGrad = gradient;
        ready.push(start);
        while (!ready.isEmpty()) {
            Node fn = ready.pop();
            Tensor grad = fn.pendingGrad;
            fn.pendingGrad = null;
            if (grad == null) { // no consumer sent a gradient: nothing flows, but release the inputs' counts
                for (int i = 0; i < fn.inputCount(); i++) {
                    Node next = fn.nextFunction(i);
                    if (next != null && --next.dependencies == 0) ready.push(next);
                }
                continue;
            }
            Tensor retained = fn.retainedOutput();
            if (retained != null) keepGrad(retained, grad);
            Tensor[] inputGrads;
            if (BUILTIN.get(fn.getClass())) {
                fn.exclusiveGrad = fn.pendingGradOwned || exclusive(grad, epoch);
                inputGrads = fn.backward(grad);
                fn.exclusiveGrad = false;
            } else {
                inputGrads = backwardInProgramCode(fn, grad);
            }
            if (inputGrads.length != fn.inputCount()) {
                throw new IllegalStateException(fn.name() + " returned " + inputGrads.length
                        + " gradients, expected " + fn.inputCount());
            }
            for (int i = 0; i < inputGrads.length; i++) {
                Tensor g = inputGrads[i];
                Node next = fn.nextFunction(i);
                Tensor leaf = fn.nextLeaf(i);
                if (next == null && leaf == null) continue;
                if (g != null && !Arrays.equals(g.shape(), fn.inputShapeRef(i))) {
                    throw new IllegalStateException("Node " + fn.name() + " returned an invalid gradient at index "
                            + i + " - got " + Arrays.toString(g.shape()) + " but expected shape "
                            + Arrays.toString(fn.inputShapeRef(i)));
                }
                if (g != null) TensorAccess.storage(g).countDelivery(epoch);
                if (leaf != null) {
                    if (g != null) accumulateIntoLeaf(leaf, g);
                    continue;
                }
                if (g != null) addPending(next, g);
                if (--next.dependencies == 0) ready.push(next);
            }
        }
    }

    /**
     * A program's own Node sees the gradient and may keep it or anything it computes from it,
     * so none of these buffers may be recycled or adopted.
     */
    private static Tensor[] backwardInProgramCode(Node fn, Tensor grad) {
        TensorAccess.storage(grad).pin();
        Buffers.enterProgramCode();
        try {
            return fn.backward(grad);
        } finally {
            Buffers.exitProgramCode();
        }
    }

    /** Kindling's own ops (package org.kindling.internal...), which keep nothing they are handed. */
    private static final ClassValue<Boolean> BUILTIN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getPackageName().startsWith("org.kindling.internal.");
        }
    };

    /**
     * True when {@code g} is a buffer this backward pass made and handed to exactly one node, so
     * that node may overwrite it (nothing else can see it).
     */
    private static boolean exclusive(Tensor g, int epoch) {
        Storage s = TensorAccess.storage(g);
        return s.isTransientGrad() && !s.isPinned() && s.deliveries(epoch) == 1 && g.isContiguous()
                && g.storageOffset() == 0 && s.length() == g.numel();
    }

    /** Sums the gradients a node receives from several consumers. */
    private static void addPending(Node next, Tensor g) {
        if (next.pendingGrad == null) {
            next.pendingGrad = g;
        } else if (!next.pendingGradOwned) {
            next.pendingGrad = next.pendingGrad.add(g);
            next.pendingGradOwned = true;
        } else {
            Accumulate.addInto(next.pendingGrad, g);
        }
    }

    /**
     * {@code leaf.grad += g}, adopting {@code g}'s buffer when nothing else can see it. Locked per
     * leaf, as PyTorch's AccumulateGrad is: backward passes on several threads may share parameters.
     */
    private static void accumulateIntoLeaf(Tensor leaf, Tensor g) {
        synchronized (leaf) {
            Tensor current = TensorAccess.grad(leaf);
            if (current == null) {
                TensorAccess.setGrad(leaf, adoptable(g, leaf) ? adopt(g) : Accumulate.copyForGrad(g, leaf.dtype()));
            } else {
                Accumulate.addInto(current, g);
            }
        }
    }

    private static void keepGrad(Tensor output, Tensor g) {
        Tensor current = TensorAccess.grad(output);
        if (current == null) {
            Tensor copy = Accumulate.copyForGrad(g, output.dtype());
            TensorAccess.storage(copy).pin();
            TensorAccess.setGrad(output, copy);
        } else {
            Accumulate.addInto(current, g);
        }
    }

    /** A gradient buffer made by this backward pass, exactly covering {@code g}, not yet given to anyone. */
    private static boolean adoptable(Tensor g, Tensor leaf) {
        Storage s = TensorAccess.storage(g);
        return s.isTransientGrad() && !s.isPinned() && g.dtype() == leaf.dtype() && g.isContiguous()
                && g.storageOffset() == 0 && s.length() == g.numel();
    }

    private static Tensor adopt(Tensor g) {
        Storage s = TensorAccess.storage(g);
        s.setTransientGrad(false);
        s.setEngineGrad(true);
        return g;
    }
}
