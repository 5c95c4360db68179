package org.kindling.cli;

import org.kindling.tabular.CsvRecords;

import java.nio.file.Path;
import java.util.List;

/**
 * Checks the class column of rows given to a classifier, when they have one (a labelled test set): a label
 * the run never saw is a usage error, since the model cannot predict it and its accuracy would mislead.
 */
final class KnownLabels {
    private KnownLabels() {}

    /** The class index of every row, or null when the rows have no class column. */
    static long[] check(List<CsvRecords.Record> records, RunConfig config, Path file) {
        String target = config.targets().get(0);
        int column = records.get(0).fields().stream().map(String::strip).toList().indexOf(target);
        if (column < 0) return null;
        ClassLabels classes = new ClassLabels(config.classes());
        long[] index = new long[records.size() - 1];
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i).fields();
            String label = column < fields.size() ? fields.get(column) : "";
            index[i - 1] = classes.index(label);
            if (index[i - 1] < 0) {
                throw new UsageError(file + ": data row " + i + ", column '" + UserText.value(target) + "': label '"
                        + UserText.value(label.strip()) + "' is not one of the classes the run was trained on ("
                        + classes.listed() + ")");
            }
        }
        return index;
    }
}
