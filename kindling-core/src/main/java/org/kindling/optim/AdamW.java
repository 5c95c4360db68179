package org.kindling.optim;

import org.kindling.Tensor;

import java.util.List;
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
    /** Fresh options holding AdamW's defaults (weight decay 1e-2). */
    public static Adam.Options options() {
        return new Adam.Options(Adam.Options.ADAMW);
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
    public AdamW(Iterable<? extends Tensor> params, Adam.Options options) {
        super(singleGroup(params), options.values());
    }

    /** AdamW over several groups; what a group leaves unset comes from {@code options}. */
    public AdamW(List<ParamGroup> groups, Adam.Options options) {
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
