package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;

import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every {@code stepSize} epochs, like
 * {@code torch.optim.lr_scheduler.StepLR}: alone, {@code lr = initial_lr * gamma^floor(epoch / stepSize)}.
 * See <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html">StepLR</a>.
 */
public final class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    /** Decays by 0.1 every {@code stepSize} epochs. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /** Decays by {@code gamma} every {@code stepSize} epochs ({@code stepSize} at least 1). */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) throw new IllegalArgumentException("StepLR: step_size must be at least 1, got " + stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = new double[groupCount()];
        boolean decay = lastEpoch() != 0 && lastEpoch() % stepSize == 0;
        for (int i = 0; i < lrs.length; i++) lrs[i] = decay ? groupLr(i) * gamma : groupLr(i);
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> sd) {
        sd.put("step_size", (long) stepSize);
        sd.put("gamma", StateValues.number(gamma));
    }

    @Override
    protected void loadState(String who, Map<String, ?> sd) {
        int size = StateValues.integer(who, sd, "step_size", 1);
        double g = StateValues.decimal(who, sd, "gamma");
        stepSize = size;
        gamma = g;
    }
}
