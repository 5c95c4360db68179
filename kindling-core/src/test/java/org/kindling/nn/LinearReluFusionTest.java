package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Kindling;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * relu(linear(x)) written in a program's own forward gets the same backward fusion as a Sequential,
 * and the same gradients as the unfused ops, including when the linear output has other uses.
 */
class LinearReluFusionTest {
    private static List<float[]> gradients(BiFunction<Linear[], Tensor, Tensor> forward) {
        Kindling.manualSeed(9);
        Linear first = new Linear(2, 64), second = new Linear(64, 1);
        Tensor x = Tensor.randn(300, 2), y = Tensor.randn(300, 1);
        Tensor loss = Functional.mseLoss(forward.apply(new Linear[] {first, second}, x), y);
        loss.backward();
        List<float[]> out = new ArrayList<>();
        for (Tensor p : List.of(first.weight(), first.bias(), second.weight(), second.bias())) out.add(p.grad().toFloatArray());
        return out;
    }

    private static void assertSame(List<float[]> expected, List<float[]> actual, String what) {
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), 1e-6f, what + ", gradient " + i);
    }

    @Test
    void aProgramsOwnForwardGetsTheFusedGradients() {
        List<float[]> sequential = gradients((l, x) -> new Sequential(l[0], new ReLU(), l[1]).forward(x));
        List<float[]> program = gradients((l, x) -> l[1].forward(l[0].forward(x).relu()));
        for (int i = 0; i < sequential.size(); i++) {
            assertArrayEquals(sequential.get(i), program.get(i), "gradient " + i + ": same kernels, same bits");
        }
        List<float[]> unfused = gradients((l, x) -> l[1].forward(l[0].forward(x).clamp(0, Double.NaN)));
        assertSame(unfused, program, "against relu computed as clamp");
    }

    @Test
    void aLinearOutputWithSeveralUsesOrARetainedGradientIsNotFused() {
        List<float[]> twice = gradients((l, x) -> {
            Tensor h = l[0].forward(x);
            return l[1].forward(h.relu()).add(h.sum(1, true).mul(0.01));
        });
        List<float[]> twiceUnfused = gradients((l, x) -> {
            Tensor h = l[0].forward(x);
            return l[1].forward(h.clamp(0, Double.NaN)).add(h.sum(1, true).mul(0.01));
        });
        assertSame(twiceUnfused, twice, "linear output used twice");
        Tensor[] kept = new Tensor[1];
        gradients((l, x) -> {
            Tensor h = l[0].forward(x);
            h.retainGrad();
            kept[0] = h;
            return l[1].forward(h.relu());
        });
        Kindling.manualSeed(9);
        Linear first = new Linear(2, 64), second = new Linear(64, 1);
        Tensor x = Tensor.randn(300, 2), y = Tensor.randn(300, 1);
        Tensor h = first.forward(x);
        h.retainGrad();
        Functional.mseLoss(second.forward(h.clamp(0, Double.NaN)), y).backward();
        assertArrayEquals(h.grad().toFloatArray(), kept[0].grad().toFloatArray(), 1e-6f, "the retained pre-activation gradient is masked");
    }
}
