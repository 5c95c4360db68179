package org.kindling.cli;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvTable;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The data a run trains on: the tutorial's sine problem, a bundled data set, or the user's CSV. */
final class DataSources {
    static final String SINE = "sine";
    static final List<String> BUNDLED = List.of("diabetes");

    private DataSources() {}

    /** Features [N, F] and targets [N, T] with their column names. */
    record Data(Tensor features, Tensor targets, List<String> featureNames, List<String> targetNames) {
        int rows() {
            return features.size(0);
        }
    }

    /**
     * The tutorial's problem: 1000 points with x ~ U(-π, π) and y = sin(x) + 0.05·ε, drawn from a
     * generator seeded with {@code seed}.
     */
    static Data sine(long seed) {
        Generator g = new Generator(seed);
        Tensor x = Tensor.rand(g, org.kindling.DType.FLOAT32, 1000, 1).mul(2 * Math.PI).sub(Math.PI);
        Tensor y = x.sin().add(Tensor.randn(g, org.kindling.DType.FLOAT32, 1000, 1).mul(0.05));
        return new Data(x, y, List.of("x"), List.of("y"));
    }

    /** A data set shipped inside the jar (their origin: README.md, "Data sets"). */
    static Data bundled(String name) {
        if (!name.equals("diabetes")) {
            throw new IllegalArgumentException("unknown data set '" + name + "' (available: " + SINE + ", "
                    + String.join(", ", BUNDLED) + ")");
        }
        InputStream in = DataSources.class.getResourceAsStream("/datasets/" + name + ".csv");
        if (in == null) throw new IllegalStateException("bundled data set " + name + " is missing from the jar");
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return of(Csv.read(r, name + ".csv", Csv.options().targets("progression")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads {@code file}, using {@code targets} as targets and {@code features} (or all other columns) as inputs. */
    static Data csv(Path file, List<String> targets, List<String> features) {
        Csv.Options options = Csv.options().targets(targets.toArray(String[]::new));
        if (features != null && !features.isEmpty()) options = options.features(features.toArray(String[]::new));
        return of(Csv.read(file, options));
    }

    private static Data of(CsvTable t) {
        return new Data(t.features(), t.targets(), t.featureNames(), t.targetNames());
    }
}
