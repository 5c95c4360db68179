package org.kindling.optim;

import org.kindling.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AdamW, like {@code torch.optim.AdamW}: {@link Adam} with decoupled weight decay.
 *
 * <pre>{@code
 * var optimizer = new AdamW(model.parameters(), AdamW.options().lr(1e-3).weightDecay(0.05));
 * }</pre>
 * Per parameter, at step {@code t}: {@code p = p * (1 - lr * weight_decay)}, then exactly Adam's update without
 * adding the decay to the gradient (PyTorch 1.13, parity README §5). State as for Adam. See
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html">torch.optim.AdamW</a>.
 */
public final class AdamW extends Optimizer {
    /** Options for {@code new AdamW(params, AdamW.options()...)}, with PyTorch's defaults. */
    public static final class Options extends OptimizerOptions<Options> {
        private static final Map<String, Object> DEFAULTS = defaults("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8,
                "weight_decay", 1e-2, "amsgrad", false, "maximize", false);

        private Options() {
            super(DEFAULTS);
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

        /** Decoupled weight decay (default 1e-2): each step first multiplies parameters by {@code 1 - lr * weightDecay}. */
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

    /** Fresh options holding the defaults. */
    public static Options options() {
        return new Options();
    }

    /** AdamW with every default. */
    public AdamW(Iterable<? extends Tensor> params) {
        this(params, options());
    }

    /** AdamW with learning rate {@code lr} and the other defaults. */
    public AdamW(Iterable<? extends Tensor> params, double lr) {
        this(params, options().lr(lr));
    }

    /** AdamW over one group of parameters. */
    public AdamW(Iterable<? extends Tensor> params, Options options) {
        super(singleGroup(params), options.values());
    }

    /** AdamW over several groups; what a group leaves unset comes from {@code options}. */
    public AdamW(List<ParamGroup> groups, Options options) {
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
        AdamUpdate.update(this, group, true);
    }
}
