package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kindling.testing.Fixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs every PyTorch parity fixture: the bundled set (test resources {@code parity/}) and, with
 * {@code -Dkindling.parity.dir=DIR}, every fixture under DIR too. One test per fixture, named by
 * its file name; a kind or an op without a runner fails, so a missing op cannot stay green.
 */
class ParityTest {
    /** The runner for each fixture kind (parity README §4-§8). */
    private static final Map<String, FixtureRunner> RUNNERS = Map.of(
            "op", new OpFixtures(),
            "optimizer", new OptimizerFixtures(),
            "rng", new RngFixtures(),
            "safetensors", new SafetensorsFixtures(),
            "training", new TrainingFixtures());

    @TestFactory
    Stream<DynamicNode> bundled() {
        return sets(Fixtures.parityRoot());
    }

    @TestFactory
    Stream<DynamicNode> extraDirectory() {
        String dir = System.getProperty("kindling.parity.dir", "");
        if (dir.isBlank()) return Stream.empty();
        Path path = Path.of(dir);
        if (!path.isAbsolute()) path = Path.of(System.getProperty("kindling.root", ".")).resolve(path);
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("-Dkindling.parity.dir=" + dir + ": not a directory (resolved to " + path + ")");
        }
        return sets(path);
    }

    private static Stream<DynamicNode> sets(Path root) {
        List<DynamicNode> kinds = new ArrayList<>();
        for (String kind : kinds(root)) {
            List<DynamicNode> cases = new ArrayList<>();
            for (Path file : Fixtures.list(root, kind)) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                cases.add(DynamicTest.dynamicTest(name, file.toUri(), () -> run(kind, file)));
            }
            kinds.add(DynamicContainer.dynamicContainer(kind + " (" + root + ")", cases));
        }
        return kinds.stream();
    }

    /** Every fixture directory under {@code root}, so that a kind without a runner fails. */
    private static List<String> kinds(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list fixture kinds in " + root, e);
        }
    }

    private static void run(String kind, Path file) throws Exception {
        FixtureRunner runner = RUNNERS.get(kind);
        if (runner == null) throw new AssertionError("no runner for fixture kind '" + kind + "': every fixture must run");
        JsonNode fixture = Fixtures.load(file);
        runner.run(fixture, file);
    }

    /** Executes one fixture and fails with the first mismatch. */
    interface FixtureRunner {
        void run(JsonNode fixture, Path file) throws Exception;
    }
}
