package org.kindling.cli;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvRecords;
import org.kindling.tabular.CsvException;
import org.kindling.tabular.CsvTable;
import org.kindling.io.AtomicFiles;
import org.kindling.io.Safetensors;
import org.kindling.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kindling predict}: applies a trained run to new rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the targets of new rows with a trained run (its saved scaler is applied).",
                "A classifier adds one probability_<class> column per class and the predicted label; when the rows "
                        + "carry the class column, its labels must be classes the run knows, and the accuracy is printed."})
final class PredictCommand implements Callable<Integer> {
    static final String PROBABILITY = "probability_";

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "run folder written by 'kindling train'")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "CSV with the model's feature columns (by name); every column is copied to the output as written")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the predictions CSV (default: standard output)")
    Path out;

    @Option(names = "--verbose", description = "print stack traces of failures")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        RunFolder run = new RunFolder(model);
        RunConfig config = RunConfig.read(model);
        Sequential net = Networks.build(config, config.features().size(), Networks.outputs(config));
        net.loadStateDict(Safetensors.load(run.model()));
        Prepared.Scaling scaling = Prepared.Scaling.fromStateDict(Safetensors.load(run.scaler()), run.scaler());

        CsvTable rows;
        try {
            rows = Csv.read(data, Csv.options().features(config.features()).targets(List.of()));
        } catch (CsvException e) {
            int n = config.features().size();
            throw new IllegalArgumentException(e.getMessage() + " (the model was trained on " + n
                    + (n == 1 ? " feature: " : " features: ") + String.join(", ", config.features()) + ")", e);
        }
        List<CsvRecords.Record> parsed = inputRecords(rows.rows());
        List<String> records = parsed.stream().map(CsvRecords.Record::text).toList();
        long[] truth = config.classifies() ? KnownLabels.check(parsed, config, data) : null;
        Tensor predicted;
        net.eval();
        try (var g = Autograd.noGrad()) {
            Tensor output = net.forward(scaling.x().transform(rows.features()));
            predicted = config.classifies() ? output.softmax(1) : scaling.y().inverseTransform(output);
        }
        if (truth != null) {
            System.err.println("Accuracy on the " + truth.length + " labelled rows: "
                    + Metrics.format((double) Accuracy.correct(predicted, Tensor.fromArray(truth, truth.length)) / truth.length));
        }
        if (out == null) {
            write(records, config, predicted, System.out);
        } else {
            AtomicFiles.write(out, stream -> write(records, config, predicted, stream));
            System.err.println("Wrote " + rows.rows() + " predictions to " + out);
        }
        return 0;
    }

    /** The input's header and rows as written, to pass through unchanged. */
    private List<CsvRecords.Record> inputRecords(int rows) {
        List<CsvRecords.Record> records = CsvRecords.read(data);
        if (records.size() != rows + 1) {
            throw new IllegalStateException(data + ": found " + (records.size() - 1) + " rows to copy but read " + rows);
        }
        return records;
    }

    /**
     * Every input column as written, then one {@code predicted_<target>} column per target; when classifying,
     * one {@code probability_<class>} column per class (in index order) and the predicted class label.
     */
    private static void write(List<String> records, RunConfig config, Tensor predicted, OutputStream stream) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        if (config.classifies()) {
            writeClasses(records, config, predicted, w);
            return;
        }
        StringBuilder header = new StringBuilder(records.get(0));
        for (String t : config.targets()) header.append(',').append(CsvRecords.quote(PredictionTable.PREFIX + t));
        w.write(header.append('\n').toString());
        float[] y = predicted.toFloatArray();
        int k = config.targets().size();
        for (int i = 0; i + 1 < records.size(); i++) {
            StringBuilder line = new StringBuilder(records.get(i + 1));
            for (int j = 0; j < k; j++) line.append(',').append(y[i * k + j]);
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    private static void writeClasses(List<String> records, RunConfig config, Tensor probabilities, Writer w) throws IOException {
        StringBuilder header = new StringBuilder(records.get(0));
        for (String c : config.classes()) header.append(',').append(CsvRecords.quote(PROBABILITY + c));
        header.append(',').append(CsvRecords.quote(PredictionTable.PREFIX + config.targets().get(0)));
        w.write(header.append('\n').toString());
        float[] p = probabilities.toFloatArray();
        long[] best = probabilities.argmax(1, false).toLongArray();
        int k = config.classes().size();
        for (int i = 0; i + 1 < records.size(); i++) {
            StringBuilder line = new StringBuilder(records.get(i + 1));
            for (int j = 0; j < k; j++) line.append(',').append(p[i * k + j]);
            line.append(',').append(CsvRecords.quote(config.classes().get((int) best[i])));
            w.write(line.append('\n').toString());
        }
        w.flush();
    }
}
