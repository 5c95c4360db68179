package org.kindling.bench.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line per (workload, threads), with the keys of bench/WORKLOADS.md, "Output". */
final class Report {
    static final String SUITE = "kindling-bench-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String impl;
    private final int threads;
    private final String config;

    Report(String impl, int threads, String config) {
        this.impl = impl;
        this.threads = threads;
        this.config = config;
    }

    /** A record with the common keys filled in; callers add the workload's own. */
    Map<String, Object> record(String workload) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("suite", SUITE);
        r.put("impl", impl);
        r.put("workload", workload);
        r.put("threads", threads);
        r.put("config", config);
        return r;
    }

    /** The timing keys for per-step samples ({@code perStep} seconds each). */
    Map<String, Object> steps(String workload, String unit, double[] perStep, int stepsPerSample, long warmupSteps,
                              Integer batch, Long flopPerStep) {
        Map<String, Object> r = record(workload);
        double med = Timing.median(perStep);
        r.put("unit", unit);
        r.put("median", med);
        r.put("min", Timing.min(perStep));
        r.put("max", Timing.max(perStep));
        r.put("n_samples", perStep.length);
        r.put("steps_per_sample", stepsPerSample);
        r.put("warmup_steps", warmupSteps);
        r.put("samples_per_s", batch == null ? null : batch / med);
        r.put("gflops", flopPerStep == null ? null : flopPerStep / med / 1e9);
        return r;
    }

    void emit(Map<String, Object> record) {
        record.put("loadavg", loadavg());
        try {
            System.out.println(JSON.writeValueAsString(record));
            System.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loadavg() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
