package org.kindling.bench.kernels;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kindling.internal.kernels.Gemm;
import org.kindling.internal.kernels.VectorSupport;
import org.kindling.internal.parallel.Parallel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM throughput: K1 (square C = A·B, bench/WORKLOADS.md) and the GEMMs of the tutorial workloads.
 *
 * <p>{@code k1}: the secondary metric {@code flop} is in ops/ns, i.e. <b>GFLOP/s</b> directly.
 * {@code shape}: µs per call; each shape is "m x n x k : op(A) op(B)" as passed to Gemm.sgemm
 * (Linear forward is NT, backward dX is NN, dW is TN). Run:
 * {@code java -jar kindling-bench/target/benchmarks.jar GemmBenchmark.k1 -p n=1024,2048 -p threads=1,2}.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    /** Counts floating-point operations so JMH reports a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flop;
    }

    /** K1: square n x n matrices. */
    @State(Scope.Benchmark)
    public static class Square {
        @Param({"256", "512", "1024", "2048"})
        public int n;
        @Param({"1", "2"})
        public int threads;
        float[] a, b, c;

        @Setup(Level.Trial)
        public void setUp() {
            useThreads(threads);
            a = random(n * n, 1);
            b = random(n * n, 2);
            c = new float[n * n];
        }
    }

    /** One GEMM of a workload, e.g. "1000x64x1:NT" (m x n x k : op(A) op(B)). */
    @State(Scope.Benchmark)
    public static class Shape {
        @Param({
            // W1 (1 -> 64 -> 1, batch 1000): forward, backward dX, dW
            "1000x64x1:NT", "1000x1x64:NT", "1000x64x1:NN", "1x64x1000:TN", "64x1x1000:TN",
            // W2 (13 -> 64 -> 64 -> 1, batch 32)
            "32x64x13:NT", "32x64x64:NT", "32x64x64:NN", "64x64x32:TN",
            // W3 (256 -> 512 -> 512 -> 10, batch 128)
            "128x512x256:NT", "128x512x512:NN", "512x512x128:TN", "128x10x512:NT",
            // W4 (1024 -> 4096 -> 4096 -> 1024, batch 256)
            "256x4096x1024:NT", "4096x1024x256:TN",
        })
        public String shape;
        @Param({"1", "2"})
        public int threads;
        int m, n, k, lda, ldb;
        boolean transA, transB;
        float[] a, b, c;

        @Setup(Level.Trial)
        public void setUp() {
            useThreads(threads);
            String[] dims = shape.split(":")[0].split("x");
            String ops = shape.split(":")[1];
            m = Integer.parseInt(dims[0]);
            n = Integer.parseInt(dims[1]);
            k = Integer.parseInt(dims[2]);
            transA = ops.charAt(0) == 'T';
            transB = ops.charAt(1) == 'T';
            lda = transA ? m : k;
            ldb = transB ? k : n;
            a = random(m * k, 3);
            b = random(k * n, 4);
            c = new float[m * n];
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public float[] k1(Square s, Flops flops) {
        Gemm.sgemm(false, false, s.n, s.n, s.n, 1f, s.a, 0, s.n, s.b, 0, s.n, 0f, s.c, 0, s.n);
        flops.flop += 2L * s.n * s.n * s.n;
        return s.c;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[] shape(Shape s) {
        Gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, 1f, s.a, 0, s.lda, s.b, 0, s.ldb, 0f, s.c, 0, s.n);
        return s.c;
    }

    static void useThreads(int threads) {
        int available = Runtime.getRuntime().availableProcessors();
        if (threads > available) {
            throw new IllegalStateException("threads=" + threads + " but this machine has " + available + " processors");
        }
        Parallel.setThreads(threads);
        if (!VectorSupport.AVAILABLE) {
            System.err.println("WARNING: Vector API unavailable, measuring the scalar fallback");
        }
    }

    static float[] random(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
