package org.kindling;

import org.junit.jupiter.api.Test;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.nn.Tanh;
import org.kindling.optim.SGD;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the README promises about threads: shared inference, independent training, shared backward. */
class ThreadSafetyTest {
    private static <T> List<T> onThreads(List<Callable<T>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> job : jobs) futures.add(pool.submit(job));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightThreadsInferringOnOneModelGetTheSingleThreadedBits() throws Exception {
        Kindling.manualSeed(21);
        Module model = new Sequential(new Linear(4, 64), new ReLU(), new Linear(64, 32), new Tanh(), new Linear(32, 2));
        Tensor[] inputs = new Tensor[8];
        float[][] expected = new float[8][];
        for (int t = 0; t < 8; t++) {
            inputs[t] = Tensor.randn(16 + t, 4);
            try (var g = Autograd.noGrad()) {
                expected[t] = model.forward(inputs[t]).toFloatArray();
            }
        }
        AtomicInteger mismatches = new AtomicInteger();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int me = t;
            jobs.add(() -> {
                int forwards = 0;
                try (var g = Autograd.noGrad()) {
                    for (int i = 0; i < 10_000; i++, forwards++) {
                        int which = (me + i) % 8; // every thread runs every input, interleaved with the others
                        float[] got = model.forward(inputs[which]).toFloatArray();
                        if (!java.util.Arrays.equals(got, expected[which])) mismatches.incrementAndGet();
                    }
                }
                return forwards;
            });
        }
        assertEquals(List.of(10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000), onThreads(jobs));
        assertEquals(0, mismatches.get(), "forwards that differ from the single-threaded result");
    }

    /** Trains a seeded model on its own data; returns its final weights. */
    private static float[] train(long seed) {
        Generator g = new Generator(seed);
        Module model = new Sequential(new Linear(3, 48, true, DType.FLOAT32, g), new ReLU(),
                new Linear(48, 1, true, DType.FLOAT32, g));
        Tensor x = Tensor.randn(g, DType.FLOAT32, 200, 3), y = x.sum(1, true).sin();
        SGD opt = new SGD(model.parameters(), SGD.options().lr(0.05).momentum(0.9));
        for (int step = 0; step < 300; step++) {
            Tensor loss = Functional.mseLoss(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        List<Float> all = new ArrayList<>();
        for (Tensor p : model.parameters()) for (float v : p.toFloatArray()) all.add(v);
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) out[i] = all.get(i);
        return out;
    }

    @Test
    void independentModelsTrainedAtOnceMatchTheSameModelsTrainedInTurn() throws Exception {
        long[] seeds = {1, 2, 3, 4};
        List<float[]> inTurn = new ArrayList<>();
        for (long s : seeds) inTurn.add(train(s));
        List<Callable<float[]>> jobs = new ArrayList<>();
        for (long s : seeds) jobs.add(() -> train(s));
        List<float[]> atOnce = onThreads(jobs);
        for (int i = 0; i < seeds.length; i++) {
            assertArrayEquals(inTurn.get(i), atOnce.get(i), "model " + i + " trained on its own thread differs");
        }
    }

    @Test
    void backwardOnASharedModelFromTwoThreadsAccumulatesEveryGradient() throws Exception {
        Generator g = new Generator(4);
        Tensor w = Tensor.randn(g, DType.FLOAT64, 32, 32).requiresGrad(true);
        Tensor[] data = {Tensor.randn(g, DType.FLOAT64, 64, 32), Tensor.randn(g, DType.FLOAT64, 64, 32)};
        double[] single = new double[32 * 32];
        for (Tensor x : data) {
            w.setGrad(null);
            x.matmul(w).tanh().sum().backward();
            double[] grad = w.grad().toDoubleArray();
            for (int i = 0; i < grad.length; i++) single[i] += grad[i];
        }
        w.setGrad(null);
        int passes = 300;
        List<Callable<Void>> jobs = new ArrayList<>();
        for (Tensor x : data) {
            jobs.add(() -> {
                for (int i = 0; i < passes; i++) x.matmul(w).tanh().sum().backward();
                return null;
            });
        }
        onThreads(jobs);
        double[] got = w.grad().toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            double want = passes * single[i];
            assertTrue(Math.abs(got[i] - want) <= 1e-9 * Math.max(1, Math.abs(want)),
                    "element " + i + ": " + got[i] + " != " + want + " (a gradient was lost)");
        }
    }
}
