package org.kindling.optim;

import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.kernels.OptimizerKernels;
import org.kindling.internal.ops.Ops;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RMSprop, like {@code torch.optim.RMSprop}: divides the gradient by a running root mean square, with
 * optional momentum, centering, L2 weight decay and maximization.
 *
 * <p>Per parameter (PyTorch 1.13, parity README §5):
 * <pre>
 * if maximize: g = -g
 * if weight_decay != 0: g = g + weight_decay * p
 * sq = alpha * sq + (1 - alpha) * g * g
 * avg = sqrt(sq - ga * ga) + eps  with  ga = alpha * ga + (1 - alpha) * g   if centered
 *       sqrt(sq) + eps                                                      otherwise
 * if momentum > 0: buf = momentum * buf + g / avg;  p = p - lr * buf
 * else:            p = p - lr * g / avg
 * </pre>
 * State: {@code square_avg}, {@code momentum_buffer} (momentum > 0), {@code grad_avg} (centered) and the step
 * count. See <a href="https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html">torch.optim.RMSprop</a>.
 */
public final class RMSprop extends Optimizer {
    /** Options for {@code new RMSprop(params, RMSprop.options()...)}, with PyTorch's defaults. */
    public static final class Options extends OptimizerOptions<Options> {
        private static final Map<String, Object> DEFAULTS = defaults("lr", 1e-2, "alpha", 0.99, "eps", 1e-8,
                "weight_decay", 0L, "momentum", 0L, "centered", false, "maximize", false);

        private Options() {
            super(DEFAULTS);
        }

        /** Learning rate (default 1e-2); at least 0. */
        public Options lr(double lr) {
            return set("lr", lr);
        }

        /** Smoothing constant of the square average (default 0.99); at least 0. */
        public Options alpha(double alpha) {
            return set("alpha", alpha);
        }

        /** Added to the denominator for numerical stability (default 1e-8); at least 0. */
        public Options eps(double eps) {
            return set("eps", eps);
        }

        /** L2 penalty added to the gradient (default 0); at least 0. */
        public Options weightDecay(double weightDecay) {
            return set("weight_decay", weightDecay);
        }

        /** Momentum factor (default 0); at least 0. */
        public Options momentum(double momentum) {
            return set("momentum", momentum);
        }

        /** Normalizes by an estimate of the gradient's variance instead of its raw second moment (default false). */
        public Options centered(boolean centered) {
            return set("centered", centered);
        }

        /** Maximizes the objective instead of minimizing it (default false). */
        public Options maximize(boolean maximize) {
            return set("maximize", maximize);
        }
    }

    private static final Set<String> STATE = Set.of("square_avg", "momentum_buffer", "grad_avg");

    /** Fresh options holding the defaults. */
    public static Options options() {
        return new Options();
    }

    /** RMSprop with every default (lr 1e-2). */
    public RMSprop(Iterable<? extends Tensor> params) {
        this(params, options());
    }

    /** RMSprop with learning rate {@code lr} and the other defaults. */
    public RMSprop(Iterable<? extends Tensor> params, double lr) {
        this(params, options().lr(lr));
    }

    /** RMSprop over one group of parameters. */
    public RMSprop(Iterable<? extends Tensor> params, Options options) {
        super(singleGroup(params), options.values());
    }

    /** RMSprop over several groups; what a group leaves unset comes from {@code options}. */
    public RMSprop(List<ParamGroup> groups, Options options) {
        super(groups, options.values());
    }

    @Override
    protected void validate(ParamGroup g) {
        Hyper.nonNegative(g, "lr", "Invalid learning rate: ");
        Hyper.nonNegative(g, "eps", "Invalid epsilon value: ");
        Hyper.nonNegative(g, "momentum", "Invalid momentum value: ");
        Hyper.nonNegative(g, "weight_decay", "Invalid weight_decay value: ");
        Hyper.nonNegative(g, "alpha", "Invalid alpha value: ");
    }

    @Override
    protected Set<String> stateNames() {
        return STATE;
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr(), alpha = group.getDouble("alpha"), eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay"), momentum = group.getDouble("momentum");
        boolean centered = group.getBoolean("centered"), maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            if (TensorAccess.grad(p) == null) continue;
            ParamState s = state(p);
            if (s.isEmpty()) {
                s.setStep(0);
                s.put("square_avg", Fused.newState(p, 0));
                if (momentum > 0) s.put("momentum_buffer", Fused.newState(p, 0));
                if (centered) s.put("grad_avg", Fused.newState(p, 0));
            }
            s.setStep(s.step() + 1);
            Tensor sq = Fused.state(this, s, "square_avg", p);
            Tensor ga = centered ? Fused.state(this, s, "grad_avg", p) : null;
            Tensor buf = momentum > 0 ? Fused.state(this, s, "momentum_buffer", p) : null;
            Tensor g = Fused.grad(p), w = Fused.writable(p);
            int n = p.numel(), ao = ga == null ? 0 : ga.storageOffset(), bo = buf == null ? 0 : buf.storageOffset();
            if (Fused.isFloat(p)) {
                OptimizerKernels.rmsprop(Ops.floats(w), w.storageOffset(), Ops.floats(g), g.storageOffset(), Ops.floats(sq),
                        sq.storageOffset(), ga == null ? null : Ops.floats(ga), ao, buf == null ? null : Ops.floats(buf), bo, n,
                        (float) -lr, (float) weightDecay, (float) alpha, (float) (1 - alpha), (float) eps, (float) momentum,
                        maximize);
            } else {
                OptimizerKernels.rmsprop(Ops.doubles(w), w.storageOffset(), Ops.doubles(g), g.storageOffset(), Ops.doubles(sq),
                        sq.storageOffset(), ga == null ? null : Ops.doubles(ga), ao, buf == null ? null : Ops.doubles(buf), bo,
                        n, -lr, weightDecay, alpha, 1 - alpha, eps, momentum, maximize);
            }
            Fused.commit(p, w);
            Fused.bump(sq);
            if (ga != null) Fused.bump(ga);
            if (buf != null) Fused.bump(buf);
        }
    }
}
