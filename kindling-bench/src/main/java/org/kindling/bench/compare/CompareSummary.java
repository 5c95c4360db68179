package org.kindling.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the JSON lines that {@code bench/compare.sh} collected ({@code round-R/<impl>-t<threads>[-cfg].jsonl})
 * and prints, per workload and thread count, Kindling's time divided by PyTorch's: the median over
 * rounds of each round's paired ratio, with the lowest and highest round. For 2 threads PyTorch's
 * faster configuration counts, and with several PyTorch builds the faster build, row by row
 * (bench/WORKLOADS.md, "Which PyTorch"); the last column names the one that won most rounds. K1 is a
 * GFLOP/s ratio (higher is better); everything else a time ratio (lower is better).
 */
public final class CompareSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompareSummary() {}

    /** One measurement: which round, implementation and thread count it came from, and its median. */
    record Row(int round, String impl, String config, int threads, String workload, String unit, double median) {
        boolean kindling() {
            return impl.startsWith("kindling");
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompareSummary RESULTS_DIR");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        print(rows);
    }

    static List<Row> read(Path dir) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                int round = Integer.parseInt(f.getParent().getFileName().toString().replace("round-", ""));
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("{")) continue;
                    JsonNode n = JSON.readTree(line);
                    if (!n.has("median") || n.get("median").isNull()) continue;
                    rows.add(new Row(round, n.get("impl").asText(), n.path("config").asText(""), n.get("threads").asInt(),
                            n.get("workload").asText(), n.get("unit").asText(), n.get("median").asDouble()));
                }
            }
        }
        return rows;
    }

    static void print(List<Row> rows) {
        Map<String, List<double[]>> pairs = new TreeMap<>(); // key -> per round {kindling, pytorch}
        Map<String, String> units = new TreeMap<>();
        Map<String, Map<String, Integer>> winners = new TreeMap<>(); // key -> faster PyTorch -> rounds won
        for (Row k : rows) {
            if (!k.kindling()) continue;
            Row torch = bestTorch(rows, k);
            pairs.computeIfAbsent(key(k), x -> new ArrayList<>())
                    .add(new double[] {k.median(), torch == null ? Double.NaN : torch.median()});
            units.put(key(k), k.unit());
            if (torch != null) {
                winners.computeIfAbsent(key(k), x -> new TreeMap<>())
                        .merge(torch.impl() + " " + torch.config(), 1, Integer::sum);
            }
        }
        System.out.printf("%-9s %3s %-9s %12s %12s  %-18s %-6s %s%n", "workload", "thr", "unit", "Kindling", "PyTorch",
                "Kindling÷PyTorch", "rounds", "faster PyTorch");
        for (Map.Entry<String, List<double[]>> e : pairs.entrySet()) {
            List<double[]> p = e.getValue();
            double[] kin = p.stream().mapToDouble(v -> v[0]).toArray();
            double[] torch = p.stream().mapToDouble(v -> v[1]).filter(v -> !Double.isNaN(v)).toArray();
            double[] ratio = p.stream().filter(v -> !Double.isNaN(v[1])).mapToDouble(v -> v[0] / v[1]).sorted().toArray();
            String[] parts = e.getKey().split("\\|");
            String ratioText = ratio.length == 0 ? "(no PyTorch)"
                    : String.format("%5.2f [%4.2f–%4.2f]", median(ratio), ratio[0], ratio[ratio.length - 1]);
            String faster = winners.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
            System.out.printf("%-9s %3s %-9s %12.4g %12s  %-18s %-6d %s%n", parts[1], parts[0], units.get(e.getKey()),
                    median(kin), torch.length == 0 ? "-" : String.format("%.4g", median(torch)), ratioText, p.size(), faster);
        }
        System.out.println("Ratios are per round (paired runs), median [min–max] over rounds. K1 is GFLOP/s (higher is "
                + "better); the others are time (lower is better). Each row counts the faster PyTorch build and configuration.");
    }

    /** PyTorch's result for the same round, threads and workload: the fastest build and configuration, or null. */
    private static Row bestTorch(List<Row> rows, Row k) {
        boolean rate = k.unit().equals("GFLOP/s");
        return rows.stream().filter(r -> !r.kindling() && r.round() == k.round() && r.threads() == k.threads()
                        && r.workload().equals(k.workload()))
                .reduce(null, (a, b) -> a == null || (rate ? b.median() > a.median() : b.median() < a.median()) ? b : a);
    }

    private static String key(Row r) {
        return r.threads() + "|" + r.workload();
    }

    static double median(double[] sorted) {
        double[] s = sorted.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
