package org.kindling.tabular.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The full campaign, run by {@link HostileInputFuzzTest} in a JVM of its own with {@code -Xmx512m} so that
 * memory bombs show as {@code OutOfMemoryError}: 100,000 mutated safetensors files, 20,000 mutated
 * checkpoints, 60,000 mutated CSVs and every {@link HostileFiles hostile file} at full size. Prints one line per
 * target and each failure; exits 1 if anything failed.
 */
public final class FullFuzzCampaign {
    static final Duration LIMIT_PER_INPUT = Duration.ofSeconds(10);
    /** Just under the 100 MB header limit. */
    static final long HOSTILE_BUDGET = 99_000_000L;

    private FullFuzzCampaign() {}

    private static void deleteFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    public static void main(String[] args) throws IOException {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1L;
        Path dir = Files.createTempDirectory("kindling-fuzz");
        try (FuzzCampaign c = new FuzzCampaign(dir, LIMIT_PER_INPUT)) {
            long start = System.nanoTime();
            List<FuzzCampaign.Tally> tallies = List.of(
                    c.mutations(FuzzTarget.SAFETENSORS, FuzzSeeds.safetensors(), 100_000, seed),
                    c.mutations(FuzzTarget.CHECKPOINT, FuzzSeeds.checkpoints(dir), 20_000, seed),
                    c.mutations(FuzzTarget.CSV, FuzzSeeds.csv(), 60_000, seed),
                    HostileInputFuzzTest.hostile(c, dir, HOSTILE_BUDGET, true));
            tallies.forEach(System.out::println);
            System.out.printf("seed %d, %d ms per input at most, heap limit %d MB, %.1f s in all%n", seed,
                    LIMIT_PER_INPUT.toMillis(), Runtime.getRuntime().maxMemory() >> 20, (System.nanoTime() - start) / 1e9);
            c.failures().forEach(f -> System.out.println("FAILED " + f));
            System.out.flush();
            deleteFiles(dir);
            System.exit(c.failures().isEmpty() ? 0 : 1);
        }
    }
}
