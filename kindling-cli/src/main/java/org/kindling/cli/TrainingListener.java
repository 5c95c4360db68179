package org.kindling.cli;

import org.kindling.nn.Sequential;
import org.kindling.optim.Optimizer;

import java.util.Map;

/**
 * Hears {@link Training}'s loop as it runs, e.g. to write TensorBoard events; every method does nothing by
 * default. Called on the training thread; an exception stops the run as any training error does.
 */
interface TrainingListener extends AutoCloseable {
    /** Hears nothing. */
    TrainingListener NONE = new TrainingListener() {};

    /** Before the first step; {@code startEpoch} epochs are already done when resuming (else 0). */
    default void started(RunConfig config, Sequential model, int stepsPerEpoch, int startEpoch) {}

    /** After optimizer step number {@code step} (counted from 1 over the whole run) with the batch's loss. */
    default void step(long step, double loss) {}

    /**
     * After epoch {@code epoch} (from 1), whose last step was {@code step}; {@code valLoss} is null without a
     * validation split; {@code accuracy} is empty unless classifying. The model's gradients are the last step's.
     */
    default void epochEnded(int epoch, long step, double trainLoss, Double valLoss, Map<String, Double> accuracy,
                            Sequential model, Optimizer optimizer) {}

    /** After the last epoch, when training succeeded (not after a divergence). */
    default void finished() {}

    /** Releases what the listener holds; called however training ended. */
    @Override
    default void close() {}
}
