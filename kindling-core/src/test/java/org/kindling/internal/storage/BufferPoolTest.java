package org.kindling.internal.storage;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;
import org.kindling.internal.AllocationMeter;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

import static org.junit.jupiter.api.Assertions.*;

/** Recycling of graph buffers: only where no program can see it, and then it does happen. */
class BufferPoolTest {
    private static final int N = 4096; // above the pool's minimum length

    private static Tensor step(Tensor w, Tensor x) {
        Tensor hidden = x.mul(w);          // tracked intermediate, owned by the graph
        Tensor out = hidden.relu();
        out.sum().backward();
        return hidden;
    }

    @Test
    void aSequentialStepReusesItsHiddenActivationsAndGradients() {
        Sequential model = new Sequential(new Linear(64, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 1));
        Tensor x = Tensor.randn(256, 64), y = Tensor.randn(256, 1);
        SGD opt = new SGD(model.parameters(), 0.001);
        Runnable step = () -> {
            Tensor loss = Functional.mseLoss(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        };
        // Measured once warm: until C2 compiles the kernels, Vector API temporaries are heap objects too.
        // Without reuse a step allocates two 256 x 64 activations and their gradients (4 x 64 KB) and
        // the weight gradients: the hidden activations never reach the program, the gradients were never read.
        long oneActivation = 256 * 64 * 4;
        long perStep = AllocationMeter.warmAllocation(step, 20, 30, 20 * (oneActivation - 1)) / 20;
        assertTrue(perStep < oneActivation, "a step allocated " + perStep + " bytes");
    }

    @Test
    void anIntermediateTheProgramHoldsIsNeverRecycled() {
        Tensor w = Tensor.ones(N).requiresGrad(true);
        Tensor x = Tensor.full(2, N);
        Tensor first = step(w, x);
        for (int i = 0; i < 5; i++) step(w, x);
        assertEquals(2f, first.toFloatArray()[0]);
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
