package org.kindling.internal.kernels;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.optim.Adagrad;
import org.kindling.optim.Adam;
import org.kindling.optim.AdamW;
import org.kindling.optim.Optimizer;
import org.kindling.optim.RMSprop;
import org.kindling.optim.SGD;
import org.kindling.testing.Fixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class OptimizerKernelsTest {
    /**
     * The float32 kernels follow ATen's operation order closely enough to reproduce the bundled PyTorch
     * fixtures exactly (the parity runner only needs the fixtures' tolerance). Fails if a kernel's order of
     * operations or fused multiply-adds drift.
     */
    @Test
    void float32UpdatesReproducePyTorchBitForBit() {
        List<Path> files = Fixtures.list(Fixtures.parityRoot(), "optimizer");
        assertTrue(files.size() >= 17, "bundled optimizer fixtures: " + files.size());
        for (Path file : files) {
            JsonNode fx = Fixtures.load(file);
            List<Tensor> params = new ArrayList<>();
            for (JsonNode p : fx.get("params")) params.add(new Parameter(Tensor.fromArray(Fixtures.tensor(p).floats(), shape(p))));
            Optimizer opt = optimizer(fx.get("optimizer").asText(), fx.get("hyperparameters"), params);
            for (JsonNode step : fx.get("steps")) {
                for (int i = 0; i < params.size(); i++) {
                    JsonNode g = step.get("grads").get(i);
                    params.get(i).setGrad(Tensor.fromArray(Fixtures.tensor(g).floats(), shape(g)));
                }
                opt.step();
                for (int i = 0; i < params.size(); i++) {
                    float[] expected = Fixtures.tensor(step.get("params_after").get(i)).floats();
                    float[] actual = params.get(i).toFloatArray();
                    for (int k = 0; k < expected.length; k++) {
                        if (Float.floatToIntBits(expected[k]) != Float.floatToIntBits(actual[k])) {
                            fail(file.getFileName() + " step " + step.get("step") + " param " + i + "[" + k + "]: expected "
                                    + expected[k] + ", got " + actual[k]);
                        }
                    }
                }
            }
        }
    }

    private static int[] shape(JsonNode t) {
        return Fixtures.tensor(t).shape();
    }

    private static Optimizer optimizer(String kind, JsonNode hp, List<Tensor> ps) {
        double lr = hp.get("lr").asDouble();
        return switch (kind) {
            case "SGD" -> new SGD(ps, SGD.options().lr(lr).momentum(hp.get("momentum").asDouble())
                    .dampening(hp.get("dampening").asDouble()).weightDecay(hp.get("weight_decay").asDouble())
                    .nesterov(hp.get("nesterov").asBoolean()).maximize(hp.get("maximize").asBoolean()));
            case "Adam" -> new Adam(ps, Adam.options().lr(lr).betas(hp.get("betas").get(0).asDouble(), hp.get("betas").get(1).asDouble())
                    .eps(hp.get("eps").asDouble()).weightDecay(hp.get("weight_decay").asDouble())
                    .amsgrad(hp.get("amsgrad").asBoolean()).maximize(hp.get("maximize").asBoolean()));
            case "AdamW" -> new AdamW(ps, AdamW.options().lr(lr).betas(hp.get("betas").get(0).asDouble(), hp.get("betas").get(1).asDouble())
                    .eps(hp.get("eps").asDouble()).weightDecay(hp.get("weight_decay").asDouble())
                    .amsgrad(hp.get("amsgrad").asBoolean()).maximize(hp.get("maximize").asBoolean()));
            case "RMSprop" -> new RMSprop(ps, RMSprop.options().lr(lr).alpha(hp.get("alpha").asDouble()).eps(hp.get("eps").asDouble())
                    .weightDecay(hp.get("weight_decay").asDouble()).momentum(hp.get("momentum").asDouble())
                    .centered(hp.get("centered").asBoolean()).maximize(hp.get("maximize").asBoolean()));
            case "Adagrad" -> new Adagrad(ps, Adagrad.options().lr(lr).lrDecay(hp.get("lr_decay").asDouble())
                    .weightDecay(hp.get("weight_decay").asDouble()).initialAccumulatorValue(hp.get("initial_accumulator_value").asDouble())
                    .eps(hp.get("eps").asDouble()).maximize(hp.get("maximize").asBoolean()));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // ---------------------------------------------------------------- float64 twins

    private static final int N = 37;
    private final Random random = new Random(11);

    private float[] values(double scale, boolean positive) {
        float[] v = new float[N + 3];
        for (int i = 0; i < v.length; i++) v[i] = (float) (scale * (positive ? random.nextDouble() : 2 * random.nextDouble() - 1));
        return v;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** Float and double results of the same kernel on the same (offset) inputs agree to float precision. */
    private static void assertAgree(String what, float[] f, double[] d, int offset) {
        for (int i = offset; i < offset + N; i++) {
            if (!(Math.abs(f[i] - d[i]) <= 1e-6 + 1e-5 * Math.abs(d[i]))) fail(what + "[" + i + "]: float " + f[i] + ", double " + d[i]);
        }
    }

    @Test
    void doubleKernelsComputeWhatTheFloatKernelsCompute() {
        for (int step = 0; step < 2; step++) {
            float[] p = values(1, false), g = values(1, false), a = values(0.5, true), b = values(0.5, true), c = values(0.5, true);
            double[] pd = widen(p), gd = widen(g), ad = widen(a), bd = widen(b), cd = widen(c);
            boolean first = step == 0;
            OptimizerKernels.sgd(p, 2, g, 1, a, 3, N, -0.1f, 0.01f, 0.9f, 0.7f, true, first, first);
            OptimizerKernels.sgd(pd, 2, gd, 1, ad, 3, N, -0.1f, 0.01f, 0.9f, 0.7f, true, first, first);
            assertAgree("sgd p", p, pd, 2);
            assertAgree("sgd buf", a, ad, 3);

            OptimizerKernels.adam(p, 1, g, 2, a, 3, b, 0, c, 1, N, 0.999f, 0.1f, 0.9f, 0.1f, 0.999f, 0.001f, 0.1f, 1e-8f, -0.01f, first);
            OptimizerKernels.adam(pd, 1, gd, 2, ad, 3, bd, 0, cd, 1, N, 0.999f, 0.1f, 0.9f, 0.1f, 0.999f, 0.001f, 0.1f, 1e-8f, -0.01f, first);
            assertAgree("adam p", p, pd, 1);
            assertAgree("adam m", a, ad, 3);
            assertAgree("adam vmax", c, cd, 1);

            // Centered state must satisfy sq >= ga^2 (as it does when built from the same gradients).
            float[] sq = values(0.5, true), ga = values(0.1, false);
            for (int i = 0; i < sq.length; i++) sq[i] += 0.25f;
            double[] sqd = widen(sq), gad = widen(ga);
            OptimizerKernels.rmsprop(p, 0, g, 0, sq, 2, ga, 1, c, 3, N, -0.01f, 0.1f, 0.99f, 0.01f, 1e-8f, 0.9f, first);
            OptimizerKernels.rmsprop(pd, 0, gd, 0, sqd, 2, gad, 1, cd, 3, N, -0.01f, 0.1f, 0.99f, 0.01f, 1e-8f, 0.9f, first);
            assertAgree("rmsprop grad_avg", ga, gad, 1);
            assertAgree("rmsprop p", p, pd, 0);
            assertAgree("rmsprop buf", c, cd, 3);

            OptimizerKernels.adagrad(p, 3, g, 1, b, 2, N, -0.05f, 0.2f, 1e-10f, first);
            OptimizerKernels.adagrad(pd, 3, gd, 1, bd, 2, N, -0.05f, 0.2f, 1e-10f, first);
            assertAgree("adagrad p", p, pd, 3);
            assertAgree("adagrad sum", b, bd, 2);
        }
    }

    @Test
    void sgdOnAllThreadsIsBitIdenticalToOneThread() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        int n = OptimizerKernels.PARALLEL_MIN * 3 + 5;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        float[] p1 = new float[n], g = new float[n], buf1 = new float[n];
        for (int i = 0; i < n; i++) {
            p1[i] = (float) r.nextDouble(-1, 1);
            g[i] = (float) r.nextDouble(-1, 1);
        }
        float[] p2 = p1.clone(), buf2 = buf1.clone();
        int before = org.kindling.internal.parallel.Parallel.threads();
        try {
            for (int step = 0; step < 3; step++) {
                org.kindling.internal.parallel.Parallel.setThreads(1);
                OptimizerKernels.sgd(p1, 0, g, 0, buf1, 0, n, -0.1f, 0.01f, 0.9f, 1f, true, false, step == 0);
                org.kindling.internal.parallel.Parallel.setThreads(2);
                OptimizerKernels.sgd(p2, 0, g, 0, buf2, 0, n, -0.1f, 0.01f, 0.9f, 1f, true, false, step == 0);
            }
        } finally {
            org.kindling.internal.parallel.Parallel.setThreads(before);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(p1, p2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(buf1, buf2);
    }
}
