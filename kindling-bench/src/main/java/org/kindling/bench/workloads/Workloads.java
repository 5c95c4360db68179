package org.kindling.bench.workloads;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.Loss;
import org.kindling.nn.MSELoss;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.Optimizer;
import org.kindling.optim.SGD;

import java.util.Map;

/**
 * The workloads of bench/WORKLOADS.md (suite kindling-bench-v1), written as a Kindling user writes a
 * training loop: {@code model.forward}, loss, {@code zeroGrad}, {@code backward}, {@code step}.
 */
final class Workloads {
    static final long SEED = 1234;

    private final Report report;
    private final double warmSeconds;

    Workloads(Report report, double warmSeconds) {
        this.report = report;
        this.warmSeconds = warmSeconds;
    }

    static Sequential mlp(int... sizes) {
        Sequential s = new Sequential();
        for (int i = 0; i + 1 < sizes.length; i++) {
            s.append(new Linear(sizes[i], sizes[i + 1]));
            if (i + 2 < sizes.length) s.append(new ReLU());
        }
        return s;
    }

    /** GEMM FLOPs of one training step: forward, dW for every layer, dX for layers after the first. */
    static long flopsTrain(int batch, int... sizes) {
        long all = 0, rest = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            long f = (long) sizes[i] * sizes[i + 1];
            all += f;
            if (i > 0) rest += f;
        }
        return 2L * batch * all * 2 + 2L * batch * rest;
    }

    static long flopsInfer(int batch, int... sizes) {
        long all = 0;
        for (int i = 0; i + 1 < sizes.length; i++) all += (long) sizes[i] * sizes[i + 1];
        return 2L * batch * all;
    }

    /** One training step, exactly the timed unit of bench/WORKLOADS.md. */
    record Step(Module model, Loss loss, Optimizer optimizer) {
        void run(Tensor x, Tensor y) {
            Tensor out = model.forward(x);
            Tensor l = loss.forward(out, y);
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
        }
    }

    static double evalLoss(Module model, Tensor x, Tensor y) {
        try (var g = Autograd.noGrad()) {
            return Functional.mseLoss(model.forward(x), y).itemDouble();
        }
    }

    void w1() {
        tutorialWorkload("W1", () -> mlp(1, 64, 1));
    }

    /** The tutorial's model as a program writes it: every activation passes through its own forward. */
    static final class TutorialModel extends Module {
        private final Linear layer1 = register("layer1", new Linear(1, 64));
        private final Linear layer2 = register("layer2", new Linear(64, 1));

        @Override
        public Tensor forward(Tensor x) {
            return layer2.forward(layer1.forward(x).relu());
        }
    }

    /**
     * W1 with the model written as a Module subclass instead of a Sequential: its activations reach
     * the program, so they are not recycled, and only backward is fused. Not part of the suite; it
     * measures what that costs.
     */
    void w1Module() {
        tutorialWorkload("W1-module", TutorialModel::new);
    }

    /** W1's data, loop and timing around the model {@code build} makes (after the data is drawn). */
    private void tutorialWorkload(String name, java.util.function.Supplier<Module> build) {
        Kindling.manualSeed(SEED);
        Generator g = Generator.defaultGenerator();
        int n = 1000;
        Tensor x = Tensor.rand(g, DType.FLOAT32, n, 1).mul(2).sub(1).mul(Math.PI);
        Tensor y = x.sin().add(Tensor.randn(g, DType.FLOAT32, n, 1).mul(0.05));
        Module model = build.get();
        Step step = new Step(model, new MSELoss(), new SGD(model.parameters(), 0.01));
        double first = evalLoss(model, x, y);
        long warm = Timing.warmUp(() -> step.run(x, y), 100, warmSeconds);
        int sps = 200;
        double[] s = Timing.samples(11, () -> {
            for (int i = 0; i < sps; i++) step.run(x, y);
        });
        Map<String, Object> r = report.steps(name, "s/step", Timing.scaled(s, sps), sps, warm, n, flopsTrain(n, 1, 64, 1));
        r.put("loss_first", first);
        r.put("loss_last", evalLoss(model, x, y));
        report.emit(r);
    }

    void w2() {
        Kindling.manualSeed(SEED);
        Generator g = Generator.defaultGenerator();
        int n = 10_000, batch = 32, steps = 313;
        Tensor xs = Tensor.randn(g, DType.FLOAT32, n, 13);
        Tensor w = Tensor.randn(g, DType.FLOAT32, 13, 1);
        Tensor ys = xs.matmul(w).div(Math.sqrt(13)).add(Tensor.randn(g, DType.FLOAT32, n, 1).mul(0.1));
        Sequential model = mlp(13, 64, 64, 1);
        Step step = new Step(model, new MSELoss(), new SGD(model.parameters(), SGD.options().lr(0.01).momentum(0.9)));
        Generator order = new Generator(SEED);
        Runnable epoch = () -> {
            Tensor perm = Tensor.randperm(n, order);
            for (int i = 0; i < steps; i++) {
                Tensor idx = perm.narrow(0, i * batch, Math.min(batch, n - i * batch));
                step.run(xs.indexSelect(0, idx), ys.indexSelect(0, idx));
            }
        };
        double first = evalLoss(model, xs, ys);
        long warm = Timing.warmUp(epoch, 1, warmSeconds);
        double[] s = Timing.samples(7, epoch);
        Map<String, Object> r = report.steps("W2", "s/epoch", s, steps, warm * steps, n, null);
        double med = Timing.median(s);
        r.put("s_per_step", med / steps);
        r.put("gflops", (flopsTrain(batch, 13, 64, 64, 1) * (steps - 1) + flopsTrain(16, 13, 64, 64, 1)) / med / 1e9);
        r.put("loss_first", first);
        r.put("loss_last", evalLoss(model, xs, ys));
        report.emit(r);
    }

    private Sequential w3Model;
    private Tensor w3X;

    void w3() {
        Kindling.manualSeed(SEED);
        Generator g = Generator.defaultGenerator();
        int batch = 128, steps = 200, n = batch * steps;
        Tensor xs = Tensor.randn(g, DType.FLOAT32, n, 256);
        long[] classes = new long[n];
        for (int i = 0; i < n; i++) classes[i] = Math.floorMod(g.nextU32(), 10);
        float[] oneHot = new float[n * 10];
        for (int i = 0; i < n; i++) oneHot[i * 10 + (int) classes[i]] = 1;
        Tensor ys = Tensor.fromArray(oneHot, n, 10);
        Sequential model = mlp(256, 512, 512, 10);
        Step step = new Step(model, new MSELoss(), new SGD(model.parameters(), 0.01));
        int[] cur = {0};
        Runnable one = () -> {
            int i = cur[0];
            cur[0] = (i + 1) % steps;
            step.run(xs.narrow(0, i * batch, batch), ys.narrow(0, i * batch, batch));
        };
        double first = evalLoss(model, xs.narrow(0, 0, batch), ys.narrow(0, 0, batch));
        long warm = Timing.warmUp(one, 20, warmSeconds);
        double[] s = Timing.samples(5, () -> {
            for (int i = 0; i < steps; i++) step.run(xs.narrow(0, i * batch, batch), ys.narrow(0, i * batch, batch));
        });
        Map<String, Object> r = report.steps("W3", "s/step", Timing.scaled(s, steps), steps, warm, batch,
                flopsTrain(batch, 256, 512, 512, 10));
        r.put("loss_first", first);
        r.put("loss_last", evalLoss(model, xs.narrow(0, 0, batch), ys.narrow(0, 0, batch)));
        report.emit(r);
        w3Model = model;
        w3X = xs;
    }

    void w3Infer() {
        if (w3Model == null) {
            Kindling.manualSeed(SEED);
            w3X = Tensor.randn(Generator.defaultGenerator(), DType.FLOAT32, 128 * 200, 256);
            w3Model = mlp(256, 512, 512, 10);
        }
        Sequential model = w3Model;
        Tensor xs = w3X;
        int batch = 128, steps = 200;
        int[] cur = {0};
        Tensor[] last = new Tensor[1];
        long warm;
        double[] s;
        try (var g = Autograd.noGrad()) {
            warm = Timing.warmUp(() -> {
                int i = cur[0];
                cur[0] = (i + 1) % steps;
                last[0] = model.forward(xs.narrow(0, i * batch, batch));
            }, 20, warmSeconds);
            s = Timing.samples(5, () -> {
                for (int i = 0; i < steps; i++) last[0] = model.forward(xs.narrow(0, i * batch, batch));
            });
        }
        Map<String, Object> r = report.steps("W3-infer", "s/forward", Timing.scaled(s, steps), steps, warm, batch,
                flopsInfer(batch, 256, 512, 512, 10));
        r.put("loss_first", null);
        r.put("loss_last", null);
        r.put("checksum", last[0].get(0, 0));
        report.emit(r);
    }

    void w4() {
        Kindling.manualSeed(SEED);
        Generator g = Generator.defaultGenerator();
        int batch = 256;
        Tensor x = Tensor.randn(g, DType.FLOAT32, batch, 1024);
        Tensor y = Tensor.randn(g, DType.FLOAT32, batch, 1024);
        Sequential model = mlp(1024, 4096, 4096, 1024);
        Step step = new Step(model, new MSELoss(), new SGD(model.parameters(), 0.001));
        double first = evalLoss(model, x, y);
        long warm = Timing.warmUp(() -> step.run(x, y), 2, warmSeconds);
        int sps = 10;
        double[] s = Timing.samples(5, () -> {
            for (int i = 0; i < sps; i++) step.run(x, y);
        });
        Map<String, Object> r = report.steps("W4", "s/step", Timing.scaled(s, sps), sps, warm, batch,
                flopsTrain(batch, 1024, 4096, 4096, 1024));
        r.put("loss_first", first);
        r.put("loss_last", evalLoss(model, x, y));
        report.emit(r);
    }
}
