package org.kindling.bench.workloads;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.BatchNorm2d;
import org.kindling.nn.Conv2d;
import org.kindling.nn.CrossEntropyLoss;
import org.kindling.nn.Flatten;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.MaxPool2d;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

import java.util.Map;

/** W5 and W6 of bench/WORKLOADS.md: the convolutional workloads, trained with cross-entropy and SGD with momentum. */
final class ConvWorkloads {
    private final Report report;
    private final double warmSeconds;

    ConvWorkloads(Report report, double warmSeconds) {
        this.report = report;
        this.warmSeconds = warmSeconds;
    }

    /** Convolution FLOP as WORKLOADS.md counts them: 2·N·H·W·Cout·Cin·k² (output size H × W). */
    static long convFlop(int batch, int cIn, int cOut, int k, int h, int w) {
        return 2L * batch * h * w * cOut * cIn * k * k;
    }

    /** Classes 0-9 drawn from the generator, as W3 draws them. */
    static Tensor classes(Generator g, int n) {
        long[] c = new long[n];
        for (int i = 0; i < n; i++) c[i] = Math.floorMod(g.nextU32(), 10);
        return Tensor.fromArray(c, n);
    }

    /** The sanity loss: cross-entropy in evaluation mode, without gradients, then back to training mode. */
    static double crossEntropyOf(Module model, Tensor x, Tensor c) {
        model.eval();
        try (var g = Autograd.noGrad()) {
            return Functional.crossEntropy(model.forward(x), c).itemDouble();
        } finally {
            model.train();
        }
    }

    void w5() {
        Kindling.manualSeed(Workloads.SEED);
        Generator g = Generator.defaultGenerator();
        int n = 1920, batch = 64, batches = 30;
        Tensor xs = Tensor.randn(g, DType.FLOAT32, n, 1, 8, 8);
        Tensor cs = classes(g, n);
        Sequential model = new Sequential(
                new Conv2d(1, 16, 3, 1, 1), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 3, 1, 1), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(128, 10));
        var step = new Workloads.Step(model, new CrossEntropyLoss(), new SGD(model.parameters(), SGD.options().lr(0.05).momentum(0.9)));
        int[] cur = {0};
        Runnable one = () -> {
            int i = cur[0];
            cur[0] = (i + 1) % batches;
            step.run(xs.narrow(0, i * batch, batch), cs.narrow(0, i * batch, batch));
        };
        Tensor x0 = xs.narrow(0, 0, batch), c0 = cs.narrow(0, 0, batch);
        double first = crossEntropyOf(model, x0, c0);
        long warm = Timing.warmUp(one, 20, warmSeconds);
        int sps = 60;
        double[] s = Timing.samples(5, () -> {
            for (int i = 0; i < sps; i++) one.run();
        });
        long forward = convFlop(batch, 1, 16, 3, 8, 8) + convFlop(batch, 16, 32, 3, 4, 4) + 2L * batch * 128 * 10;
        Map<String, Object> r = report.steps("W5", "s/step", Timing.scaled(s, sps), sps, warm, batch, 3 * forward);
        r.put("loss_first", first);
        r.put("loss_last", crossEntropyOf(model, x0, c0));
        report.emit(r);
    }

    void w6() {
        Kindling.manualSeed(Workloads.SEED);
        Generator g = Generator.defaultGenerator();
        int batch = 64;
        Tensor x = Tensor.randn(g, DType.FLOAT32, batch, 3, 32, 32);
        Tensor c = classes(g, batch);
        Sequential model = new Sequential(
                new Conv2d(3, 32, 3, 1, 1), new ReLU(), new Conv2d(32, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1), new ReLU(), new Conv2d(64, 64, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(4096, 10));
        var step = new Workloads.Step(model, new CrossEntropyLoss(), new SGD(model.parameters(), SGD.options().lr(0.01).momentum(0.9)));
        double first = crossEntropyOf(model, x, c);
        long warm = Timing.warmUp(() -> step.run(x, c), 2, warmSeconds);
        int sps = 5;
        double[] s = Timing.samples(5, () -> {
            for (int i = 0; i < sps; i++) step.run(x, c);
        });
        long forward = convFlop(batch, 3, 32, 3, 32, 32) + convFlop(batch, 32, 32, 3, 32, 32)
                + convFlop(batch, 32, 64, 3, 16, 16) + convFlop(batch, 64, 64, 3, 16, 16) + 2L * batch * 4096 * 10;
        Map<String, Object> r = report.steps("W6", "s/step", Timing.scaled(s, sps), sps, warm, batch, 3 * forward);
        r.put("loss_first", first);
        r.put("loss_last", crossEntropyOf(model, x, c));
        report.emit(r);
    }
}
