package org.kindling.optim;

import org.kindling.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's saved state, as {@link Optimizer#stateDict()} returns it and
 * {@link Optimizer#loadStateDict(OptimizerStateDict)} takes it back: PyTorch's {@code state_dict()} split into
 * what a checkpoint stores as tensors and what it stores as JSON.
 *
 * <p>Parameters are numbered 0, 1, ... across the groups in order, as PyTorch numbers them.
 * <ul>
 *   <li>{@code tensors}: per-parameter buffers by dotted key, {@code state.0.momentum_buffer},
 *       {@code state.1.exp_avg}; each a snapshot with the parameter's shape and dtype.
 *   <li>{@code scalars}: JSON-able values (maps, lists, numbers, booleans): {@code param_groups}, a list with
 *       one map per group holding its hyperparameters ({@code lr}, {@code betas}, {@code initial_lr}, ...) and
 *       {@code params}, the ids of its parameters; and per-parameter step counts {@code state.0.step}.
 * </ul>
 *
 * @param tensors by dotted key (unmodifiable copy)
 * @param scalars JSON-able values by key (unmodifiable copy)
 */
public record OptimizerStateDict(Map<String, Tensor> tensors, Map<String, Object> scalars) {
    public OptimizerStateDict {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }
}
