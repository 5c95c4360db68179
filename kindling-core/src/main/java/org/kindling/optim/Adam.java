package org.kindling.optim;

import org.kindling.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adam, like {@code torch.optim.Adam}: adaptive moment estimation with optional L2 weight decay (added to
 * the gradient), AMSGrad and maximization.
 *
 * <pre>{@code
 * var optimizer = new Adam(model.parameters(), Adam.options().lr(1e-3));
 * }</pre>
 * Per parameter, at step {@code t} (PyTorch 1.13, parity README §5):
 * <pre>
 * if maximize: g = -g
 * if weight_decay != 0: g = g + weight_decay * p
 * m = b1 * m + (1 - b1) * g;  v = b2 * v + (1 - b2) * g * g
 * if amsgrad: vmax = max(vmax, v), and vmax replaces v below
 * p = p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * NOTE: PyTorch 2.x updates {@code m} with {@code lerp}; the results differ from 1.13 only in rounding.
 * State: {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq} (AMSGrad) and the step count. See
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adam.html">torch.optim.Adam</a>.
 */
public final class Adam extends Optimizer {
    /**
     * Options for {@code new Adam(params, Adam.options()...)} and {@code new AdamW(params, AdamW.options()...)},
     * with PyTorch's defaults for each (they differ only in weight decay).
     */
    public static final class Options extends OptimizerOptions<Options> {
        static final Map<String, Object> ADAM = defaults("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8,
                "weight_decay", 0L, "amsgrad", false, "maximize", false);
        static final Map<String, Object> ADAMW = defaults("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8,
                "weight_decay", 1e-2, "amsgrad", false, "maximize", false);

        Options(Map<String, Object> defaults) {
            super(defaults);
        }

        /** Learning rate (default 1e-3); at least 0. */
        public Options lr(double lr) {
            return set("lr", lr);
        }

        /** Decay rates of the first and second moment averages (default 0.9, 0.999); each in [0, 1). */
        public Options betas(double beta1, double beta2) {
            return set("betas", List.of(beta1, beta2));
        }

        /** Added to the denominator for numerical stability (default 1e-8); at least 0. */
        public Options eps(double eps) {
            return set("eps", eps);
        }

        /**
         * Weight decay, at least 0. Adam: an L2 penalty added to the gradient (default 0). AdamW: decoupled
         * decay, each step first multiplying parameters by {@code 1 - lr * weightDecay} (default 1e-2).
         */
        public Options weightDecay(double weightDecay) {
            return set("weight_decay", weightDecay);
        }

        /** Uses the AMSGrad variant (default false). */
        public Options amsgrad(boolean amsgrad) {
            return set("amsgrad", amsgrad);
        }

        /** Maximizes the objective instead of minimizing it (default false). */
        public Options maximize(boolean maximize) {
            return set("maximize", maximize);
        }
    }

    /** Fresh options holding Adam's defaults. */
    public static Options options() {
        return new Options(Options.ADAM);
    }

    /** Adam with every default. */
    public Adam(Iterable<? extends Tensor> params) {
        this(params, options());
    }

    /** Adam with learning rate {@code lr} and the other defaults. */
    public Adam(Iterable<? extends Tensor> params, double lr) {
        this(params, options().lr(lr));
    }

    /** Adam over one group of parameters. */
    public Adam(Iterable<? extends Tensor> params, Options options) {
        super(singleGroup(params), options.values());
    }

    /** Adam over several groups; what a group leaves unset comes from {@code options}. */
    public Adam(List<ParamGroup> groups, Options options) {
        super(groups, options.values());
    }

    @Override
    protected void validate(ParamGroup g) {
        AdamUpdate.validate(g);
    }

    @Override
    protected Set<String> stateNames() {
        return AdamUpdate.STATE;
    }

    @Override
    protected void update(ParamGroup group) {
        AdamUpdate.update(this, group, false);
    }
}
