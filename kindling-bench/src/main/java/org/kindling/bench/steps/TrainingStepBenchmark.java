package org.kindling.bench.steps;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.MSELoss;
import org.kindling.nn.Linear;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One W1 training step (1 → 64 → 1, batch 1000, MSE, SGD) through the public API. Run with the
 * GC profiler to read the bytes allocated per step:
 * {@code java -jar kindling-bench/target/benchmarks.jar TrainingStepBenchmark -prof gc}.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class TrainingStepBenchmark {
    private Tensor x, y;
    private Sequential model;
    private MSELoss loss;
    private SGD optimizer;

    @Setup
    public void setUp() {
        Kindling.setNumThreads(1);
        Kindling.manualSeed(1234);
        Generator g = Generator.defaultGenerator();
        x = Tensor.rand(g, DType.FLOAT32, 1000, 1).mul(2).sub(1).mul(Math.PI);
        y = x.sin().add(Tensor.randn(g, DType.FLOAT32, 1000, 1).mul(0.05));
        model = new Sequential(new Linear(1, 64), new ReLU(), new Linear(64, 1));
        loss = new MSELoss();
        optimizer = new SGD(model.parameters(), 0.01);
    }

    @Benchmark
    public float w1Step() {
        Tensor out = model.forward(x);
        Tensor l = loss.forward(out, y);
        optimizer.zeroGrad();
        l.backward();
        optimizer.step();
        return l.item();
    }
}
