package org.kindling.optim;

import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.kernels.OptimizerKernels;
import org.kindling.internal.ops.Ops;

import java.util.Set;

/** The update {@link Adam} and {@link AdamW} share (PyTorch 1.13's {@code _single_tensor_adam}/{@code _adamw}). */
final class AdamUpdate {
    static final Set<String> STATE = Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");

    private AdamUpdate() {}

    /** Checks in PyTorch's order: lr, eps, betas, weight_decay. */
    static void validate(ParamGroup g) {
        Hyper.nonNegative(g, "lr", "Invalid learning rate: ");
        Hyper.nonNegative(g, "eps", "Invalid epsilon value: ");
        Hyper.beta(g, 0);
        Hyper.beta(g, 1);
        Hyper.nonNegative(g, "weight_decay", "Invalid weight_decay value: ");
    }

    /** {@code decoupled}: AdamW's {@code p *= 1 - lr*wd} instead of Adam's {@code g += wd*p}. */
    static void update(Optimizer owner, ParamGroup group, boolean decoupled) {
        double lr = group.lr(), beta1 = group.getDouble("betas", 0), beta2 = group.getDouble("betas", 1);
        double eps = group.getDouble("eps"), weightDecay = group.getDouble("weight_decay");
        boolean amsgrad = group.getBoolean("amsgrad"), maximize = group.getBoolean("maximize");
        double decay = decoupled ? 1 - lr * weightDecay : 1;
        double coupledDecay = decoupled ? 0 : weightDecay;
        for (Tensor p : group.params()) {
            if (TensorAccess.grad(p) == null) continue;
            ParamState s = owner.state(p);
            if (s.isEmpty()) {
                s.setStep(0);
                s.put("exp_avg", Fused.newState(p, 0));
                s.put("exp_avg_sq", Fused.newState(p, 0));
                if (amsgrad) s.put("max_exp_avg_sq", Fused.newState(p, 0));
            }
            Tensor m = Fused.state(owner, s, "exp_avg", p), v = Fused.state(owner, s, "exp_avg_sq", p);
            Tensor vmax = amsgrad ? Fused.state(owner, s, "max_exp_avg_sq", p) : null;
            long step = s.step() + 1;
            s.setStep(step);
            // Python evaluates these in double: beta ** step is C pow, step_size = lr / bc1.
            double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / bc1, bc2Sqrt = Math.sqrt(bc2);

            Tensor g = Fused.grad(p), w = Fused.writable(p);
            int n = p.numel(), xo = vmax == null ? 0 : vmax.storageOffset();
            if (Fused.isFloat(p)) {
                OptimizerKernels.adam(Ops.floats(w), w.storageOffset(), Ops.floats(g), g.storageOffset(), Ops.floats(m),
                        m.storageOffset(), Ops.floats(v), v.storageOffset(), vmax == null ? null : Ops.floats(vmax), xo, n,
                        (float) decay, (float) coupledDecay, (float) beta1, (float) (1 - beta1), (float) beta2,
                        (float) (1 - beta2), (float) bc2Sqrt, (float) eps, (float) -stepSize, maximize);
            } else {
                OptimizerKernels.adam(Ops.doubles(w), w.storageOffset(), Ops.doubles(g), g.storageOffset(), Ops.doubles(m),
                        m.storageOffset(), Ops.doubles(v), v.storageOffset(), vmax == null ? null : Ops.doubles(vmax), xo, n,
                        decay, coupledDecay, beta1, 1 - beta1, beta2, 1 - beta2, bc2Sqrt, eps, -stepSize, maximize);
            }
            Fused.commit(p, w);
            Fused.bump(m);
            Fused.bump(v);
            if (vmax != null) Fused.bump(vmax);
        }
    }
}
