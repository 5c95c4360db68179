package org.kindling.optim;

import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of parameters with their own hyperparameters, like one dict of PyTorch's
 * {@code optimizer.param_groups}.
 *
 * <p>Build one with {@link #of(Iterable, OptimizerOptions)} to give some parameters their own learning rate:
 * <pre>{@code
 * new SGD(List.of(ParamGroup.of(base.parameters()),
 *                 ParamGroup.of(head.parameters(), SGD.options().lr(1e-3))),
 *         SGD.options().lr(1e-2).momentum(0.9));
 * }</pre>
 * The optimizer copies it and fills the hyperparameters left unset from its own; the live groups are
 * {@link Optimizer#paramGroups()}, where schedulers change {@link #setLr(double) lr}. Keys are PyTorch's names
 * ({@code lr}, {@code weight_decay}, {@code betas}, {@code initial_lr}); values are numbers ({@code Long} for
 * PyTorch's int defaults, {@code Double} otherwise), booleans, or lists of numbers ({@code betas}).
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final LinkedHashMap<String, Object> values;

    ParamGroup(List<Tensor> params, Map<String, Object> values) {
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.values = new LinkedHashMap<>(values);
    }

    /** A group of {@code params} that takes every hyperparameter from the optimizer. */
    public static ParamGroup of(Iterable<? extends Tensor> params) {
        return new ParamGroup(toList(params), Map.of());
    }

    /** A group of {@code params} whose explicitly set options override the optimizer's. */
    public static ParamGroup of(Iterable<? extends Tensor> params, OptimizerOptions<?> overrides) {
        return new ParamGroup(toList(params), overrides.explicitValues());
    }

    private static List<Tensor> toList(Iterable<? extends Tensor> params) {
        if (params == null) throw new NullPointerException("params is null");
        List<Tensor> list = new ArrayList<>();
        for (Tensor p : params) {
            if (p == null) throw new NullPointerException("params contains null at index " + list.size());
            list.add(p);
        }
        return list;
    }

    /** The parameters, in order (unmodifiable). */
    public List<Tensor> params() {
        return params;
    }

    /** The learning rate. */
    public double lr() {
        return getDouble("lr");
    }

    /** Sets the learning rate (schedulers do this every step); returns this. */
    public ParamGroup setLr(double lr) {
        return set("lr", lr);
    }

    /** True when the group has this hyperparameter. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A hyperparameter's value (Long, Double, Boolean or List of numbers). */
    public Object get(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("parameter group has no hyperparameter '" + key + "' (it has: "
                    + String.join(", ", values.keySet()) + ")");
        }
        return v;
    }

    /** A numeric hyperparameter as a double. */
    public double getDouble(String key) {
        if (get(key) instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("hyperparameter '" + key + "' is not a number: " + PyRepr.of(values.get(key)));
    }

    /** Element {@code index} of a list hyperparameter such as {@code betas}. */
    public double getDouble(String key, int index) {
        if (get(key) instanceof List<?> list && index >= 0 && index < list.size()) return ((Number) list.get(index)).doubleValue();
        throw new IllegalArgumentException("hyperparameter '" + key + "' has no element " + index + ": " + PyRepr.of(values.get(key)));
    }

    /** A boolean hyperparameter. */
    public boolean getBoolean(String key) {
        if (get(key) instanceof Boolean b) return b;
        throw new IllegalArgumentException("hyperparameter '" + key + "' is not a boolean: " + PyRepr.of(values.get(key)));
    }

    /**
     * Sets a hyperparameter; returns this. A value that exists keeps its kind (number, boolean, list of the same
     * length). Not validated against the optimizer's rules: set sensible values.
     */
    public ParamGroup set(String key, Object value) {
        Object v = normalize(key, value);
        Object old = values.get(key);
        if (old != null && !sameKind(old, v)) {
            throw new IllegalArgumentException("ParamGroup.set: '" + key + "' holds " + PyRepr.of(old) + ", cannot set it to "
                    + PyRepr.of(v));
        }
        values.put(key, v);
        return this;
    }

    /** Every hyperparameter, in insertion order (unmodifiable view). */
    public Map<String, Object> hyperparameters() {
        return Collections.unmodifiableMap(values);
    }

    /** Replaces every hyperparameter (loading a state dict); the values were checked by the caller. */
    void replaceValues(Map<String, Object> newValues) {
        values.clear();
        values.putAll(newValues);
    }

    /** The hyperparameters and the number of parameters. */
    @Override
    public String toString() {
        return "ParamGroup" + values + " with " + params.size() + " parameter" + (params.size() == 1 ? "" : "s");
    }

    private static boolean sameKind(Object a, Object b) {
        if (a instanceof Number) return b instanceof Number;
        if (a instanceof Boolean) return b instanceof Boolean;
        if (a instanceof List<?> la) return b instanceof List<?> lb && la.size() == lb.size();
        return a.getClass() == b.getClass();
    }

    /** Canonical boxes: integers as Long, floats as Double, lists as unmodifiable lists of those; null refused. */
    static Object normalize(String key, Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("hyperparameter '" + key + "' cannot be null");
            case Double d -> d;
            case Float f -> f.doubleValue();
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Number n -> n.doubleValue(); // BigDecimal from an exact JSON reader
            case Boolean b -> b;
            case String s -> s;
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object e : list) {
                    Object n = normalize(key, e);
                    if (!(n instanceof Number)) {
                        throw new IllegalArgumentException("hyperparameter '" + key + "' must hold numbers, got " + PyRepr.of(e));
                    }
                    out.add(n);
                }
                yield Collections.unmodifiableList(out);
            }
            case double[] a -> {
                List<Object> out = new ArrayList<>(a.length);
                for (double d : a) out.add(d);
                yield Collections.unmodifiableList(out);
            }
            default -> throw new IllegalArgumentException("hyperparameter '" + key + "' has unsupported type "
                    + value.getClass().getName() + " (use a number, boolean or list of numbers)");
        };
    }
}
