package org.kindling.bench.workloads;

import java.util.Arrays;

/** Warm-up and sampling rules of bench/WORKLOADS.md ("Rules for every workload"), on the monotonic clock. */
final class Timing {
    private Timing() {}

    /** Runs {@code body} until at least {@code minCalls} calls AND {@code minSeconds} have passed; returns the calls. */
    static long warmUp(Runnable body, long minCalls, double minSeconds) {
        long start = System.nanoTime(), calls = 0;
        while (calls < minCalls || (System.nanoTime() - start) / 1e9 < minSeconds) {
            body.run();
            calls++;
        }
        return calls;
    }

    /** Seconds taken by each of {@code samples} runs of {@code block}. */
    static double[] samples(int samples, Runnable block) {
        double[] out = new double[samples];
        for (int s = 0; s < samples; s++) {
            long t0 = System.nanoTime();
            block.run();
            out[s] = (System.nanoTime() - t0) / 1e9;
        }
        return out;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }

    /** Each value divided by {@code by}. */
    static double[] scaled(double[] xs, double by) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) out[i] = xs[i] / by;
        return out;
    }
}
