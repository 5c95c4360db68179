package org.kindling.cli;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvException;
import org.kindling.tabular.CsvRecords;
import org.kindling.tabular.CsvTable;
import org.kindling.tabular.Datasets;

import java.nio.file.Path;
import java.util.List;

/** The data a run trains on: the tutorial's sine problem, a bundled data set, or the user's CSV. */
final class DataSources {
    static final String SINE = "sine";
    /** Bundled data sets and their target columns. */
    static final List<String> BUNDLED = Datasets.names();

    private DataSources() {}

    /**
     * Features [N, F] and targets [N, T] with their column names. When the target column holds text,
     * {@code labels} has its cells (one per row) and {@code targets} is empty [N, 0]; else labels is null.
     */
    record Data(Tensor features, Tensor targets, List<String> featureNames, List<String> targetNames, List<String> labels) {
        int rows() {
            return features.size(0);
        }

        Data withTargets(Tensor newTargets) {
            return new Data(features, newTargets, featureNames, targetNames, null);
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
        return new Data(x, y, List.of("x"), List.of("y"), null);
    }

    /** A data set shipped with Kindling (kindling-tabular's Datasets; their origin: README.md, "Data sets"). */
    static Data bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException("unknown data set '" + name + "' (available: " + SINE + ", "
                    + String.join(", ", BUNDLED) + ")");
        }
        return of(Datasets.read(name));
    }

    /**
     * Reads {@code file}, using {@code targets} as targets and {@code features} (or all other columns) as inputs.
     * A single target column that is not numbers is read as class labels, unless the task is {@code regress}.
     */
    static Data csv(Path file, List<String> targets, List<String> features, String task) {
        return csv(file, targets, features, task, null);
    }

    /** {@link #csv(Path, List, List, String)}, telling {@code progress} the bytes parsed (may be null). */
    static Data csv(Path file, List<String> targets, List<String> features, String task, java.util.function.LongConsumer progress) {
        Csv.Options options = Csv.options().targets(targets.toArray(String[]::new)).progress(progress);
        if (features != null && !features.isEmpty()) options = options.features(features.toArray(String[]::new));
        try {
            return of(Csv.read(file, options));
        } catch (CsvException e) {
            boolean labelCell = e.row() > 1 && targets.size() == 1 && targets.get(0).equals(e.column());
            if (!labelCell || RunConfig.REGRESS.equals(task)) throw e;
            return withTextTarget(file, targets.get(0), features);
        }
    }

    /** Features read as numbers, the target column as text: the class labels of a classification. */
    private static Data withTextTarget(Path file, String target, List<String> features) {
        List<String> labels = CsvRecords.column(file, target);
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).isEmpty()) {
                throw new IllegalArgumentException(file + ": data row " + (i + 1) + ", column '" + UserText.value(target)
                        + "': empty cell (missing class label)");
            }
        }
        List<String> header = CsvRecords.header(file);
        List<String> inputs = features != null && !features.isEmpty() ? features
                : header.stream().filter(h -> !h.equals(target)).toList();
        CsvTable table = Csv.read(file, Csv.options().targets(List.of()).features(inputs));
        if (labels.size() != table.rows()) {
            throw new IllegalStateException(file + ": read " + table.rows() + " rows but " + labels.size() + " labels");
        }
        return new Data(table.features(), Tensor.zeros(table.rows(), 0), table.featureNames(), List.of(target), labels);
    }

    private static Data of(CsvTable t) {
        return new Data(t.features(), t.targets(), t.featureNames(), t.targetNames(), null);
    }
}
