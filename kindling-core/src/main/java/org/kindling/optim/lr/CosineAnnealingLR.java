package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;

import java.util.Map;

/**
 * Anneals each group's learning rate along a cosine from its initial value down to {@code etaMin} over
 * {@code tMax} epochs, like {@code torch.optim.lr_scheduler.CosineAnnealingLR}; past {@code tMax} it rises
 * again (period {@code 2 * tMax}). Alone it follows
 * {@code lr = etaMin + (initial_lr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}.
 *
 * <p>NOTE: like PyTorch, each step computes the new rate from the current one (the recursive form), so the
 * values are PyTorch's to rounding and other schedulers or manual changes compose with it; they equal the
 * closed form above up to accumulated rounding.
 * See <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html">CosineAnnealingLR</a>.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private int tMax;
    private double etaMin;

    /** Anneals to 0 over {@code tMax} epochs. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /** Anneals to {@code etaMin} over {@code tMax} epochs ({@code tMax} at least 1). */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) throw new IllegalArgumentException("CosineAnnealingLR: T_max must be at least 1, got " + tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        int e = lastEpoch();
        double[] base = baseLrs(), lrs = new double[groupCount()];
        for (int i = 0; i < lrs.length; i++) {
            double lr = groupLr(i);
            if (e == 0) {
                lrs[i] = lr;
            } else if (Math.floorMod(e - 1 - tMax, 2 * tMax) == 0) {
                // The step after a trough: the recursive ratio below would divide by 1 + cos(pi) = 0.
                lrs[i] = lr + (base[i] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lrs[i] = (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) * (lr - etaMin) + etaMin;
            }
        }
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> sd) {
        sd.put("T_max", (long) tMax);
        sd.put("eta_min", StateValues.number(etaMin));
    }

    @Override
    protected void loadState(String who, Map<String, ?> sd) {
        int t = StateValues.integer(who, sd, "T_max", 1);
        double eta = StateValues.decimal(who, sd, "eta_min");
        tMax = t;
        etaMin = eta;
    }
}
