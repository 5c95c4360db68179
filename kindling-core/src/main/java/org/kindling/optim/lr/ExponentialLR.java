package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;

import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every epoch, like
 * {@code torch.optim.lr_scheduler.ExponentialLR}: alone, {@code lr = initial_lr * gamma^epoch}.
 * See <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html">ExponentialLR</a>.
 */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    /** Decays by {@code gamma} per epoch. */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = new double[groupCount()];
        for (int i = 0; i < lrs.length; i++) lrs[i] = lastEpoch() == 0 ? groupLr(i) : groupLr(i) * gamma;
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> sd) {
        sd.put("gamma", StateValues.number(gamma));
    }

    @Override
    protected void loadState(String who, Map<String, ?> sd) {
        gamma = StateValues.decimal(who, sd, "gamma");
    }
}
