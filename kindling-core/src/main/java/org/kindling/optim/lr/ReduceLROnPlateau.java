package org.kindling.optim.lr;

import org.kindling.optim.Optimizer;
import org.kindling.optim.ParamGroup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the learning rate by {@code factor} when a metric has stopped improving for more than {@code patience}
 * epochs, like {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. Call {@link #step(double)} once per epoch
 * with the validation metric:
 * <pre>{@code
 * var scheduler = new ReduceLROnPlateau(optimizer, ReduceLROnPlateau.options().patience(5));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(...);
 *     scheduler.step(validationLoss);
 * }
 * }</pre>
 * A metric improves on the best so far when it is lower ({@code mode "min"}) or higher ({@code "max"}) by more
 * than {@code threshold}, relative ({@code best * (1 -/+ threshold)}) or absolute ({@code best -/+ threshold}).
 * After a cut, {@code cooldown} epochs pass before bad epochs count again. A group's rate never drops below its
 * {@code minLr}, and a cut smaller than {@code eps} is skipped. Unlike the epoch schedulers, it does not set
 * {@code initial_lr}. See
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html">ReduceLROnPlateau</a>.
 */
public final class ReduceLROnPlateau {
    /** Settings with PyTorch's defaults: min, 0.1, 10, 1e-4, rel, 0, 0, 1e-8. */
    public static final class Options {
        private String mode = "min";
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private String thresholdMode = "rel";
        private int cooldown = 0;
        private double[] minLrs = {0.0};
        private double eps = 1e-8;

        private Options() {}

        /** {@code "min"} (default): lower is better; {@code "max"}: higher is better. */
        public Options mode(String mode) {
            this.mode = mode;
            return this;
        }

        /** Multiplies the learning rate at a cut (default 0.1); below 1. */
        public Options factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Bad epochs tolerated before a cut (default 10). */
        public Options patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** How much better counts as better (default 1e-4). */
        public Options threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** {@code "rel"} (default): threshold relative to the best; {@code "abs"}: absolute. */
        public Options thresholdMode(String thresholdMode) {
            this.thresholdMode = thresholdMode;
            return this;
        }

        /** Epochs to wait after a cut before counting bad epochs again (default 0). */
        public Options cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** Lower bound of every group's learning rate (default 0). */
        public Options minLr(double minLr) {
            this.minLrs = new double[] {minLr};
            return this;
        }

        /** Lower bound per group; one value per parameter group. */
        public Options minLrs(double... minLrs) {
            this.minLrs = minLrs.clone();
            return this;
        }

        /** Smallest change worth applying (default 1e-8). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }
    }

    private final Optimizer optimizer;
    private Options o;
    private double[] minLrs;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private double[] lastLr;

    /** Fresh options holding the defaults. */
    public static Options options() {
        return new Options();
    }

    /** With PyTorch's defaults (mode min, factor 0.1, patience 10). */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, options());
    }

    /** With the given settings (copied). */
    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        this.optimizer = optimizer;
        this.o = copy(options);
        this.minLrs = check(o, optimizer.paramGroups().size());
        best = modeWorse();
        lastLr = currentLrs();
    }

    /** PyTorch's checks and messages; returns the per-group minimum learning rates. */
    private static double[] check(Options o, int groups) {
        if (o.factor >= 1.0) throw new IllegalArgumentException("Factor should be < 1.0.");
        double[] minLrs;
        if (o.minLrs.length == 1) {
            minLrs = new double[groups];
            java.util.Arrays.fill(minLrs, o.minLrs[0]);
        } else if (o.minLrs.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " min_lrs, got " + o.minLrs.length);
        } else {
            minLrs = o.minLrs.clone();
        }
        if (!"min".equals(o.mode) && !"max".equals(o.mode)) throw new IllegalArgumentException("mode " + o.mode + " is unknown!");
        if (!"rel".equals(o.thresholdMode) && !"abs".equals(o.thresholdMode)) {
            throw new IllegalArgumentException("threshold mode " + o.thresholdMode + " is unknown!");
        }
        return minLrs;
    }

    private static Options copy(Options src) {
        Options c = new Options();
        c.mode = src.mode;
        c.factor = src.factor;
        c.patience = src.patience;
        c.threshold = src.threshold;
        c.thresholdMode = src.thresholdMode;
        c.cooldown = src.cooldown;
        c.minLrs = src.minLrs.clone();
        c.eps = src.eps;
        return c;
    }

    private double modeWorse() {
        return o.mode.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Records this epoch's metric and cuts the learning rates after too many epochs without improvement. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs during cooldown do not count
        }
        if (numBadEpochs > o.patience) {
            reduceLr();
            cooldownCounter = o.cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    private boolean isBetter(double a, double best) {
        boolean rel = o.thresholdMode.equals("rel");
        if (o.mode.equals("min")) return rel ? a < best * (1 - o.threshold) : a < best - o.threshold;
        return rel ? a > best * (o.threshold + 1) : a > best + o.threshold;
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size() && i < minLrs.length; i++) {
            double old = groups.get(i).lr();
            double lr = Math.max(old * o.factor, minLrs[i]);
            if (old - lr > o.eps) groups.get(i).setLr(lr);
        }
    }

    private double[] currentLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int i = 0; i < lrs.length; i++) lrs[i] = groups.get(i).lr();
        return lrs;
    }

    /** Each group's learning rate after the last step (or at construction). */
    public double[] lastLr() {
        return lastLr.clone();
    }

    /** Alias of {@link #lastLr()} under PyTorch's name. */
    public double[] getLastLr() {
        return lastLr();
    }

    /** The best metric so far (infinite before the first step). */
    public double best() {
        return best;
    }

    /** Consecutive epochs without improvement, as counted now. */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** Epochs of cooldown left. */
    public int cooldownCounter() {
        return cooldownCounter;
    }

    /** Number of {@link #step(double)} calls. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The counters and the best metric, by PyTorch's attribute names, JSON-able ({@code "inf"} for infinities). */
    public Map<String, Object> stateDict() {
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("mode", o.mode);
        sd.put("factor", StateValues.number(o.factor));
        sd.put("patience", (long) o.patience);
        sd.put("threshold", StateValues.number(o.threshold));
        sd.put("threshold_mode", o.thresholdMode);
        sd.put("cooldown", (long) o.cooldown);
        sd.put("min_lrs", StateValues.list(minLrs));
        sd.put("eps", StateValues.number(o.eps));
        sd.put("best", StateValues.number(best));
        sd.put("num_bad_epochs", (long) numBadEpochs);
        sd.put("cooldown_counter", (long) cooldownCounter);
        sd.put("last_epoch", (long) lastEpoch);
        sd.put("_last_lr", StateValues.list(lastLr));
        return sd;
    }

    /** Restores everything {@link #stateDict()} saved, settings included (as PyTorch does); checks it all first. */
    public void loadStateDict(Map<String, ?> sd) {
        String who = "ReduceLROnPlateau.loadStateDict";
        Options saved = new Options()
                .mode(StateValues.string(who, sd, "mode"))
                .factor(StateValues.decimal(who, sd, "factor"))
                .patience(StateValues.integer(who, sd, "patience", Integer.MIN_VALUE))
                .threshold(StateValues.decimal(who, sd, "threshold"))
                .thresholdMode(StateValues.string(who, sd, "threshold_mode"))
                .cooldown(StateValues.integer(who, sd, "cooldown", 0))
                .minLrs(StateValues.doubles(who, sd, "min_lrs"))
                .eps(StateValues.decimal(who, sd, "eps"));
        double[] min;
        try {
            min = check(saved, optimizer.paramGroups().size());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(who + ": " + ex.getMessage(), ex);
        }
        double b = StateValues.decimal(who, sd, "best");
        int bad = StateValues.integer(who, sd, "num_bad_epochs", 0);
        int cool = StateValues.integer(who, sd, "cooldown_counter", 0);
        int epoch = StateValues.integer(who, sd, "last_epoch", 0);
        double[] last = StateValues.doubles(who, sd, "_last_lr");
        o = saved;
        minLrs = min;
        best = b;
        numBadEpochs = bad;
        cooldownCounter = cool;
        lastEpoch = epoch;
        lastLr = last;
    }

    @Override
    public String toString() {
        return "ReduceLROnPlateau(mode=" + o.mode + ", factor=" + o.factor + ", patience=" + o.patience + ", threshold="
                + o.threshold + ", threshold_mode=" + o.thresholdMode + ", cooldown=" + o.cooldown + ", best=" + best
                + ", num_bad_epochs=" + numBadEpochs + ")";
    }
}
