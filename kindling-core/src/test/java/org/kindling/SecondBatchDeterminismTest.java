package org.kindling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kindling.nn.Functional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The normalization, statistics and activation ops of the second batch give the same bits,
 * forward and backward, across thousands of calls (interpreted, then JIT-compiled) and with one
 * or two threads.
 */
class SecondBatchDeterminismTest {
    private final int threadsBefore = Kindling.numThreads();

    @AfterEach
    void restoreThreads() {
        Kindling.setNumThreads(threadsBefore);
    }

    private static Map<String, Function<Tensor, Tensor>> ops() {
        Map<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("batch norm", x -> Functional.batchNorm(x.reshape(8, 5, 10), null, null, null, null, true));
        ops.put("layer norm", x -> Functional.layerNorm(x.reshape(20, 20), new int[] {20}, null, null));
        ops.put("var", x -> x.reshape(20, 20).var(1, true, false));
        ops.put("std all", Tensor::std);
        ops.put("logsumexp", x -> x.reshape(20, 20).logsumexp(0, false));
        ops.put("vector norm", x -> x.vectorNorm(2));
        ops.put("cumsum", x -> x.cumsum(0));
        ops.put("activations", x -> x.silu().add(x.softplus()).add(x.gelu("tanh")).add(x.elu()).add(x.abs().log1p()));
        ops.put("pow", x -> x.pow(3).add(x.abs().pow(2.5)).add(x.pow(4)));
        ops.put("topk", x -> x.reshape(20, 20).topk(5, 1, true).values());
        return ops;
    }

    /** Output bits followed by the input gradient's bits for an all-ones output gradient. */
    private static float[] run(Function<Tensor, Tensor> op, Tensor input) {
        Tensor x = input.detach().requiresGrad(true);
        Tensor y = op.apply(x);
        y.backward(y.onesLike(), false);
        float[] out = y.detach().toFloatArray(), g = x.grad().toFloatArray();
        float[] both = java.util.Arrays.copyOf(out, out.length + g.length);
        System.arraycopy(g, 0, both, out.length, g.length);
        return both;
    }

    @Test
    void sameBitsOverThousandsOfCallsAndAnyThreadCount() {
        Kindling.manualSeed(5);
        Tensor input = Tensor.randn(400);
        for (Map.Entry<String, Function<Tensor, Tensor>> op : ops().entrySet()) {
            Kindling.setNumThreads(1);
            float[] first = run(op.getValue(), input);
            for (int call = 1; call < 2000; call++) {
                float[] again = run(op.getValue(), input);
                if (!java.util.Arrays.equals(first, again)) assertArrayEquals(first, again, op.getKey() + ": call " + call);
            }
            for (int threads : List.of(2, 1)) {
                Kindling.setNumThreads(threads);
                assertArrayEquals(first, run(op.getValue(), input), op.getKey() + " with " + threads + " threads");
            }
        }
    }
}
