package org.kindling.internal.storage;

import org.kindling.DType;

import java.util.ArrayList;

/**
 * Where an op's output array comes from.
 *
 * <ul>
 *   <li>During backward, in Kindling's own ops: from the pool, and recycled when the backward pass
 *       ends unless the engine keeps it as a leaf's gradient.
 *   <li>A forward result that joins a graph: from the pool; the graph node owns it, and recycles it
 *       when backward frees the graph only if it was marked internal-only (no program can reach it).
 *   <li>Anything else (no-grad results, user tensors, a program's own backward code): a fresh array,
 *       never recycled.
 * </ul>
 */
public final class Buffers {
    private static final ThreadLocal<BackwardScope> SCOPE = ThreadLocal.withInitial(BackwardScope::new);

    private Buffers() {}

    /**
     * Storage for an op's output. {@code tracked} says the result will join a graph; {@code in1} and
     * {@code in2} are input storages the op will still read (never handed out here). Contents are
     * arbitrary unless the array is fresh: kernels overwrite every element.
     */
    public static Storage output(DType dtype, int length, boolean tracked, Storage in1, Storage in2) {
        BackwardScope scope = SCOPE.get();
        if (scope.depth > 0 && scope.programCode == 0) {
            Storage s = BufferPool.acquire(dtype, length, in1, in2);
            s.setTransientGrad(true);
            scope.transients.add(s);
            return s;
        }
        if (tracked) return BufferPool.acquire(dtype, length, in1, in2);
        return new Storage(dtype, Storage.newArray(dtype, length), length);
    }

    /** A zero-filled output (for kernels that accumulate). */
    public static Storage zeroedOutput(DType dtype, int length, boolean tracked, Storage in1, Storage in2) {
        Storage s = output(dtype, length, tracked, in1, in2);
        switch (dtype) {
            case FLOAT32, BOOL -> java.util.Arrays.fill(s.floats(), 0f);
            case FLOAT64 -> java.util.Arrays.fill(s.doubles(), 0.0);
            case INT64 -> java.util.Arrays.fill(s.longs(), 0L);
        }
        return s;
    }

    /** Marks the start of a backward pass on this thread. */
    public static void enterBackward() {
        SCOPE.get().depth++;
    }

    /**
     * Marks the start of a program's own backward code (a user-defined Function) inside a backward
     * pass: what it computes may be kept by the program, so its outputs are ordinary arrays.
     */
    public static void enterProgramCode() {
        SCOPE.get().programCode++;
    }

    public static void exitProgramCode() {
        SCOPE.get().programCode--;
    }

    /** Ends a backward pass: gradient buffers nobody kept go back to the pool. */
    public static void exitBackward() {
        BackwardScope scope = SCOPE.get();
        if (--scope.depth > 0) return;
        ArrayList<Storage> list = scope.transients;
        for (int i = 0; i < list.size(); i++) {
            Storage s = list.get(i);
            if (s.isTransientGrad()) {
                s.setTransientGrad(false);
                BufferPool.release(s);
            }
        }
        list.clear();
    }

    private static final class BackwardScope {
        int depth;
        int programCode;
        final ArrayList<Storage> transients = new ArrayList<>();
    }
}
