package org.kindling.nn;

import org.kindling.Tensor;

/**
 * Batch normalization of {@code [N, C]} or {@code [N, C, L]} inputs over every dim but C, like
 * {@code torch.nn.BatchNorm1d} (defaults eps 1e-5, momentum 0.1, affine, tracking running statistics).
 */
public final class BatchNorm1d extends BatchNormBase {
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum} null averages the running statistics cumulatively, as PyTorch's {@code momentum=None}. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + input.dim() + "D input)");
        }
    }
}
