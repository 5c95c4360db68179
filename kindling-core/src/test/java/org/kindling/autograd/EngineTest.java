package org.kindling.autograd;

import org.junit.jupiter.api.Test;
import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Tensor;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** Autograd behaviours: accumulation, retained grads, no-grad scopes, freed graphs, in-place detection. */
class EngineTest {
    @Test
    void gradientsAccumulateIntoLeavesAcrossBackwardCalls() {
        Tensor w = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        w.mul(2).sum().backward();
        w.mul(3).sum().backward();
        assertArrayEquals(new float[] {5, 5, 5}, w.grad().toFloatArray());
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.of(1f, -2f).requiresGrad(true);
        Tensor y = x.mul(x).add(x); // dy/dx = 2x + 1
        y.sum().backward();
        assertArrayEquals(new float[] {3, -3}, x.grad().toFloatArray());
    }

    @Test
    void passThroughGradientsAreNotSharedBetweenLeaves() {
        Tensor a = Tensor.of(1f, 1f).requiresGrad(true);
        Tensor b = Tensor.of(2f, 2f).requiresGrad(true);
        a.add(b).sum().backward(); // add passes the same gradient to both inputs
        a.mul(3).sum().backward(); // accumulating into a must not change b
        assertArrayEquals(new float[] {4, 4}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 1}, b.grad().toFloatArray());
    }

    @Test
    void nonLeafGradsAreKeptOnlyWhenRetained() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor h = x.mul(3).retainGrad();
        Tensor k = h.mul(2);
        k.sum().backward();
        assertArrayEquals(new float[] {2, 2}, h.grad().toFloatArray());
        assertNull(k.grad());
        assertTrue(h.retainsGrad());
        assertFalse(h.isLeaf());
    }

    @Test
    void backwardWithAGradientComputesTheVectorJacobianProduct() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        x.mul(x).backward(Tensor.of(1f, 0.5f, 0f));
        assertArrayEquals(new float[] {2, 2, 0}, x.grad().toFloatArray());
    }

    @Test
    void implicitGradientNeedsAScalar() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2).backward());
        assertTrue(e.getMessage().contains("only for scalar outputs"), e.getMessage());
    }

    @Test
    void backwardOnATensorWithoutGradFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.of(1f).sum().backward());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void secondBackwardThroughAFreedGraphFailsClearly() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("backward through the graph a second time"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward(Tensor.scalar(1f), true);
        loss.backward(Tensor.scalar(1f), false);
        assertArrayEquals(new float[] {4, 8}, x.grad().toFloatArray());
    }

    @Test
    void aChainOf100000OpsBackwardsWithoutRecursion() {
        Tensor x = Tensor.scalar(1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1f);
        y.backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void inPlaceChangeOfASavedTensorIsDetected() {
        Tensor w = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor x = Tensor.of(3f, 4f);
        Tensor loss = w.mul(x).sum(); // saves x for w's gradient
        x.mulInPlace(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("modified by an in-place operation"), e.getMessage());
        assertTrue(e.getMessage().contains("is at version 1; expected version 0"), e.getMessage());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradIsRefusedWhileRecording() {
        Tensor w = Tensor.of(1f).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> w.mulInPlace(2));
        try (var g = Autograd.noGrad()) {
            w.mulInPlace(2);
        }
        assertEquals(2f, w.item());
    }

    @Test
    void noGradScopesNestAndRestore() {
        Tensor w = Tensor.of(1f).requiresGrad(true);
        try (var outer = Autograd.noGrad()) {
            assertFalse(w.mul(2).requiresGrad());
            try (var inner = Autograd.enableGrad()) {
                assertTrue(w.mul(2).requiresGrad());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertNotNull(w.mul(2).gradFn());
    }

    @Test
    void noGradIsPerThread() throws InterruptedException {
        AtomicBoolean otherThreadEnabled = new AtomicBoolean();
        try (var g = Autograd.noGrad()) {
            Thread t = new Thread(() -> otherThreadEnabled.set(Autograd.isGradEnabled()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadEnabled.get());
    }

    @Test
    void detachCutsTheGraphAndSharesStorage() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(2);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertNull(d.gradFn());
        try (var g = Autograd.noGrad()) {
            d.fillInPlace(7);
        }
        assertArrayEquals(new float[] {7, 7}, y.toFloatArray());
    }

    @Test
    void requiresGradCannotBeTurnedOffOnANonLeaf() {
        Tensor y = Tensor.of(1f).requiresGrad(true).mul(2);
        assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L).requiresGrad(true));
    }

    @Test
    void gradientFlowsBackThroughADtypeConversion() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        x.toDouble().mul(3).sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {3, 3}, x.grad().toFloatArray());
    }

    @Test
    void gradFnNamesFollowPyTorch() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        assertEquals("MulBackward0", x.mul(x).gradFn().name());
        assertEquals("SumBackward0", x.sum().gradFn().name());
        assertEquals("MseLossBackward0", org.kindling.nn.Functional.mseLoss(x, Tensor.of(0f, 0f)).gradFn().name());
    }

    @Test
    void branchesThatReceiveNoGradientDoNotBlockOthers() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor shared = x.mul(2);
        Tensor unused = shared.max(0, false).indices(); // integer result: no gradient flows from it
        Tensor loss = shared.sum().add(Tensor.where(unused.eq(1), x.sum(), x.sum()));
        loss.backward();
        assertArrayEquals(new float[] {3, 3}, x.grad().toFloatArray());
    }

    @Test
    void aGradientSharedByTwoNodesIsNotOverwrittenInPlace() {
        // add hands the same gradient buffer to both branches; neither elementwise backward may write into it
        Tensor x = Tensor.linspace(-2, 2, 2048).requiresGrad(true);
        Tensor loss = x.relu().add(x.tanh()).mul(Tensor.linspace(1, 3, 2048)).sum();
        loss.backward();
        float[] g = x.grad().toFloatArray(), xs = x.toFloatArray(), w = Tensor.linspace(1, 3, 2048).toFloatArray();
        for (int i = 0; i < g.length; i++) {
            double t = Math.tanh(xs[i]);
            double expected = w[i] * ((xs[i] > 0 ? 1 : 0) + (1 - t * t));
            assertEquals(expected, g[i], 1e-5 * Math.max(1, Math.abs(expected)), "element " + i);
        }
    }

    @Test
    void anExclusiveGradientIsReusedAndStillCorrect() {
        Tensor x = Tensor.linspace(-2, 2, 4096).requiresGrad(true);
        x.mul(3).relu().sigmoid().sum().backward(); // each elementwise node gets the only copy of its gradient
        float[] g = x.grad().toFloatArray(), xs = x.toFloatArray();
        for (int i = 0; i < g.length; i++) {
            double r = Math.max(3 * xs[i], 0), s = 1 / (1 + Math.exp(-r));
            double expected = s * (1 - s) * (3 * xs[i] > 0 ? 3 : 0);
            assertEquals(expected, g[i], 1e-6, "element " + i);
        }
    }
}
