package org.kindling.cli;

import org.kindling.Autograd;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.data.DataLoader;
import org.kindling.nn.Loss;
import org.kindling.nn.Module;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvStream;
import org.kindling.tabular.StandardScaler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * A CSV file too large to hold, trained on as a stream ({@link CsvStream}): each epoch reads the file
 * again through a shuffle buffer of {@value #SHUFFLE_BUFFER} rows. Validation rows are chosen by
 * {@link HashSplit}; the scalers are fitted on the training rows in two streaming passes (mean, then
 * variance), in file order, so they are deterministic. Streaming regresses: classes would need every
 * label before training starts.
 */
final class StreamedData implements TrainingData {
    static final int SHUFFLE_BUFFER = 1_000_000;
    private static final int EVAL_BATCH = 8192;

    private final RunConfig config;
    private final CsvStream all;
    private final CsvStream train;
    private final CsvStream validation;
    private final LongPredicate isValidation;
    private final Prepared.Scaling scaling;
    private final long trainRows;
    private final long validationRows;

    private StreamedData(RunConfig config, CsvStream all, LongPredicate isValidation, Prepared.Scaling scaling) {
        this.config = config;
        this.all = all;
        this.isValidation = isValidation;
        this.train = all.with(CsvStream.options().rows(isValidation.negate()));
        this.validation = all.with(CsvStream.options().rows(isValidation));
        this.scaling = scaling;
        this.trainRows = train.size();
        this.validationRows = validation.size();
    }

    static StreamedData of(RunConfig c) {
        if (RunConfig.CLASSIFY.equals(c.task())) {
            throw new UsageError("--task classify needs the data in memory; this file is streamed (larger than "
                    + "--stream-above), and streamed files are regressed: raise --stream-above to classify it");
        }
        Path file = Path.of(c.data());
        Csv.Options columns = Csv.options().targets(c.targets());
        if (c.features() != null && !c.features().isEmpty()) columns = columns.features(c.features());
        CsvStream all = CsvStream.open(file, columns, CsvStream.options());
        RunConfig resolved = c.withData(all.featureNames(), all.targetNames(), RunConfig.REGRESS,
                Prepared.lossFor(RunConfig.REGRESS, c.loss()), null);
        int inputs = all.featureNames().size();
        Networks.describe(resolved, inputs); // a usage error now, before any file is written
        double fraction = c.valSplit();
        long seed = c.seed();
        LongPredicate isValidation = row -> HashSplit.isValidation(row, seed, fraction);
        CsvStream train = all.with(CsvStream.options().rows(isValidation.negate()));
        if (train.size() == 0) {
            throw new IllegalArgumentException("--val-split " + fraction + " leaves no training rows out of " + all.size());
        }
        int targets = all.targetNames().size();
        Prepared.Scaling scaling = c.standardize() ? fit(all, isValidation.negate(), inputs, targets)
                : Prepared.Scaling.identity(inputs, targets);
        return new StreamedData(resolved, all, isValidation, scaling);
    }

    /** Feature and target scalers from two passes over the training rows, [x | y] side by side. */
    private static Prepared.Scaling fit(CsvStream all, LongPredicate isTraining, int inputs, int targets) {
        int[] pass = {0};
        Iterable<Tensor> blocks = () -> {
            pass[0]++;
            ReadProgress progress = new ReadProgress("Standardizing, pass " + pass[0] + " of 2", all.bytes());
            Iterator<Tensor[]> batches = all.with(CsvStream.options().rows(isTraining).progress(progress)).batches(65536);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = batches.hasNext();
                    if (!more) progress.close();
                    return more;
                }

                @Override
                public Tensor next() {
                    Tensor[] b = batches.next();
                    return Tensor.cat(List.of(b[0], b[1]), 1);
                }
            };
        };
        StandardScaler both = StandardScaler.fit(blocks);
        return new Prepared.Scaling(slice(both, 0, inputs), slice(both, inputs, targets));
    }

    private static StandardScaler slice(StandardScaler s, int from, int length) {
        return StandardScaler.fromStateDict(Map.of("mean", s.mean().narrow(0, from, length).contiguous(),
                "scale", s.scale().narrow(0, from, length).contiguous()));
    }

    @Override
    public RunConfig config() {
        return config;
    }

    @Override
    public String taskNote() {
        return null;
    }

    @Override
    public int inputs() {
        return all.featureNames().size();
    }

    @Override
    public long trainRows() {
        return trainRows;
    }

    @Override
    public long validationRows() {
        return validationRows;
    }

    @Override
    public Map<String, Tensor> scalerState() {
        return scaling.stateDict();
    }

    private Tensor[] standardized(Tensor[] b) {
        return new Tensor[] {scaling.x().transform(b[0]), scaling.y().transform(b[1])};
    }

    @Override
    public DataLoader<Tensor[]> loader(int batchSize, Generator order) {
        int batch = batchSize == Defaults.FULL_BATCH ? (int) Math.min(trainRows, Integer.MAX_VALUE) : batchSize;
        CsvStream rows = train.with(CsvStream.options().rows(isValidation.negate()).shuffleBuffer(SHUFFLE_BUFFER)
                .generator(order).transform(this::standardized));
        return new DataLoader<>(rows, DataLoader.options().batchSize(batch).generator(order));
    }

    @Override
    public double[] evaluate(Module model, Loss criterion) {
        if (validationRows == 0) return null;
        model.eval();
        double sum = 0;
        long n = 0;
        try (var g = Autograd.noGrad()) {
            Iterator<Tensor[]> batches = validation.with(CsvStream.options().rows(isValidation).transform(this::standardized))
                    .batches(EVAL_BATCH);
            while (batches.hasNext()) {
                Tensor[] b = batches.next();
                int rows = b[0].size(0);
                sum += criterion.forward(model.forward(b[0]), b[1]).itemDouble() * rows; // the mean over all rows
                n += rows;
            }
        }
        return new double[] {sum / n, Double.NaN};
    }

    @Override
    public PredictionTable predictions(Module model, boolean everyRow) {
        boolean every = everyRow || validationRows == 0;
        List<float[]> x = new ArrayList<>(), y = new ArrayList<>(), p = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        CsvStream rows = every ? all : validation.with(CsvStream.options().rows(isValidation));
        model.eval();
        long index = 0;
        try (var g = Autograd.noGrad()) {
            Iterator<Tensor[]> batches = rows.batches(EVAL_BATCH);
            while (batches.hasNext()) {
                Tensor[] b = batches.next();
                Tensor predicted = scaling.y().inverseTransform(model.forward(scaling.x().transform(b[0])));
                float[][] bx = Artifacts.rows(b[0]), by = Artifacts.rows(b[1]), bp = Artifacts.rows(predicted);
                for (int i = 0; i < bx.length; i++) {
                    x.add(bx[i]);
                    y.add(by[i]);
                    p.add(bp[i]);
                    flags.add(!every || isValidation.test(index++));
                }
            }
        }
        boolean[] val = new boolean[flags.size()];
        for (int i = 0; i < val.length; i++) val[i] = flags.get(i);
        return new PredictionTable(config.features(), config.targets(), val, x.toArray(float[][]::new),
                y.toArray(float[][]::new), p.toArray(float[][]::new));
    }
}
