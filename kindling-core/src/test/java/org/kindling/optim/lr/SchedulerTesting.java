package org.kindling.optim.lr;

import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.optim.Optimizer;
import org.kindling.optim.ParamGroup;
import org.kindling.optim.SGD;

import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.fail;

/** Test tools for schedulers: a two-group optimizer and comparison against a closed-form sequence. */
final class SchedulerTesting {
    static final double[] BASE = {0.1, 0.03};

    private SchedulerTesting() {}

    /** SGD with two groups, learning rates {@link #BASE}. */
    static Optimizer optimizer() {
        return new SGD(List.of(ParamGroup.of(List.of(new Parameter(Tensor.zeros(2)))),
                ParamGroup.of(List.of(new Parameter(Tensor.zeros(3))), SGD.options().lr(BASE[1]))),
                SGD.options().lr(BASE[0]));
    }

    /**
     * Steps {@code epochs} times and checks each group's lr after construction (epoch 0) and after every step
     * against {@code factor(epoch) * base} (or {@code closed} when it needs the base), to relative {@code tol}.
     */
    static void assertFollows(LRScheduler s, Optimizer opt, int epochs, Closed closed, double tol) {
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) s.step();
            if (s.lastEpoch() != e) fail("lastEpoch " + s.lastEpoch() + " after " + e + " steps");
            double[] last = s.lastLr();
            for (int g = 0; g < BASE.length; g++) {
                double expected = closed.lr(BASE[g], e), actual = opt.paramGroups().get(g).lr();
                if (!(Math.abs(actual - expected) <= tol * Math.abs(BASE[g]))) {
                    fail("epoch " + e + ", group " + g + ": expected lr " + expected + ", got " + actual);
                }
                if (last[g] != actual) fail("epoch " + e + ": lastLr " + last[g] + " != group lr " + actual);
            }
        }
    }

    static Closed factor(IntToDoubleFunction f) {
        return (base, e) -> base * f.applyAsDouble(e);
    }

    /** A closed-form learning rate from PyTorch's documentation. */
    interface Closed {
        double lr(double base, int epoch);
    }
}
