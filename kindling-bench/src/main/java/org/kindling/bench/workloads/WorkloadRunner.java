package org.kindling.bench.workloads;

import java.util.List;

/**
 * Runs the kindling-bench-v1 suite (bench/WORKLOADS.md) in this process with a fixed
 * compute-thread count and prints one JSON line per workload.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp kindling-bench.jar org.kindling.bench.workloads.WorkloadRunner \
 *      --threads 1 [--only W1,W2,W3,W3-infer,W4,K1,W5,W6] [--probes] [--warm-s 2.0]
 * </pre>
 */
public final class WorkloadRunner {
    private WorkloadRunner() {}

    public static void main(String[] args) {
        int threads = -1;
        List<String> only = List.of("W1", "W2", "W3", "W3-infer", "W4", "K1", "W5", "W6");
        boolean probes = false;
        double warm = 2.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--probes" -> probes = true;
                case "--warm-s" -> warm = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("usage: WorkloadRunner --threads N [--only W1,W2,...] [--probes] [--warm-s S]");
                    System.exit(2);
                }
            }
        }
        if (threads < 1) {
            System.err.println("--threads N is required (1 or more)");
            System.exit(2);
        }
        org.kindling.Kindling.setNumThreads(threads);
        Report report = new Report("kindling-0.1.0", threads, org.kindling.Kindling.configuration());
        Workloads w = new Workloads(report, warm);
        KernelWorkloads k = new KernelWorkloads(report);
        ConvWorkloads conv = new ConvWorkloads(report, warm);
        for (String name : only) {
            switch (name.trim()) {
                case "W1" -> w.w1();
                case "W1-module" -> w.w1Module();
                case "W2" -> w.w2();
                case "W3" -> w.w3();
                case "W3-infer" -> w.w3Infer();
                case "W4" -> w.w4();
                case "K1" -> k.k1();
                case "W5" -> conv.w5();
                case "W6" -> conv.w6();
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown workload " + name + " (W1, W2, W3, W3-infer, W4, K1, W5, W6)");
            }
        }
        if (probes) k.probes();
    }
}
