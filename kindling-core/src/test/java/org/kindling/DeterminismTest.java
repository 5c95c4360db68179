package org.kindling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same input, same bits: whatever the JIT has compiled, and whatever the thread count. */
class DeterminismTest {
    private final int threadsBefore = Kindling.numThreads();

    @AfterEach
    void restoreThreads() {
        Kindling.setNumThreads(threadsBefore);
    }

    /** Every reducing kernel, reached through the ops that use it. */
    private static Map<String, Supplier<Tensor>> reducingOps() {
        Kindling.manualSeed(11);
        Tensor x = Tensor.randn(2000), t = Tensor.randn(2000);
        Tensor tall = Tensor.randn(1000, 64), wide = Tensor.randn(64, 1000), col = Tensor.randn(64, 1);
        Tensor a = Tensor.randn(37, 130), b = Tensor.randn(45, 130), c = Tensor.randn(130, 45);
        Tensor big = Tensor.randn(130, 300), big2 = Tensor.randn(300, 90);
        Tensor w = Tensor.randn(64, 3).requiresGrad(true), xs = Tensor.randn(500, 3);
        Map<String, Supplier<Tensor>> ops = new LinkedHashMap<>();
        ops.put("sum", x::sum);
        ops.put("mean", x::mean);
        ops.put("mse", () -> Functional.mseLoss(x, t));
        ops.put("column sums", () -> tall.sum(0));
        ops.put("row sums", () -> tall.sum(1));
        ops.put("matrix-vector (dot)", () -> tall.matmul(col));
        ops.put("vector-matrix (axpy)", () -> col.t().matmul(wide));
        ops.put("small A·Bᵀ (dot tiles)", () -> a.matmul(b.t()));
        ops.put("small A·B", () -> a.matmul(c));
        ops.put("packed", () -> big.matmul(big2));
        ops.put("narrow linear forward and weight gradient", () -> {
            w.setGrad(null);
            Functional.linear(xs, w, null).relu().sum().backward();
            return Tensor.cat(List.of(w.grad().reshape(-1), Functional.linear(xs, w.detach(), null).reshape(-1)), 0);
        });
        return ops;
    }

    @Test
    void everyReducingKernelGivesOneValueOverThousandsOfCalls() {
        for (Map.Entry<String, Supplier<Tensor>> op : reducingOps().entrySet()) {
            float[] first = op.getValue().get().toFloatArray();
            for (int call = 1; call < 3000; call++) {
                float[] again = op.getValue().get().toFloatArray();
                if (!java.util.Arrays.equals(first, again)) {
                    assertArrayEquals(first, again, op.getKey() + ": call " + call + " differs from the first");
                }
            }
        }
    }

    @Test
    void trainingGivesTheSameBitsWithOneAndTwoThreads() {
        List<List<String>> runs = new ArrayList<>();
        for (int threads : new int[] {1, 2, 1}) {
            Kindling.setNumThreads(threads);
            List<String> bits = new ArrayList<>(DeterminismProbe.run());
            bits.addAll(mediumRun());
            runs.add(bits);
        }
        assertEquals(runs.get(0), runs.get(1), "2 threads differ from 1");
        assertEquals(runs.get(0), runs.get(2), "a second 1-thread run differs");
    }

    /** Large enough for the threaded GEMM and the threaded SGD update (W3's shapes, fewer rows). */
    private static List<String> mediumRun() {
        Kindling.manualSeed(5);
        Tensor x = Tensor.randn(128, 256), y = Tensor.randn(128, 10);
        Sequential model = new Sequential(new Linear(256, 512), new ReLU(), new Linear(512, 512), new ReLU(), new Linear(512, 10));
        SGD opt = new SGD(model.parameters(), SGD.options().lr(0.01).momentum(0.9));
        List<String> bits = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            Tensor loss = Functional.mseLoss(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            bits.add(Integer.toHexString(Float.floatToRawIntBits(loss.item())));
        }
        for (Tensor p : model.parameters()) {
            float[] v = p.toFloatArray();
            int h = java.util.Arrays.hashCode(v);
            bits.add(Integer.toHexString(h));
        }
        return bits;
    }

    @Test
    void theInterpreterAndTheCompiledCodeGiveTheSameBits() throws IOException, InterruptedException {
        List<String> compiled = null;
        for (int i = 0; i < 40; i++) compiled = DeterminismProbe.run(); // hot enough for C2
        String java = ProcessHandle.current().info().command().orElse("java");
        String path = String.join(File.pathSeparator, List.of(System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path", "")).stream().filter(s -> !s.isEmpty()).toList());
        List<String> command = new ArrayList<>(List.of(java, "-Xint", "-cp", path));
        if (Kindling.vectorized()) command.add(1, "--add-modules=jdk.incubator.vector");
        command.add(DeterminismProbe.class.getName());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the -Xint run did not finish");
        assertEquals(0, p.exitValue(), "the -Xint run failed: " + out);
        assertEquals(String.join(" ", compiled), out, "-Xint gives other bits than compiled code");
    }
}
