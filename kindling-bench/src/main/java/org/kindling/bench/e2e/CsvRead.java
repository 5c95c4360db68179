package org.kindling.bench.e2e;

import java.nio.file.Path;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvTable;

/**
 * Whole-job workload D1's Kindling side (bench/WORKLOADS.md): reads the CSV of {@code bench/e2e/make_csv.py}
 * into float32 feature and target tensors and prints one JSON line with the seconds it took. Run it as its
 * own process under {@code /usr/bin/time -v} for the peak resident memory; {@code bench/e2e/read_csv.py}
 * is the pandas side.
 *
 * <pre>java -cp benchmarks.jar org.kindling.bench.e2e.CsvRead FILE.csv [TARGET]</pre>
 */
public final class CsvRead {
    private CsvRead() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CsvRead FILE.csv [TARGET (default y)]");
            System.exit(2);
        }
        long start = System.nanoTime();
        CsvTable table = Csv.read(Path.of(args[0]), args.length > 1 ? args[1] : "y");
        double seconds = (System.nanoTime() - start) / 1e9;
        // A checksum keeps the reading honest: the values are used, and both sides can be compared.
        double sum = 0;
        for (float v : table.targets().toFloatArray()) sum += v;
        System.out.printf(java.util.Locale.ROOT, "{\"workload\":\"D1\",\"side\":\"kindling\",\"rows\":%d,\"features\":%d,"
                + "\"seconds\":%.4f,\"target_sum\":%.6g}%n", table.rows(), table.features().size(1), seconds, sum);
    }
}
