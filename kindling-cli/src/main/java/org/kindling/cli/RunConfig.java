package org.kindling.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a training run used, resolved (no defaults left implicit); written to
 * {@code config.json} in the run folder, and read back by {@code predict}, {@code plot} and
 * {@code --resume}.
 *
 * @param dataset   {@code sine} (the tutorial's problem), a bundled set ({@code diabetes}) or {@code csv}
 * @param data      the CSV file for {@code csv}, else null
 * @param features  input column names, in model order
 * @param targets   target column names
 * @param batchSize rows per step (the whole training split for full-batch training)
 * @param momentum  SGD's momentum; null for optimizers it does not apply to (and then not written)
 * @param standardize whether features and targets are standardized (scaler fitted on the training split)
 */
record RunConfig(String dataset, String data, List<String> features, List<String> targets,
                 List<Integer> hidden, String activation, String loss, String optimizer,
                 double lr, @JsonInclude(JsonInclude.Include.NON_NULL) Double momentum, int epochs, int batchSize, double valSplit, long seed,
                 boolean standardize) {

    static final String FILE = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RunConfig withEpochs(int newEpochs) {
        return new RunConfig(dataset, data, features, targets, hidden, activation, loss, optimizer, lr, momentum,
                newEpochs, batchSize, valSplit, seed, standardize);
    }

    void write(Path runDir) {
        try {
            String text = JSON.writeValueAsString(this);
            org.kindling.io.AtomicFiles.write(runDir.resolve(FILE), out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE), e);
        }
    }

    static RunConfig read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(runDir + " is not a run folder (no " + FILE + "); pass the folder that "
                    + "'kindling train' printed");
        }
        try {
            return JSON.readValue(file.toFile(), RunConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the run configuration: " + e.getMessage(), e);
        }
    }
}
