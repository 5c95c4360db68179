package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Batch normalization of {@code [N, C, H, W]} inputs per channel, like {@code torch.nn.BatchNorm2d}
 * (defaults eps 1e-5, momentum 0.1, affine, tracking running statistics).
 */
public final class BatchNorm2d extends BatchNormBase {
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum} null averages the running statistics cumulatively, as PyTorch's {@code momentum=None}. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkInputDim(Tensor input) {
        if (input.dim() != 4) throw new IllegalArgumentException("expected 4D input (got " + input.dim() + "D input)");
    }
}
