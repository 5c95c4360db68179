package org.kindling.autograd;

import org.junit.jupiter.api.Test;
import org.kindling.Autograd;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.internal.storage.BufferPool;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PyTorch's contract: a tensor a program can still reach keeps its values, whatever ran since.
 * Each program below runs twice, with buffer recycling on (the default) and off, and every value
 * it read must be the same bits; none may fail with a recycled-memory error.
 */
class HeldTensorsKeepValuesTest {
    private static final int ROWS = 256; // activations of 256 x 64 are well above the pool's minimum size

    /** The tutorial's model written as a program writes it: every intermediate passes through its code. */
    static final class TwoLayer extends org.kindling.nn.Module {
        final Linear layer1 = register("layer1", new Linear(1, 64));
        final Linear layer2 = register("layer2", new Linear(64, 1));
        Tensor lastHidden; // programs do keep activations around, e.g. to plot them

        @Override
        public Tensor forward(Tensor x) {
            lastHidden = layer1.forward(x).relu();
            return layer2.forward(lastHidden);
        }
    }

    private static List<float[]> bothWays(Supplier<List<Tensor>> program) {
        Kindling.manualSeed(7);
        List<float[]> withReuse = read(program.get());
        BufferPool.setEnabled(false);
        try {
            Kindling.manualSeed(7);
            List<float[]> without = read(program.get());
            assertEquals(without.size(), withReuse.size());
            for (int i = 0; i < without.size(); i++) {
                assertArrayEquals(without.get(i), withReuse.get(i), "value " + i + " differs with reuse on");
            }
            return without;
        } finally {
            BufferPool.setEnabled(true);
        }
    }

    private static List<float[]> read(List<Tensor> kept) {
        List<float[]> values = new ArrayList<>();
        for (Tensor t : kept) values.add(t.toFloatArray());
        return values;
    }

    private static Tensor inputs() {
        return Tensor.rand(ROWS, 1).mul(6).sub(3);
    }

    @Test
    void everyStepsOutputsKeptInAListAreReadableAfterHundredSteps() {
        for (boolean sequential : new boolean[] {false, true}) {
            bothWays(() -> {
                Tensor x = inputs();
                Tensor y = x.sin();
                org.kindling.nn.Module model = sequential
                        ? new Sequential(new Linear(1, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 1))
                        : new TwoLayer();
                SGD opt = new SGD(model.parameters(), 0.05);
                List<Tensor> kept = new ArrayList<>();
                for (int step = 0; step < 100; step++) {
                    Tensor out = model.forward(x);
                    Tensor loss = new MSELoss().forward(out, y);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    kept.add(out);
                    kept.add(loss);
                    if (model instanceof TwoLayer t) kept.add(t.lastHidden);
                }
                return kept;
            });
        }
    }

    @Test
    void catStackAndLinearAcceptTensorsFromFreedGraphs() {
        bothWays(() -> {
            Tensor w = Tensor.randn(64, 64).requiresGrad(true);
            Tensor x = Tensor.randn(ROWS, 64);
            Tensor hidden = x.matmul(w).relu();
            Tensor bias = w.sum(0).mul(0.5);
            hidden.sum().add(bias.sum()).backward();
            for (int i = 0; i < 3; i++) x.matmul(w).relu().sum().backward(); // later steps draw buffers
            List<Tensor> out = new ArrayList<>();
            out.add(Tensor.cat(List.of(hidden), 0));
            out.add(Tensor.stack(List.of(hidden, hidden), 0));
            out.add(Functional.linear(hidden, w.detach(), bias));
            out.add(hidden);
            return out;
        });
    }

    @Test
    void evaluationUnderNoGradBetweenStepsAndTheLastPredictionAfterTheLoop() {
        bothWays(() -> {
            Tensor x = inputs();
            Tensor y = x.cos();
            Sequential model = new Sequential(new Linear(1, 64), new ReLU(), new Linear(64, 1));
            SGD opt = new SGD(model.parameters(), SGD.options().lr(0.01).momentum(0.9));
            List<Tensor> kept = new ArrayList<>();
            Tensor pred = null;
            for (int step = 0; step < 50; step++) {
                pred = model.forward(x);
                Tensor loss = Functional.mseLoss(pred, y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (step % 10 == 0) {
                    try (var g = Autograd.noGrad()) {
                        kept.add(model.forward(x));
                    }
                }
            }
            kept.add(pred);
            return kept;
        });
    }

    @Test
    void aGradientTheProgramReadKeepsItsValuesAfterZeroGrad() {
        bothWays(() -> {
            Linear layer = new Linear(64, 64);
            Tensor x = Tensor.randn(ROWS, 64);
            SGD opt = new SGD(layer.parameters(), 0.1);
            List<Tensor> kept = new ArrayList<>();
            for (int step = 0; step < 5; step++) {
                opt.zeroGrad();
                layer.forward(x).relu().sum().backward();
                kept.add(layer.weight().grad());
                opt.step();
            }
            return kept;
        });
    }

    /** A program's own autograd function that keeps the gradient it is handed and what it returns. */
    static final class KeepingSquare extends Function {
        Tensor seenGrad, returned;

        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
            ctx.saveForBackward(inputs[0]);
            return inputs[0].mul(inputs[0]);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
            seenGrad = gradOutput;
            returned = gradOutput.mul(ctx.savedTensors().get(0)).mul(2);
            return new Tensor[] {returned};
        }
    }

    @Test
    void aProgramsOwnFunctionMayKeepWhatBackwardHandsIt() {
        bothWays(() -> {
            Tensor w = Tensor.randn(ROWS, 64).requiresGrad(true);
            List<Tensor> kept = new ArrayList<>();
            for (int step = 0; step < 4; step++) {
                KeepingSquare f = new KeepingSquare();
                f.apply(w.mul(1.5)).relu().sum().backward();
                kept.add(f.seenGrad);
                kept.add(f.returned);
            }
            for (int i = 0; i < 3; i++) w.mul(2).relu().sum().backward(); // more passes reuse buffers
            kept.add(w.grad());
            return kept;
        });
    }
}
