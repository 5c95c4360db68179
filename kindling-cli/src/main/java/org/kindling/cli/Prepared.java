package org.kindling.cli;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.data.DataLoader;
import org.kindling.nn.Loss;
import org.kindling.nn.Module;
import org.kindling.data.RandomSplit;
import org.kindling.tabular.StandardScaler;
import org.kindling.data.Subset;
import org.kindling.data.TensorDataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's data, ready to train on: loaded, split into training and validation rows with the run's
 * seed, and standardized with scalers fitted on the training rows only.
 *
 * @param config   the configuration with column names filled in
 * @param raw      all rows in original units
 * @param valRows  which rows of {@code raw} are validation rows (the others train)
 * @param taskNote why the run classifies when that was inferred from the data, else null
 */
record Prepared(RunConfig config, DataSources.Data raw, boolean[] valRows, Scaling scaling,
                Tensor trainX, Tensor trainY, Tensor valX, Tensor valY, String taskNote) implements TrainingData {
    static final String CROSS_ENTROPY = "cross-entropy";

    static Prepared of(RunConfig c) {
        DataSources.Data read = switch (c.dataset()) {
            case DataSources.SINE -> DataSources.sine(c.seed());
            case "csv" -> {
                try (ReadProgress progress = new ReadProgress("Reading " + c.data(), Path.of(c.data()))) {
                    yield DataSources.csv(Path.of(c.data()), c.targets(), c.features(), c.task(), progress);
                }
            }
            default -> DataSources.bundled(c.dataset());
        };
        TaskChoice task = TaskChoice.of(read, c.task());
        DataSources.Data raw = read.withTargets(task.targets());
        List<String> classes = task.classes() == null ? null : task.classes().labels();
        if (c.classes() != null && !c.classes().equals(classes)) {
            throw new IllegalArgumentException("the class labels of the data changed since this run started (it has "
                    + (classes == null ? "none" : new ClassLabels(classes).listed()) + "; the run was trained on "
                    + new ClassLabels(c.classes()).listed() + ")");
        }
        RunConfig resolved = c.withData(raw.featureNames(), raw.targetNames(), task.task(), lossFor(task.task(), c.loss()), classes);
        Networks.describe(resolved, raw.features().size(1)); // a usage error now, before any file is written, if --model does not fit
        int n = raw.rows();
        boolean[] val = new boolean[n];
        if (c.valSplit() > 0) {
            List<Subset<Tensor[]>> parts = RandomSplit.randomSplit(new TensorDataset(raw.features(), raw.targets()),
                    new double[] {1 - c.valSplit(), c.valSplit()}, new Generator(c.seed()));
            for (int i : parts.get(1).indices()) val[i] = true;
            if (parts.get(0).size() == 0) {
                throw new IllegalArgumentException("--val-split " + c.valSplit() + " leaves no training rows out of " + n);
            }
        }
        Tensor trainIdx = indices(val, false), valIdx = indices(val, true);
        Tensor trainXRaw = raw.features().indexSelect(0, trainIdx), trainYRaw = raw.targets().indexSelect(0, trainIdx);
        Scaling scaling = !c.standardize() ? Scaling.identity(raw.features().size(1), raw.targets().size(1))
                : resolved.classifies() ? new Scaling(StandardScaler.fit(trainXRaw), Scaling.identityScaler(1))
                : Scaling.fit(trainXRaw, trainYRaw);
        Tensor vx = null, vy = null;
        if (valIdx.numel() > 0) {
            vx = scaling.x().transform(raw.features().indexSelect(0, valIdx));
            vy = trainingTargets(resolved, scaling, raw.targets().indexSelect(0, valIdx));
        }
        return new Prepared(resolved, raw, val, scaling, scaling.x().transform(trainXRaw),
                trainingTargets(resolved, scaling, trainYRaw), vx, vy, task.note());
    }

    /** What the loss compares outputs with: standardized values, or class indices [N] as int64 for cross-entropy. */
    private static Tensor trainingTargets(RunConfig c, Scaling scaling, Tensor targets) {
        return c.classifies() ? targets.reshape(targets.size(0)).to(org.kindling.DType.INT64) : scaling.y().transform(targets);
    }

    /** The loss asked for, or the task's usual one; regression losses do not classify and cross-entropy does not regress. */
    static String lossFor(String task, String asked) {
        boolean classify = RunConfig.CLASSIFY.equals(task);
        if (asked == null) return classify ? CROSS_ENTROPY : "mse";
        if (classify != asked.equals(CROSS_ENTROPY)) {
            throw new UsageError("--loss " + asked + (classify ? " is a regression loss; classification uses cross-entropy"
                    : " is for classification; this target is regressed (use mse, l1 or huber, or --task classify)"));
        }
        return asked;
    }

    private static Tensor indices(boolean[] val, boolean wanted) {
        int count = 0;
        for (boolean v : val) if (v == wanted) count++;
        long[] idx = new long[count];
        for (int i = 0, k = 0; i < val.length; i++) if (val[i] == wanted) idx[k++] = i;
        return Tensor.fromArray(idx, count);
    }

    @Override
    public boolean hasValidation() {
        return valX != null;
    }

    @Override
    public int inputs() {
        return raw.features().size(1);
    }

    @Override
    public long trainRows() {
        return trainX.size(0);
    }

    @Override
    public long validationRows() {
        return valX == null ? 0 : valX.size(0);
    }

    @Override
    public Map<String, Tensor> scalerState() {
        return scaling.stateDict();
    }

    @Override
    public DataLoader<Tensor[]> loader(int batchSize, Generator order) {
        int batch = batchSize == Defaults.FULL_BATCH ? trainX.size(0) : batchSize;
        return new DataLoader<>(new TensorDataset(trainX, trainY), DataLoader.options().batchSize(batch).shuffle(true).generator(order));
    }

    @Override
    public double[] evaluate(Module model, Loss criterion) {
        if (valX == null) return null;
        model.eval();
        try (var g = Autograd.noGrad()) {
            Tensor output = model.forward(valX);
            double accuracy = valY.dtype() == DType.INT64 ? (double) Accuracy.correct(output, valY) / valY.size(0) : Double.NaN;
            return new double[] {criterion.forward(output, valY).itemDouble(), accuracy};
        }
    }

    @Override
    public PredictionTable predictions(Module model, boolean all) {
        boolean every = all || valX == null;
        Tensor x = raw.features(), y = raw.targets();
        boolean[] flags = valRows.clone();
        if (!every) {
            Tensor idx = indices(valRows, true);
            x = x.indexSelect(0, idx);
            y = y.indexSelect(0, idx);
            flags = new boolean[x.size(0)];
            java.util.Arrays.fill(flags, true);
        }
        Tensor predicted;
        model.eval();
        try (var g = Autograd.noGrad()) {
            Tensor output = model.forward(scaling.x().transform(x));
            predicted = config.classifies() ? output.argmax(1, true).to(DType.FLOAT32) : scaling.y().inverseTransform(output);
        }
        return new PredictionTable(config.features(), config.targets(), flags, Artifacts.rows(x), Artifacts.rows(y),
                Artifacts.rows(predicted));
    }

    /** Feature and target scalers (identity ones when the run does not standardize). */
    record Scaling(StandardScaler x, StandardScaler y) {
        static Scaling fit(Tensor x, Tensor y) {
            return new Scaling(StandardScaler.fit(x), StandardScaler.fit(y));
        }

        static Scaling identity(int features, int targets) {
            return new Scaling(identityScaler(features), identityScaler(targets));
        }

        static StandardScaler identityScaler(int n) {
            return StandardScaler.fromStateDict(Map.of("mean", org.kindling.Tensor.zeros(org.kindling.DType.FLOAT64, n),
                    "scale", org.kindling.Tensor.ones(org.kindling.DType.FLOAT64, n)));
        }

        Map<String, Tensor> stateDict() {
            Map<String, Tensor> out = new LinkedHashMap<>();
            x.stateDict().forEach((k, v) -> out.put("features." + k, v));
            y.stateDict().forEach((k, v) -> out.put("targets." + k, v));
            return out;
        }

        static Scaling fromStateDict(Map<String, Tensor> state, Path file) {
            Map<String, Tensor> xs = new LinkedHashMap<>(), ys = new LinkedHashMap<>();
            state.forEach((k, v) -> {
                if (k.startsWith("features.")) xs.put(k.substring(9), v);
                else if (k.startsWith("targets.")) ys.put(k.substring(8), v);
            });
            if (xs.isEmpty() || ys.isEmpty()) throw new IllegalArgumentException(file + ": not a scaler file of a Kindling run");
            return new Scaling(StandardScaler.fromStateDict(xs), StandardScaler.fromStateDict(ys));
        }
    }
}
