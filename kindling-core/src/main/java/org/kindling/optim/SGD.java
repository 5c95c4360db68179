package org.kindling.optim;

import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.kernels.OptimizerKernels;
import org.kindling.internal.ops.Ops;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, L2 weight decay and
 * maximization, like {@code torch.optim.SGD}.
 *
 * <pre>{@code
 * var optimizer = new SGD(model.parameters(), 0.01);
 * var withMomentum = new SGD(model.parameters(), SGD.options().lr(0.01).momentum(0.9));
 * }</pre>
 * Per parameter with gradient {@code g} (PyTorch 1.13, parity README §5):
 * <pre>
 * if maximize: g = -g
 * if weight_decay != 0: g = g + weight_decay * p
 * if momentum != 0:
 *     buf = g (first step, no dampening)  else  momentum * buf + (1 - dampening) * g
 *     g = g + momentum * buf  if nesterov  else  buf
 * p = p - lr * g
 * </pre>
 * NOTE: with {@code maximize} and weight decay, the gradient is negated <em>before</em> the decay is added
 * (1.13 and later), so decay still shrinks the weights. PyTorch 1.11-1.12 instead stepped {@code p += lr*(g +
 * wd*p)}, which grows them. State: {@code momentum_buffer}. See
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.SGD.html">torch.optim.SGD</a>.
 */
public final class SGD extends Optimizer {
    /** Options for {@code new SGD(params, SGD.options()...)}; defaults as in PyTorch 2.x (lr 1e-3). */
    public static final class Options extends OptimizerOptions<Options> {
        private static final Map<String, Object> DEFAULTS = defaults("lr", 1e-3, "momentum", 0L, "dampening", 0L,
                "weight_decay", 0L, "nesterov", false, "maximize", false);

        private Options() {
            super(DEFAULTS);
        }

        /** Learning rate (default 1e-3); at least 0. */
        public Options lr(double lr) {
            return set("lr", lr);
        }

        /** Momentum factor (default 0); at least 0. */
        public Options momentum(double momentum) {
            return set("momentum", momentum);
        }

        /** Dampening of the momentum (default 0). */
        public Options dampening(double dampening) {
            return set("dampening", dampening);
        }

        /** L2 penalty added to the gradient (default 0); at least 0. */
        public Options weightDecay(double weightDecay) {
            return set("weight_decay", weightDecay);
        }

        /** Nesterov momentum (default false); needs momentum > 0 and dampening 0. */
        public Options nesterov(boolean nesterov) {
            return set("nesterov", nesterov);
        }

        /** Maximizes the objective instead of minimizing it (default false). */
        public Options maximize(boolean maximize) {
            return set("maximize", maximize);
        }
    }

    private static final Set<String> STATE = Set.of("momentum_buffer");

    /** Fresh options holding the defaults. */
    public static Options options() {
        return new Options();
    }

    /** SGD with every default (lr 1e-3, as in PyTorch 2.x). */
    public SGD(Iterable<? extends Tensor> params) {
        this(params, options());
    }

    /** Plain SGD with learning rate {@code lr}, as in the tutorial's {@code optim.SGD(model.parameters(), lr=0.01)}. */
    public SGD(Iterable<? extends Tensor> params, double lr) {
        this(params, options().lr(lr));
    }

    /** SGD over one group of parameters. */
    public SGD(Iterable<? extends Tensor> params, Options options) {
        super(singleGroup(params), options.values());
    }

    /** SGD over several groups; what a group leaves unset comes from {@code options}. */
    public SGD(List<ParamGroup> groups, Options options) {
        super(groups, options.values());
    }

    @Override
    protected void validate(ParamGroup g) {
        Hyper.nonNegative(g, "lr", "Invalid learning rate: ");
        Hyper.nonNegative(g, "momentum", "Invalid momentum value: ");
        Hyper.nonNegative(g, "weight_decay", "Invalid weight_decay value: ");
        if (g.getBoolean("nesterov") && (g.getDouble("momentum") <= 0 || g.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    protected Set<String> stateNames() {
        return STATE;
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr(), weightDecay = group.getDouble("weight_decay"), momentum = group.getDouble("momentum");
        double dampening = group.getDouble("dampening");
        boolean nesterov = group.getBoolean("nesterov"), maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            if (TensorAccess.grad(p) == null) continue;
            Tensor g = Fused.grad(p), w = Fused.writable(p);
            Tensor buf = null;
            boolean first = false;
            if (momentum != 0) {
                ParamState s = state(p);
                first = s.get("momentum_buffer") == null;
                if (first) s.put("momentum_buffer", Fused.newState(p, 0));
                buf = Fused.state(this, s, "momentum_buffer", p);
            }
            int n = p.numel(), po = w.storageOffset(), go = g.storageOffset(), bo = buf == null ? 0 : buf.storageOffset();
            if (Fused.isFloat(p)) {
                OptimizerKernels.sgd(Ops.floats(w), po, Ops.floats(g), go, buf == null ? null : Ops.floats(buf), bo, n,
                        (float) -lr, (float) weightDecay, (float) momentum, (float) (1 - dampening), nesterov, maximize, first);
            } else {
                OptimizerKernels.sgd(Ops.doubles(w), po, Ops.doubles(g), go, buf == null ? null : Ops.doubles(buf), bo, n,
                        -lr, weightDecay, momentum, 1 - dampening, nesterov, maximize, first);
            }
            Fused.commit(p, w);
            if (buf != null) Fused.bump(buf);
        }
    }
}
