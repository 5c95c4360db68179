package org.kindling.tabular.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.internal.format.Excerpt;

/**
 * Mutation fuzzing of every reader of files from outside: {@code Safetensors.load}, {@code Checkpoint.load}
 * and {@code Csv.read}. Each input must load, or fail with the reader's documented exception whose message
 * names the file, within a time limit ({@link FuzzCampaign}).
 *
 * <p>The normal build runs a seeded sample in a few seconds. The full campaign (100,000 safetensors, 20,000
 * checkpoints, 60,000 CSVs, hostile files up to 99 MB) runs in a forked JVM with {@code -Xmx512m}:
 * <pre>mvn -pl kindling-core verify -Dtest=HostileInputFuzzTest -Dkindling.fuzz=full [-Dkindling.fuzz.seed=N]</pre>
 */
class HostileInputFuzzTest {
    private static final boolean FULL = "full".equals(System.getProperty("kindling.fuzz"));
    private static final long SEED = Long.getLong("kindling.fuzz.seed", 20261203L);

    @Test
    void seededSampleOfMutatedAndHostileFiles(@TempDir Path dir) {
        try (FuzzCampaign c = new FuzzCampaign(dir, Duration.ofSeconds(5))) {
            List<FuzzCampaign.Tally> tallies = List.of(
                    c.mutations(FuzzTarget.SAFETENSORS, FuzzSeeds.safetensors(), 2_000, SEED),
                    c.mutations(FuzzTarget.CHECKPOINT, FuzzSeeds.checkpoints(dir), 500, SEED),
                    c.mutations(FuzzTarget.CSV, FuzzSeeds.csv(), 1_500, SEED),
                    hostile(c, dir, 1 << 20, false));
            tallies.forEach(t -> System.out.println("fuzz sample: " + t));
            assertEquals(List.of(), c.failures());
        }
    }

    @Test
    void fullCampaignInAForked512MbJvm() throws IOException, InterruptedException {
        assumeTrue(FULL, "the full campaign runs with -Dkindling.fuzz=full");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
                "-Xmx512m"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules=jdk.incubator.vector"); // as the build runs the tests
        }
        command.addAll(List.of("-cp", codeSource(HostileInputFuzzTest.class) + File.pathSeparator
                + codeSource(Tensor.class), FullFuzzCampaign.class.getName(), Long.toString(SEED)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var report = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            report.lines().forEach(line -> System.out.println("fuzz full: " + line)); // surefire shows test output
        }
        assertEquals(0, p.waitFor(), "the full campaign failed; its report is above");
    }

    /** Every hand-made hostile file at {@code budget} bytes, as one tally; {@code verbose} prints each one. */
    static FuzzCampaign.Tally hostile(FuzzCampaign c, Path dir, long budget, boolean verbose) {
        FuzzCampaign.Tally tally = new FuzzCampaign.Tally("hostile");
        for (HostileFiles.Hostile h : HostileFiles.all()) {
            Path file = h.write(dir, budget);
            long start = System.nanoTime();
            String outcome = c.run(h.target(), file, h.name(), tally);
            if (verbose) System.out.printf("  %-52s %8.1f ms  %s%n", h.name(), (System.nanoTime() - start) / 1e6,
                    Excerpt.of(outcome.replace(file.toString(), "FILE"), 140));
        }
        return tally;
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
