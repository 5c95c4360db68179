package org.kindling.cli;

import org.kindling.Generator;
import org.kindling.Tensor;
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
 */
record Prepared(RunConfig config, DataSources.Data raw, boolean[] valRows, Scaling scaling,
                Tensor trainX, Tensor trainY, Tensor valX, Tensor valY) {

    static Prepared of(RunConfig c) {
        DataSources.Data raw = switch (c.dataset()) {
            case DataSources.SINE -> DataSources.sine(c.seed());
            case "csv" -> DataSources.csv(Path.of(c.data()), c.targets(), c.features());
            default -> DataSources.bundled(c.dataset());
        };
        RunConfig resolved = new RunConfig(c.dataset(), c.data(), raw.featureNames(), raw.targetNames(), c.hidden(),
                c.activation(), c.loss(), c.optimizer(), c.lr(), c.momentum(), c.epochs(), c.batchSize(), c.valSplit(),
                c.seed(), c.standardize());
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
        Scaling scaling = c.standardize() ? Scaling.fit(trainXRaw, trainYRaw) : Scaling.identity(raw.features().size(1),
                raw.targets().size(1));
        Tensor vx = null, vy = null;
        if (valIdx.numel() > 0) {
            vx = scaling.x().transform(raw.features().indexSelect(0, valIdx));
            vy = scaling.y().transform(raw.targets().indexSelect(0, valIdx));
        }
        return new Prepared(resolved, raw, val, scaling, scaling.x().transform(trainXRaw), scaling.y().transform(trainYRaw), vx, vy);
    }

    private static Tensor indices(boolean[] val, boolean wanted) {
        int count = 0;
        for (boolean v : val) if (v == wanted) count++;
        long[] idx = new long[count];
        for (int i = 0, k = 0; i < val.length; i++) if (val[i] == wanted) idx[k++] = i;
        return Tensor.fromArray(idx, count);
    }

    boolean hasValidation() {
        return valX != null;
    }

    int inputs() {
        return raw.features().size(1);
    }

    int outputs() {
        return raw.targets().size(1);
    }

    Map<String, Tensor> scalerState() {
        return scaling.stateDict();
    }

    /** Feature and target scalers (identity ones when the run does not standardize). */
    record Scaling(StandardScaler x, StandardScaler y) {
        static Scaling fit(Tensor x, Tensor y) {
            return new Scaling(StandardScaler.fit(x), StandardScaler.fit(y));
        }

        static Scaling identity(int features, int targets) {
            return new Scaling(identityScaler(features), identityScaler(targets));
        }

        private static StandardScaler identityScaler(int n) {
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
