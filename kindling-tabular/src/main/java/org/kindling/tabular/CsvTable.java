package org.kindling.tabular;

import org.kindling.Tensor;
import org.kindling.data.TensorDataset;

import java.util.List;
import java.util.Objects;

/**
 * A numeric table read by {@link Csv}: float32 features and targets with their column names.
 *
 * <p>Shapes: {@code features} is {@code [N, featureNames.size()]}, {@code targets} is
 * {@code [N, targetNames.size()]} (width 0 when no target was selected).
 *
 * @param features the feature columns, in {@code featureNames} order
 * @param targets the target columns, in {@code targetNames} order
 * @param featureNames the feature column names
 * @param targetNames the target column names
 */
public record CsvTable(Tensor features, Tensor targets, List<String> featureNames, List<String> targetNames) {
    /** Checks that the shapes agree with the names; copies the name lists. */
    public CsvTable {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        if (features.dim() != 2 || targets.dim() != 2 || features.size(0) != targets.size(0)
                || features.size(1) != featureNames.size() || targets.size(1) != targetNames.size()) {
            throw new IllegalArgumentException("CsvTable: features " + java.util.Arrays.toString(features.shape())
                    + " and targets " + java.util.Arrays.toString(targets.shape()) + " do not match "
                    + featureNames.size() + " feature and " + targetNames.size() + " target names");
        }
    }

    /** Returns the number of data rows. */
    public int rows() {
        return features.size(0);
    }

    /**
     * Returns {@code TensorDataset(features, targets)}.
     *
     * @throws IllegalStateException if no target column was selected
     */
    public TensorDataset dataset() {
        if (targetNames.isEmpty()) {
            throw new IllegalStateException("CsvTable: no target column was selected; name one to build a dataset");
        }
        return new TensorDataset(features, targets);
    }
}
