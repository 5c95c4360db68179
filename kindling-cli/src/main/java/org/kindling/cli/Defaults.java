package org.kindling.cli;

/**
 * Hyperparameters used when the command line does not give them, per kind of data. The sine
 * problem reproduces the PyTorch tutorial (full batch, SGD); tabular data gets minibatches and
 * momentum.
 */
record Defaults(int epochs, int batchSize, double lr, double momentum, boolean standardize) {
    /** Full batch: one step per epoch over the whole training split. */
    static final int FULL_BATCH = 0;

    static Defaults forDataset(String dataset) {
        return dataset.equals(DataSources.SINE)
                ? new Defaults(2000, FULL_BATCH, 0.05, 0.0, false)
                : new Defaults(200, 32, 0.001, 0.9, true);
    }
}
