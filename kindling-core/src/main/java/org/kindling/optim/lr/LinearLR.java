package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;

import java.util.Map;

/**
 * Warm-up (or cool-down): scales each group's learning rate by a factor moving linearly from
 * {@code startFactor} to {@code endFactor} over {@code totalIters} epochs, then holds it, like
 * {@code torch.optim.lr_scheduler.LinearLR}. Alone,
 * {@code lr = initial_lr * (startFactor + (endFactor - startFactor) * min(epoch, totalIters) / totalIters)}.
 * See <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LinearLR.html">LinearLR</a>.
 */
public final class LinearLR extends LRScheduler {
    private double startFactor;
    private double endFactor;
    private int totalIters;

    /** PyTorch's defaults: from 1/3 to 1 over 5 epochs. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    /**
     * From {@code startFactor} (in (0, 1]) to {@code endFactor} (in [0, 1]) over {@code totalIters} epochs
     * (at least 0).
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        check(startFactor, endFactor, totalIters);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    private static void check(double startFactor, double endFactor, int totalIters) {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be greater than 0 and less or equal "
                    + "to 1, got " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1, got " + endFactor);
        }
        if (totalIters < 0) throw new IllegalArgumentException("LinearLR: total_iters must be at least 0, got " + totalIters);
    }

    @Override
    protected double[] computeLr() {
        int e = lastEpoch();
        double[] lrs = new double[groupCount()];
        for (int i = 0; i < lrs.length; i++) {
            double lr = groupLr(i);
            if (e == 0) lrs[i] = lr * startFactor;
            else if (e > totalIters) lrs[i] = lr;
            else lrs[i] = lr * (1. + (endFactor - startFactor)
                    / (totalIters * startFactor + (e - 1) * (endFactor - startFactor)));
        }
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> sd) {
        sd.put("start_factor", StateValues.number(startFactor));
        sd.put("end_factor", StateValues.number(endFactor));
        sd.put("total_iters", (long) totalIters);
    }

    @Override
    protected void loadState(String who, Map<String, ?> sd) {
        double start = StateValues.decimal(who, sd, "start_factor"), end = StateValues.decimal(who, sd, "end_factor");
        int total = StateValues.integer(who, sd, "total_iters", 0);
        try {
            check(start, end, total);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(who + ": " + ex.getMessage(), ex);
        }
        startFactor = start;
        endFactor = end;
        totalIters = total;
    }
}
