package org.kindling.cli;

import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Regression or classification, as asked ({@code --task}) or inferred from the target: text, or whole
 * numbers with few distinct values (at most {@value #MAX_INFERRED_CLASSES}, and at least five rows per
 * value on average), mean classes; anything else is a number to fit.
 *
 * @param task    {@link RunConfig#REGRESS} or {@link RunConfig#CLASSIFY}
 * @param note    what to tell the user about an inferred classification, else null
 * @param classes the class labels when classifying, else null
 * @param targets [N, T] target values to regress on, or [N, 1] class indices (as floats) when classifying
 */
record TaskChoice(String task, String note, ClassLabels classes, Tensor targets) {
    static final int MAX_INFERRED_CLASSES = 20;

    static TaskChoice of(DataSources.Data data, String requested) {
        String target = data.targetNames().get(0);
        if (data.targetNames().size() > 1) {
            if (RunConfig.CLASSIFY.equals(requested)) {
                throw new UsageError("--task classify takes one target column, got " + data.targetNames().size() + ": "
                        + String.join(", ", data.targetNames().stream().map(UserText::value).toList()));
            }
            return new TaskChoice(RunConfig.REGRESS, null, null, data.targets());
        }
        List<String> cells = data.labels() != null ? data.labels() : numbers(data.targets());
        if (data.labels() != null) {
            return classify(target, cells, requested == null ? "inferred: target '" + UserText.value(target) + "' holds text" : null);
        }
        if (RunConfig.REGRESS.equals(requested)) return new TaskChoice(RunConfig.REGRESS, null, null, data.targets());
        if (RunConfig.CLASSIFY.equals(requested)) return classify(target, cells, null);
        Set<String> distinct = new HashSet<>(cells);
        boolean whole = cells.stream().noneMatch(c -> c.contains(".") || c.contains("E"));
        if (whole && distinct.size() <= MAX_INFERRED_CLASSES && distinct.size() * 5 <= cells.size()) {
            return classify(target, cells, "inferred: target '" + UserText.value(target) + "' has " + distinct.size()
                    + " distinct whole-number values; --task regress fits it as a number instead");
        }
        return new TaskChoice(RunConfig.REGRESS, null, null, data.targets());
    }

    private static TaskChoice classify(String target, List<String> cells, String inferred) {
        ClassLabels classes = ClassLabels.of(cells);
        if (classes.size() < 2) {
            throw new UsageError("target '" + UserText.value(target) + "' has a single class ('" + classes.listed()
                    + "'): classification needs at least two classes");
        }
        float[] index = new float[cells.size()];
        for (int i = 0; i < index.length; i++) index[i] = classes.index(cells.get(i));
        return new TaskChoice(RunConfig.CLASSIFY, inferred, classes, Tensor.fromArray(index, index.length, 1));
    }

    private static List<String> numbers(Tensor column) {
        float[] v = column.toFloatArray();
        List<String> out = new ArrayList<>(v.length);
        for (float f : v) out.add(ClassLabels.ofNumber(f));
        return out;
    }
}
