package org.kindling.bench.workloads;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.internal.kernels.Gemm;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

import java.util.Map;

/** K1 (raw float32 GEMM into a preallocated C, as the reference's {@code torch.mm(A, B, out=C)}) and the per-op probes. */
final class KernelWorkloads {
    private static final int[][] K1 = {{256, 400}, {512, 50}, {1024, 8}, {2048, 2}};

    private final Report report;

    KernelWorkloads(Report report) {
        this.report = report;
    }

    void k1() {
        Generator g = new Generator(Workloads.SEED);
        for (int[] size : K1) {
            int n = size[0], iters = size[1];
            float[] a = uniform(g, n * n), b = uniform(g, n * n), c = new float[n * n];
            Runnable sample = () -> {
                for (int i = 0; i < iters; i++) Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            };
            long warm = Timing.warmUp(sample, 1, 0.5);
            double[] secs = Timing.samples(7, sample);
            double[] gflops = new double[secs.length];
            for (int i = 0; i < secs.length; i++) gflops[i] = 2.0 * n * n * (double) n * iters / secs[i] / 1e9;
            Map<String, Object> r = report.record("K1-" + n);
            r.put("unit", "GFLOP/s");
            r.put("median", Timing.median(gflops));
            r.put("min", Timing.min(gflops));
            r.put("max", Timing.max(gflops));
            r.put("n_samples", gflops.length);
            r.put("steps_per_sample", iters);
            r.put("warmup_steps", warm * iters);
            report.emit(r);
        }
    }

    private static float[] uniform(Generator g, int n) {
        float[] out = new float[n];
        g.uniform(out, 0, n, -1, 1);
        return out;
    }

    void probes() {
        Kindling.manualSeed(Workloads.SEED);
        Tensor a = Tensor.rand(1), b = Tensor.rand(1);
        Tensor[] sink = new Tensor[1];
        probe("P1", 100_000, () -> {
            for (int i = 0; i < 100_000; i++) sink[0] = a.add(b);
        }, "c = a + b on 1-element tensors, no grad");
        Tensor ag = Tensor.rand(1).requiresGrad(true);
        probe("P1g", 100_000, () -> {
            for (int i = 0; i < 100_000; i++) sink[0] = ag.add(b);
        }, "c = a + b, a.requires_grad (graph recorded, no backward)");
        Linear lin = new Linear(1, 1);
        Tensor x1 = Tensor.rand(1, 1);
        probe("P2", 10_000, () -> {
            for (int i = 0; i < 10_000; i++) lin.forward(x1).sum().backward();
        }, "Linear(1,1) forward + sum + backward on [1,1]");
        Tensor x = Tensor.rand(1, 1), y = Tensor.rand(1, 1);
        Sequential model = Workloads.mlp(1, 64, 1);
        Workloads.Step step = new Workloads.Step(model, new MSELoss(), new SGD(model.parameters(), 0.01));
        probe("P3", 2_000, () -> {
            for (int i = 0; i < 2_000; i++) step.run(x, y);
        }, "W1 training step with batch 1 (op sequence, ~no arithmetic)");
        if (sink[0] == null) throw new IllegalStateException();
    }

    private void probe(String name, int perSample, Runnable body, String note) {
        Timing.warmUp(body, 1, 1.0);
        double[] us = Timing.scaled(Timing.samples(7, body), perSample / 1e6);
        Map<String, Object> r = report.record(name);
        r.put("unit", "us/op");
        r.put("median", Timing.median(us));
        r.put("min", Timing.min(us));
        r.put("max", Timing.max(us));
        r.put("n_samples", 7);
        r.put("steps_per_sample", perSample);
        r.put("note", note);
        report.emit(r);
    }
}
