package org.kindling.optim;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.internal.TensorAccess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Base class of optimizers, like {@code torch.optim.Optimizer}: parameter groups with their own
 * hyperparameters, per-parameter state, {@link #zeroGrad()}, {@link #step()}, and a state dict that resumes
 * training exactly.
 *
 * <p>Contract for subclasses:
 * <ul>
 *   <li>Call the constructor with the groups and the complete defaults ({@link OptimizerOptions#values()}).
 *       The constructor validates the defaults and every group with {@link #validate(ParamGroup)}, which is
 *       called before the subclass's fields are set, so it must only read its argument.
 *   <li>{@link #update(ParamGroup)} updates one group's parameters in place. It runs inside
 *       {@link Autograd#noGrad()}, must skip parameters whose {@code grad()} is null, and keeps what it must
 *       remember in {@link #state(Tensor)} (tensors of the parameter's shape and dtype, plus a step count).
 *   <li>{@link #stateNames()} lists the state tensor names it may keep, so that loading a state dict written
 *       by another optimizer fails clearly.
 * </ul>
 * See <a href="https://pytorch.org/docs/stable/optim.html">torch.optim</a>.
 */
public abstract class Optimizer {
    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final IdentityHashMap<Tensor, ParamState> state = new IdentityHashMap<>();

    /**
     * Validates {@code defaults} and adds each group (see {@link #addParamGroup(ParamGroup)}).
     *
     * @param groups   at least one group
     * @param defaults every hyperparameter this optimizer has, with the value groups inherit
     */
    // validate() is overridden by subclasses, as PyTorch's constructors check their hyperparameters;
    // overrides read only the group they are given, never fields of the subclass.
    @SuppressWarnings("this-escape")
    protected Optimizer(List<ParamGroup> groups, Map<String, Object> defaults) {
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        validate(new ParamGroup(List.of(), this.defaults));
        if (groups.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        for (ParamGroup g : groups) addParamGroup(g);
    }

    /** One group holding {@code params}; fails on an empty list, as PyTorch does. */
    protected static List<ParamGroup> singleGroup(Iterable<? extends Tensor> params) {
        ParamGroup g = ParamGroup.of(params);
        if (g.params().isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        return List.of(g);
    }

    /** The hyperparameters groups inherit (unmodifiable). */
    public final Map<String, Object> defaults() {
        return defaults;
    }

    /** The live parameter groups, in order; schedulers change their {@code lr}. */
    public final List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /**
     * Adds a group ({@code add_param_group}): hyperparameters it leaves unset come from {@link #defaults()}.
     * Fails when a parameter is not a leaf, appears twice in the group or is already in another group, when
     * the group sets a hyperparameter this optimizer does not have, or when a value is invalid.
     */
    public final void addParamGroup(ParamGroup group) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor p : group.params()) {
            if (!p.isLeaf()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            if (!p.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("optimizer can only optimize float32 and float64 tensors, got "
                        + p.dtype().pytorchName());
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("optimizer contains a parameter group with duplicate parameters "
                        + "(PyTorch warns and steps them twice; see github.com/pytorch/pytorch/issues/40967)");
            }
        }
        for (ParamGroup other : groups) {
            for (Tensor p : other.params()) {
                if (seen.contains(p)) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            }
        }
        for (String key : group.hyperparameters().keySet()) {
            if (!defaults.containsKey(key) && !key.equals("initial_lr")) {
                throw new IllegalArgumentException(name() + ": unknown hyperparameter '" + key + "' in parameter group "
                        + groups.size() + " (known: " + String.join(", ", defaults.keySet()) + ")");
            }
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(defaults);
        values.putAll(group.hyperparameters());
        ParamGroup live = new ParamGroup(group.params(), values);
        validate(live);
        groups.add(live);
    }

    /**
     * Sets every parameter's gradient to null: PyTorch 2.x's {@code zero_grad()} default, chosen on
     * purpose; null-grad parameters are skipped by {@link #step()}. {@link #zeroGrad(boolean)
     * zeroGrad(false)} fills zeros instead, as PyTorch 1.13's default did.
     */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** With {@code setToNone} false, fills existing gradients with zeros instead of dropping them. */
    public void zeroGrad(boolean setToNone) {
        try (var g = Autograd.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    if (TensorAccess.grad(p) == null) continue;
                    if (setToNone) p.setGrad(null);
                    else TensorAccess.grad(p).zeroInPlace();
                }
            }
        }
    }

    /** Updates every parameter that has a gradient, in place, without recording a graph. */
    public void step() {
        try (var g = Autograd.noGrad()) {
            for (ParamGroup group : groups) update(group);
        }
    }

    /** Evaluates {@code closure} (which recomputes the loss and its gradients) with grad enabled, then steps; returns the loss. */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var g = Autograd.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    /** Updates one group's parameters; runs inside {@code noGrad}; skips parameters with a null grad. */
    protected abstract void update(ParamGroup group);

    /** Throws {@code IllegalArgumentException} with PyTorch's message when a hyperparameter is invalid. */
    protected abstract void validate(ParamGroup hyperparameters);

    /** Names of the state tensors this optimizer may keep ({@code exp_avg}, ...). */
    protected abstract Set<String> stateNames();

    /** The state of {@code param}, created empty on first use (like {@code optimizer.state[p]}). */
    public final ParamState state(Tensor param) {
        return state.computeIfAbsent(param, p -> new ParamState());
    }

    /** The optimizer's state: hyperparameters, buffers and step counts (see {@link OptimizerStateDict}); tensors are copies. */
    public OptimizerStateDict stateDict() {
        return StateDicts.save(this, groups, state);
    }

    /**
     * Restores a state dict saved by an optimizer of this kind over parameters of the same shapes, in the same
     * group structure: hyperparameters of each group (including {@code lr} and {@code initial_lr}), buffers
     * (copied, converted to each parameter's dtype) and step counts. Everything is checked before anything
     * changes; a mismatch fails with the group, id or key and both values.
     */
    public void loadStateDict(OptimizerStateDict stateDict) {
        StateDicts.Loaded loaded = StateDicts.load(this, groups, stateDict);
        for (int i = 0; i < groups.size(); i++) groups.get(i).replaceValues(loaded.groupValues().get(i));
        state.clear();
        state.putAll(loaded.state());
    }

    /** The class name, as in PyTorch's repr. */
    String name() {
        return getClass().getSimpleName();
    }

    /** PyTorch's repr: {@code SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.01\n ...)}, keys sorted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            sb.append("\nParameter Group ").append(i).append('\n');
            Map<String, Object> values = groups.get(i).hyperparameters();
            for (String key : values.keySet().stream().sorted().toList()) {
                sb.append("    ").append(key).append(": ").append(PyRepr.of(values.get(key))).append('\n');
            }
        }
        return sb.append(')').toString();
    }
}
