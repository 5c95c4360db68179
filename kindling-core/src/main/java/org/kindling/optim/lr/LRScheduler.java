package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;
import org.kindling.optim.ParamGroup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of epoch-based learning-rate schedulers, like {@code torch.optim.lr_scheduler.LRScheduler}: each
 * {@link #step()} (once per epoch, after {@code optimizer.step()}) advances {@link #lastEpoch()} and sets every
 * parameter group's {@code lr}.
 *
 * <p>Construction records each group's {@code initial_lr} (set only when absent, as PyTorch does) as the base
 * learning rate, then takes the initial step, so after construction {@code lastEpoch() == 0} and the groups hold
 * the epoch-0 learning rate.
 *
 * <p>Contract for subclasses: the constructor calls {@code super(optimizer)}, sets its own fields, and ends with
 * {@link #initialStep()}; {@link #computeLr()} returns the new learning rate of every group from the current
 * ones (PyTorch's chainable {@code get_lr()}), reading {@link #lastEpoch()}, {@link #baseLrs()} and
 * {@code optimizer.paramGroups()}; {@link #saveState}/{@link #loadState} add the subclass's fields to the
 * state dict. See <a href="https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate">How to adjust
 * learning rate</a>.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    private double[] baseLrs;
    private int lastEpoch = -1;
    private int stepCount;
    private double[] lastLr;

    /** Sets {@code initial_lr} on groups that lack it and records the base learning rates. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            if (!g.has("initial_lr")) g.set("initial_lr", g.lr());
            baseLrs[i] = g.getDouble("initial_lr");
        }
    }

    /** The first step, which sets the epoch-0 learning rates; the last statement of every subclass constructor. */
    protected final void initialStep() {
        if (stepCount != 0) throw new IllegalStateException(getClass().getSimpleName() + ": initialStep() called twice");
        step();
    }

    /** Advances one epoch and sets each group's learning rate. */
    public void step() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != baseLrs.length) {
            throw new IllegalStateException(getClass().getSimpleName() + ": the optimizer has " + groups.size()
                    + " parameter groups, but the scheduler was created for " + baseLrs.length);
        }
        stepCount++;
        lastEpoch++;
        double[] lrs = computeLr();
        for (int i = 0; i < groups.size(); i++) groups.get(i).setLr(lrs[i]);
        lastLr = lrs.clone();
    }

    /** The learning rate of every group for epoch {@link #lastEpoch()} (chainable form: from the current lrs). */
    protected abstract double[] computeLr();

    /** The learning rates the last {@link #step()} set, one per group ({@code get_last_lr()}). */
    public double[] lastLr() {
        return lastLr == null ? new double[0] : lastLr.clone();
    }

    /** Alias of {@link #lastLr()} under PyTorch's name, for ported code. */
    public double[] getLastLr() {
        return lastLr();
    }

    /** The number of steps taken since construction, the initial step being epoch 0. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** Each group's {@code initial_lr} (a copy). */
    protected double[] baseLrs() {
        return baseLrs.clone();
    }

    /** The current learning rate of group {@code i}. */
    protected double groupLr(int i) {
        return optimizer.paramGroups().get(i).lr();
    }

    /** The number of groups. */
    protected int groupCount() {
        return baseLrs.length;
    }

    /**
     * The scheduler's state as JSON-able values: {@code last_epoch}, {@code _step_count}, {@code base_lrs},
     * {@code _last_lr} (PyTorch's keys) and the subclass's settings.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> sd = new LinkedHashMap<>();
        saveState(sd);
        sd.put("base_lrs", StateValues.list(baseLrs));
        sd.put("last_epoch", (long) lastEpoch);
        sd.put("_step_count", (long) stepCount);
        sd.put("_last_lr", StateValues.list(lastLr()));
        return sd;
    }

    /** Restores a {@link #stateDict()} (the optimizer's learning rates are restored by the optimizer's own state dict). */
    public void loadStateDict(Map<String, ?> stateDict) {
        String who = getClass().getSimpleName() + ".loadStateDict";
        double[] base = StateValues.doubles(who, stateDict, "base_lrs");
        if (base.length != baseLrs.length) {
            throw new IllegalArgumentException(who + ": base_lrs has " + base.length + " entries, but the optimizer has "
                    + baseLrs.length + " parameter groups");
        }
        int epoch = StateValues.integer(who, stateDict, "last_epoch", -1);
        int steps = StateValues.integer(who, stateDict, "_step_count", 0);
        double[] last = StateValues.doubles(who, stateDict, "_last_lr");
        loadState(who, stateDict);
        baseLrs = base;
        lastEpoch = epoch;
        stepCount = steps;
        lastLr = last.length == 0 ? null : last;
    }

    /** Adds the subclass's fields (by PyTorch's attribute names) to a state dict being saved; none by default. */
    protected void saveState(Map<String, Object> stateDict) {}

    /** Reads the subclass's fields back, checking them; {@code who} prefixes error messages. None by default. */
    protected void loadState(String who, Map<String, ?> stateDict) {}

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
        Map<String, Object> own = new LinkedHashMap<>();
        saveState(own);
        own.forEach((k, v) -> sb.append(k).append('=').append(v).append(", "));
        return sb.append("last_epoch=").append(lastEpoch).append(')').toString();
    }
}
