package org.kindling.nn;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, as PyTorch's {@code _BatchNorm}: the
 * affine weight (ones) and bias (zeros), the buffers {@code running_mean} (zeros),
 * {@code running_var} (ones) and {@code num_batches_tracked} (int64 0), and the forward that
 * picks batch or running statistics by mode. A null momentum averages cumulatively (1/batches).
 */
public abstract sealed class BatchNormBase extends Module permits BatchNorm1d, BatchNorm2d {
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine, trackRunningStats;
    private final Parameter weight, bias;
    private final Tensor runningMean, runningVar, numBatchesTracked;

    BatchNormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) throw new IllegalArgumentException(getClass().getSimpleName() + ": num_features must be positive, got " + numFeatures);
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        weight = registerParameter("weight", affine ? new Parameter(Tensor.ones(numFeatures)) : null);
        bias = registerParameter("bias", affine ? new Parameter(Tensor.zeros(numFeatures)) : null);
        runningMean = registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(numFeatures) : null);
        runningVar = registerBuffer("running_var", trackRunningStats ? Tensor.ones(numFeatures) : null);
        numBatchesTracked = registerBuffer("num_batches_tracked", trackRunningStats ? Tensor.zeros(DType.INT64) : null);
    }

    /** Fails with PyTorch's message unless the input has a rank this module accepts. */
    abstract void checkInputDim(Tensor input);

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        double factor = momentum == null ? 0 : momentum;
        if (isTraining() && trackRunningStats) {
            try (var g = Autograd.noGrad()) {
                numBatchesTracked.addInPlace(1);
            }
            if (momentum == null) factor = 1.0 / numBatchesTracked.itemLong();
        }
        // Batch statistics in training, and in evaluation too when no running statistics are kept.
        boolean useBatchStats = isTraining() || runningMean == null;
        boolean passRunning = !isTraining() || trackRunningStats;
        return Functional.batchNorm(input, passRunning ? runningMean : null, passRunning ? runningVar : null, weight, bias,
                useBatchStats, factor, eps);
    }

    /** The weight, or null without affine. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null without affine. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean buffer, or null without track_running_stats. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance buffer, or null without track_running_stats. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** How many training batches updated the running statistics (an int64 0-dim buffer), or null. */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Json.formatDouble(eps) + ", momentum=" + (momentum == null ? "None" : Json.formatDouble(momentum))
                + ", affine=" + (affine ? "True" : "False") + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
