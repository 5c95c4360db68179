package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multiplies each group's learning rate by {@code gamma} at each milestone epoch, like
 * {@code torch.optim.lr_scheduler.MultiStepLR}: alone, {@code lr = initial_lr * gamma^k} where {@code k} counts
 * the milestones {@code <= epoch}. A milestone listed twice decays twice.
 * See <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html">MultiStepLR</a>.
 */
public final class MultiStepLR extends LRScheduler {
    /** Milestone epoch to the number of times it was listed (PyTorch's {@code Counter}). */
    private TreeMap<Integer, Integer> milestones;
    private double gamma;

    /** Decays by 0.1 at each milestone. */
    public MultiStepLR(Optimizer optimizer, List<Integer> milestones) {
        this(optimizer, milestones, 0.1);
    }

    /** Decays by {@code gamma} at each milestone (epochs, any order). */
    public MultiStepLR(Optimizer optimizer, List<Integer> milestones, double gamma) {
        super(optimizer);
        this.milestones = count(milestones);
        this.gamma = gamma;
        initialStep();
    }

    private static TreeMap<Integer, Integer> count(List<Integer> milestones) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (Integer m : milestones) {
            if (m == null) throw new IllegalArgumentException("MultiStepLR: milestones contain null");
            counts.merge(m, 1, Integer::sum);
        }
        return counts;
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = new double[groupCount()];
        Integer times = milestones.get(lastEpoch());
        for (int i = 0; i < lrs.length; i++) lrs[i] = times == null ? groupLr(i) : groupLr(i) * Math.pow(gamma, times);
        return lrs;
    }

    @Override
    protected void saveState(Map<String, Object> sd) {
        List<Object> list = new ArrayList<>();
        milestones.forEach((m, times) -> {
            for (int k = 0; k < times; k++) list.add((long) m);
        });
        sd.put("milestones", list);
        sd.put("gamma", StateValues.number(gamma));
    }

    @Override
    protected void loadState(String who, Map<String, ?> sd) {
        double[] values = StateValues.doubles(who, sd, "milestones");
        List<Integer> list = new ArrayList<>();
        for (double v : values) {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(who + ": milestones must be integers, got " + v);
            }
            list.add((int) v);
        }
        double g = StateValues.decimal(who, sd, "gamma");
        milestones = count(list);
        gamma = g;
    }
}
