package org.kindling.cli;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.data.DataLoader;
import org.kindling.nn.Loss;
import org.kindling.nn.Module;

import java.util.Map;

/**
 * A run's data as the training loop sees it, held in memory ({@link Prepared}) or streamed from a large
 * file ({@link StreamedData}): the resolved configuration, the training batches, the validation loss and
 * the rows whose predictions the run folder keeps.
 */
interface TrainingData {
    /** The configuration with column names, task, loss and classes filled in. */
    RunConfig config();

    /** Why the run classifies when that was inferred from the data, else null. */
    String taskNote();

    /** Input features per row. */
    int inputs();

    long trainRows();

    long validationRows();

    default boolean hasValidation() {
        return validationRows() > 0;
    }

    /** The scalers' state (saved beside the model, and compared on resume). */
    Map<String, Tensor> scalerState();

    /** One epoch's batches per loop, standardized, in an order drawn from {@code order}. */
    DataLoader<Tensor[]> loader(int batchSize, Generator order);

    /** Validation loss and, when classifying, accuracy (NaN otherwise), with the model in eval mode; null without validation rows. */
    double[] evaluate(Module model, Loss criterion);

    /** The rows {@code predictions.csv} keeps with the model's predictions: validation rows (every row when {@code all} or when there are none). */
    PredictionTable predictions(Module model, boolean all);
}
