package org.kindling.optim;

import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.kernels.OptimizerKernels;
import org.kindling.internal.ops.Ops;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adagrad, like {@code torch.optim.Adagrad}: per-element learning rates shrinking with the sum of squared
 * gradients, with optional learning-rate decay, L2 weight decay and maximization.
 *
 * <p>Per parameter, at step {@code t} (PyTorch 1.13, parity README §5; {@code sum} starts at
 * {@code initial_accumulator_value}):
 * <pre>
 * if maximize: g = -g
 * if weight_decay != 0: g = g + weight_decay * p
 * clr = lr / (1 + (t - 1) * lr_decay)
 * sum = sum + g * g
 * p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 * State: {@code sum} and the step count, created on a parameter's first step (PyTorch creates them in the
 * constructor, so its state dict lists them before any step). See
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adagrad.html">torch.optim.Adagrad</a>.
 */
public final class Adagrad extends Optimizer {
    /** Options for {@code new Adagrad(params, Adagrad.options()...)}, with PyTorch's defaults. */
    public static final class Options extends OptimizerOptions<Options> {
        private static final Map<String, Object> DEFAULTS = defaults("lr", 1e-2, "lr_decay", 0L, "weight_decay", 0L,
                "initial_accumulator_value", 0L, "eps", 1e-10, "maximize", false);

        private Options() {
            super(DEFAULTS);
        }

        /** Learning rate (default 1e-2); at least 0. */
        public Options lr(double lr) {
            return set("lr", lr);
        }

        /** Learning-rate decay per step (default 0); at least 0. */
        public Options lrDecay(double lrDecay) {
            return set("lr_decay", lrDecay);
        }

        /** L2 penalty added to the gradient (default 0); at least 0. */
        public Options weightDecay(double weightDecay) {
            return set("weight_decay", weightDecay);
        }

        /** Starting value of the squared-gradient sum (default 0); at least 0. */
        public Options initialAccumulatorValue(double value) {
            return set("initial_accumulator_value", value);
        }

        /** Added to the denominator for numerical stability (default 1e-10); at least 0. */
        public Options eps(double eps) {
            return set("eps", eps);
        }

        /** Maximizes the objective instead of minimizing it (default false). */
        public Options maximize(boolean maximize) {
            return set("maximize", maximize);
        }
    }

    private static final Set<String> STATE = Set.of("sum");

    /** Fresh options holding the defaults. */
    public static Options options() {
        return new Options();
    }

    /** Adagrad with every default (lr 1e-2). */
    public Adagrad(Iterable<? extends Tensor> params) {
        this(params, options());
    }

    /** Adagrad with learning rate {@code lr} and the other defaults. */
    public Adagrad(Iterable<? extends Tensor> params, double lr) {
        this(params, options().lr(lr));
    }

    /** Adagrad over one group of parameters. */
    public Adagrad(Iterable<? extends Tensor> params, Options options) {
        super(singleGroup(params), options.values());
    }

    /** Adagrad over several groups; what a group leaves unset comes from {@code options}. */
    public Adagrad(List<ParamGroup> groups, Options options) {
        super(groups, options.values());
    }

    @Override
    protected void validate(ParamGroup g) {
        Hyper.nonNegative(g, "lr", "Invalid learning rate: ");
        Hyper.nonNegative(g, "lr_decay", "Invalid lr_decay value: ");
        Hyper.nonNegative(g, "weight_decay", "Invalid weight_decay value: ");
        Hyper.nonNegative(g, "initial_accumulator_value", "Invalid initial_accumulator_value value: ");
        Hyper.nonNegative(g, "eps", "Invalid epsilon value: ");
    }

    @Override
    protected Set<String> stateNames() {
        return STATE;
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr(), lrDecay = group.getDouble("lr_decay"), weightDecay = group.getDouble("weight_decay");
        double eps = group.getDouble("eps"), initial = group.getDouble("initial_accumulator_value");
        boolean maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            if (TensorAccess.grad(p) == null) continue;
            ParamState s = state(p);
            if (s.isEmpty()) {
                s.setStep(0);
                s.put("sum", Fused.newState(p, initial));
            }
            long step = s.step() + 1;
            s.setStep(step);
            double clr = lr / (1 + (step - 1) * lrDecay);
            Tensor sum = Fused.state(this, s, "sum", p);
            Tensor g = Fused.grad(p), w = Fused.writable(p);
            if (Fused.isFloat(p)) {
                OptimizerKernels.adagrad(Ops.floats(w), w.storageOffset(), Ops.floats(g), g.storageOffset(), Ops.floats(sum),
                        sum.storageOffset(), p.numel(), (float) -clr, (float) weightDecay, (float) eps, maximize);
            } else {
                OptimizerKernels.adagrad(Ops.doubles(w), w.storageOffset(), Ops.doubles(g), g.storageOffset(),
                        Ops.doubles(sum), sum.storageOffset(), p.numel(), -clr, weightDecay, eps, maximize);
            }
            Fused.commit(p, w);
            Fused.bump(sum);
        }
    }
}
