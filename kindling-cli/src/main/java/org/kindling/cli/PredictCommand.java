package org.kindling.cli;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.data.Csv;
import org.kindling.data.CsvException;
import org.kindling.data.CsvTable;
import org.kindling.io.AtomicFiles;
import org.kindling.io.Safetensors;
import org.kindling.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kindling predict}: applies a trained run to new rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the targets of new rows with a trained run (its saved scaler is applied).")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "run folder written by 'kindling train'")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV with the model's feature columns (by name)")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the predictions CSV (default: standard output)")
    Path out;

    @Option(names = "--verbose", description = "print stack traces of failures")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        RunFolder run = new RunFolder(model);
        RunConfig config = RunConfig.read(model);
        Sequential net = Mlp.build(config.features().size(), config.hidden(), config.targets().size(), config.activation());
        net.loadStateDict(Safetensors.load(run.model()));
        Prepared.Scaling scaling = Prepared.Scaling.fromStateDict(Safetensors.load(run.scaler()), run.scaler());

        CsvTable rows;
        try {
            rows = Csv.read(data, Csv.options().features(config.features()).targets(java.util.List.of()));
        } catch (CsvException e) {
            int n = config.features().size();
            throw new IllegalArgumentException(e.getMessage() + " (the model was trained on " + n
                    + (n == 1 ? " feature: " : " features: ") + String.join(", ", config.features()) + ")", e);
        }
        Tensor predicted;
        net.eval();
        try (var g = Autograd.noGrad()) {
            predicted = scaling.y().inverseTransform(net.forward(scaling.x().transform(rows.features())));
        }
        if (out == null) {
            write(rows, config, predicted, System.out);
        } else {
            AtomicFiles.write(out, stream -> write(rows, config, predicted, stream));
            System.err.println("Wrote " + rows.rows() + " predictions to " + out);
        }
        return 0;
    }

    private static void write(CsvTable rows, RunConfig config, Tensor predicted, OutputStream stream) throws IOException {
        Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(String.join(",", config.features()));
        for (String t : config.targets()) header.append(',').append(PredictionTable.PREFIX).append(t);
        w.write(header.append('\n').toString());
        float[] x = rows.features().toFloatArray(), y = predicted.toFloatArray();
        int f = config.features().size(), k = config.targets().size();
        for (int i = 0; i < rows.rows(); i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < f; j++) line.append(j > 0 ? "," : "").append(x[i * f + j]);
            for (int j = 0; j < k; j++) line.append(',').append(y[i * k + j]);
            w.write(line.append('\n').toString());
        }
        w.flush();
    }
}
