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
 * @param task      {@code regress} or {@code classify} (null in configs written before classification: regress)
 * @param model     {@code mlp} or {@code cnn} (null in older configs: mlp)
 * @param classes   for {@code classify}: the class labels in index order (see {@link ClassLabels}); else null
 */
record RunConfig(String dataset, String data, List<String> features, List<String> targets,
                 List<Integer> hidden, String activation, String loss, String optimizer,
                 double lr, @JsonInclude(JsonInclude.Include.NON_NULL) Double momentum, int epochs, int batchSize, double valSplit, long seed,
                 boolean standardize, String task, String model,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> classes) {
    static final String REGRESS = "regress", CLASSIFY = "classify";
    static final String MLP = "mlp", CNN = "cnn";

    static final String FILE = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RunConfig withEpochs(int newEpochs) {
        return new RunConfig(dataset, data, features, targets, hidden, activation, loss, optimizer, lr, momentum,
                newEpochs, batchSize, valSplit, seed, standardize, task, model, classes);
    }

    /** This configuration with what reading the data decided: column names, task, loss and classes. */
    RunConfig withData(List<String> newFeatures, List<String> newTargets, String newTask, String newLoss, List<String> newClasses) {
        return new RunConfig(dataset, data, newFeatures, newTargets, hidden, activation, newLoss, optimizer, lr, momentum,
                epochs, batchSize, valSplit, seed, standardize, newTask, model, newClasses);
    }

    /** True when the run classifies (its targets are class indices into {@link #classes}). */
    boolean classifies() {
        return CLASSIFY.equals(task);
    }

    /** The network kind, {@code mlp} for configs written before there was a choice. */
    String modelKind() {
        return model == null ? MLP : model;
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
            RunConfig c = JSON.readValue(file.toFile(), RunConfig.class);
            // Runs written before classification existed all regressed: never re-infer their task.
            return c.task() != null ? c : c.withData(c.features(), c.targets(), REGRESS, c.loss(), null);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the run configuration: " + e.getMessage(), e);
        }
    }
}
