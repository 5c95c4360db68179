package org.kindling.examples;

import org.junit.jupiter.api.Test;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.MSELoss;
import org.kindling.optim.SGD;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long training loop holds no memory beyond its working set: heap in use does not grow over 10,000 steps. */
class TrainingMemoryTest {
    @Test
    void heapInUseDoesNotGrowOverTenThousandSteps() {
        Kindling.manualSeed(1);
        Tensor x = Tensor.rand(1000, 1).mul(2 * Math.PI).sub(Math.PI);
        Tensor y = x.sin();
        MyModel model = new MyModel();
        MSELoss criterion = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), 0.01);
        Runnable step = () -> {
            Tensor loss = criterion.forward(model.forward(x), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
        };
        for (int i = 0; i < 2_000; i++) step.run(); // warm up: JIT, buffer pool
        long before = usedAfterGc();
        for (int i = 0; i < 10_000; i++) step.run();
        long after = usedAfterGc();
        assertTrue(after - before < 2 << 20, "heap in use grew by " + (after - before) / 1024 + " KB over 10,000 steps");
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // a few rounds: System.gc() is a request
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
