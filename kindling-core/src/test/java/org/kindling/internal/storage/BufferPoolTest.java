package org.kindling.internal.storage;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;
import org.kindling.internal.ops.Ops;

import static org.junit.jupiter.api.Assertions.*;

/** Recycling of graph buffers: reuse happens, values stay readable until reuse, then fail loudly. */
class BufferPoolTest {
    private static final int N = 4096; // above the pool's minimum length

    private static Tensor step(Tensor w, Tensor x) {
        Tensor hidden = x.mul(w);          // tracked intermediate, owned by the graph
        Tensor out = hidden.relu();
        out.sum().backward();
        return hidden;
    }

    @Test
    void laterStepsReuseTheArraysOfFreedGraphs() {
        Tensor w = Tensor.ones(N).requiresGrad(true);
        Tensor x = Tensor.ones(N);
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < 3; i++) { // warm up: the pool fills with this loop's buffers
            seen.add(Ops.array(step(w, x)));
            seen.add(Ops.array(w.grad()));
            w.setGrad(null);
        }
        for (int i = 0; i < 5; i++) {
            Tensor hidden = step(w, x);
            assertTrue(seen.contains(Ops.array(hidden)), "step " + i + " allocated a fresh intermediate buffer");
            assertTrue(seen.contains(Ops.array(w.grad())), "step " + i + " allocated a fresh gradient buffer");
            w.setGrad(null);
        }
    }

    @Test
    void aRecycledTensorIsReadableUntilReusedThenFailsWithAHint() {
        Tensor w = Tensor.ones(N).requiresGrad(true);
        Tensor x = Tensor.full(2, N);
        Tensor first = step(w, x);
        assertEquals(2f, first.toFloatArray()[0], "still readable right after backward");
        assertEquals(4f, first.mul(2).toFloatArray()[0], "an op on it must not hand its own buffer out");
        step(w, x);
        IllegalStateException e = assertThrows(IllegalStateException.class, first::toFloatArray);
        assertTrue(e.getMessage().contains("detach() or clone()"), e.getMessage());
    }

    @Test
    void detachKeepsValuesForever() {
        Tensor w = Tensor.ones(N).requiresGrad(true);
        Tensor x = Tensor.full(3, N);
        Tensor kept = step(w, x).detach();
        step(w, x);
        step(w, x);
        assertEquals(3f, kept.toFloatArray()[N - 1]);
    }

    @Test
    void recyclingCanBeSwitchedOff() {
        BufferPool.setEnabled(false);
        try {
            Tensor w = Tensor.ones(N).requiresGrad(true);
            Tensor x = Tensor.ones(N);
            Tensor first = step(w, x);
            step(w, x);
            assertEquals(1f, first.toFloatArray()[0]);
        } finally {
            BufferPool.setEnabled(true);
        }
    }

    @Test
    void leafGradientsSurviveTheBackwardPass() {
        Tensor w = Tensor.ones(N).requiresGrad(true);
        Tensor x = Tensor.full(2, N);
        step(w, x);
        Tensor grad = w.grad();
        Tensor y = Tensor.ones(N).requiresGrad(true);
        step(y, x); // another backward pass draws buffers from the pool
        assertEquals(2f, grad.toFloatArray()[0]);
    }

    @Test
    void aGradientTheUserSetIsNeverRecycled() {
        Tensor w = Tensor.ones(N).requiresGrad(true);
        Tensor mine = Tensor.ones(N).mul(3); // an op result: its storage is not pinned
        w.setGrad(mine);
        w.setGrad(null);
        Tensor x = Tensor.ones(N);
        for (int i = 0; i < 3; i++) {
            step(w, x);
            w.setGrad(null);
        }
        assertEquals(3f, mine.toFloatArray()[N - 1]);
    }
}
