package org.kindling.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyperparameters of an optimizer, set fluently: {@code SGD.options().lr(0.01).momentum(0.9)}.
 *
 * <p>Each optimizer declares its defaults once, keyed by PyTorch's names ({@code weight_decay}); an options
 * object records which values were set explicitly. Passed to an optimizer's constructor, every value counts
 * (defaults included); passed to {@link ParamGroup#of(Iterable, OptimizerOptions)}, only the explicit values
 * override the optimizer's, as a PyTorch parameter-group dict does.
 *
 * <p>Subclass contract: pass the defaults map to the constructor and write one setter per hyperparameter
 * that calls {@link #set(String, Object)}.
 *
 * @param <O> the concrete options type, returned by the setters
 */
public abstract class OptimizerOptions<O extends OptimizerOptions<O>> {
    private final Map<String, Object> defaults;
    private final LinkedHashMap<String, Object> explicit = new LinkedHashMap<>();

    /** {@code defaults}: every hyperparameter with its default, in PyTorch's order (see {@link #defaults(Object...)}). */
    protected OptimizerOptions(Map<String, Object> defaults) {
        this.defaults = defaults;
    }

    /** An ordered, unmodifiable map from alternating keys and values: {@code defaults("lr", 1e-3, "momentum", 0L)}. */
    protected static Map<String, Object> defaults(Object... keysAndValues) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], ParamGroup.normalize((String) keysAndValues[i], keysAndValues[i + 1]));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Records an explicit value; returns this for chaining. */
    protected final O set(String key, Object value) {
        if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException(getClass().getName() + ": unknown hyperparameter '" + key + "' (known: "
                    + String.join(", ", defaults.keySet()) + ")");
        }
        explicit.put(key, ParamGroup.normalize(key, value));
        @SuppressWarnings("unchecked") O self = (O) this;
        return self;
    }

    /** Every hyperparameter: the defaults overlaid with the explicit values, in the defaults' order. */
    public final Map<String, Object> values() {
        LinkedHashMap<String, Object> all = new LinkedHashMap<>(defaults);
        all.putAll(explicit);
        return Collections.unmodifiableMap(all);
    }

    /** Only the values set explicitly, in the order they were set. */
    public final Map<String, Object> explicitValues() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
    }

    /** The declared defaults. */
    public final Map<String, Object> defaults() {
        return defaults;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + values();
    }
}
