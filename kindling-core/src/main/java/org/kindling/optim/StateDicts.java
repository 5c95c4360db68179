package org.kindling.optim;

import org.kindling.Autograd;
import org.kindling.Tensor;
import org.kindling.internal.shape.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saving and loading {@link OptimizerStateDict}s. Parameters get ids 0, 1, ... in group order; loading maps
 * the saved ids, group by group and position by position, onto the optimizer's parameters, as PyTorch does.
 */
final class StateDicts {
    private StateDicts() {}

    /** What a checked state dict turns into: each group's new hyperparameters and the new state. */
    record Loaded(List<Map<String, Object>> groupValues, IdentityHashMap<Tensor, ParamState> state) {}

    static OptimizerStateDict save(Optimizer opt, List<ParamGroup> groups, IdentityHashMap<Tensor, ParamState> state) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Object> scalars = new LinkedHashMap<>();
        List<Object> savedGroups = new ArrayList<>();
        long id = 0;
        try (var g = Autograd.noGrad()) {
            for (ParamGroup group : groups) {
                LinkedHashMap<String, Object> saved = new LinkedHashMap<>(group.hyperparameters());
                List<Object> ids = new ArrayList<>();
                for (Tensor p : group.params()) {
                    ParamState s = state.get(p);
                    if (s != null && !s.isEmpty()) {
                        if (s.hasStep()) scalars.put("state." + id + ".step", s.step());
                        for (Map.Entry<String, Tensor> e : s.tensors().entrySet()) {
                            tensors.put("state." + id + "." + e.getKey(), e.getValue().clone());
                        }
                    }
                    ids.add(id++);
                }
                saved.put("params", ids);
                savedGroups.add(saved);
            }
        }
        LinkedHashMap<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("param_groups", savedGroups);
        ordered.putAll(scalars);
        return new OptimizerStateDict(tensors, ordered);
    }

    static Loaded load(Optimizer opt, List<ParamGroup> groups, OptimizerStateDict sd) {
        String who = opt.name() + ".loadStateDict";
        if (!(sd.scalars().get("param_groups") instanceof List<?> savedGroups)) {
            throw new IllegalArgumentException(who + ": the state dict has no 'param_groups' list");
        }
        if (savedGroups.size() != groups.size()) {
            throw new IllegalArgumentException(who + ": loaded state dict has a different number of parameter groups ("
                    + savedGroups.size() + " saved, the optimizer has " + groups.size() + ")");
        }
        Map<Long, Tensor> byId = new HashMap<>();
        List<Map<String, Object>> groupValues = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup group = groups.get(gi);
            if (!(savedGroups.get(gi) instanceof Map<?, ?> saved)) {
                throw new IllegalArgumentException(who + ": param_groups[" + gi + "] is not a map");
            }
            if (!(saved.get("params") instanceof List<?> ids)) {
                throw new IllegalArgumentException(who + ": param_groups[" + gi + "] has no 'params' list of ids");
            }
            if (ids.size() != group.params().size()) {
                throw new IllegalArgumentException(who + ": loaded state dict contains a parameter group that doesn't match "
                        + "the size of optimizer's group (group " + gi + ": " + ids.size() + " saved parameters, the optimizer has "
                        + group.params().size() + ")");
            }
            for (int k = 0; k < ids.size(); k++) {
                long id = integer(who, "param_groups[" + gi + "].params[" + k + "]", ids.get(k));
                if (byId.put(id, group.params().get(k)) != null) {
                    throw new IllegalArgumentException(who + ": parameter id " + id + " appears twice in param_groups");
                }
            }
            groupValues.add(groupValues(opt, who, gi, group, saved));
        }

        IdentityHashMap<Tensor, ParamState> state = new IdentityHashMap<>();
        // Sorted so that errors and the new state follow id order whatever the map order.
        for (Map.Entry<String, Object> e : new TreeMap<>(sd.scalars()).entrySet()) {
            if (e.getKey().equals("param_groups")) continue;
            String[] parts = stateKey(who, e.getKey(), "scalar");
            Tensor p = param(who, byId, e.getKey(), parts[1]);
            if (!parts[2].equals("step")) {
                throw new IllegalArgumentException(who + ": unexpected scalar '" + e.getKey() + "' (per-parameter scalars: step)");
            }
            state.computeIfAbsent(p, x -> new ParamState()).setStep(integer(who, e.getKey(), e.getValue()));
        }
        try (var g = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : new TreeMap<>(sd.tensors()).entrySet()) {
                String[] parts = stateKey(who, e.getKey(), "tensor");
                Tensor p = param(who, byId, e.getKey(), parts[1]);
                if (!opt.stateNames().contains(parts[2])) {
                    throw new IllegalArgumentException(who + ": unexpected state '" + parts[2] + "' in '" + e.getKey() + "' ("
                            + opt.name() + " keeps: " + String.join(", ", opt.stateNames()) + ")");
                }
                Tensor t = e.getValue();
                if (!Arrays.equals(t.shape(), p.shape())) {
                    throw new IllegalArgumentException(who + ": '" + e.getKey() + "' has shape " + Shapes.format(t.shape())
                            + " but parameter " + parts[1] + " has shape " + Shapes.format(p.shape()));
                }
                if (!t.dtype().isFloatingPoint()) {
                    throw new IllegalArgumentException(who + ": '" + e.getKey() + "' has dtype " + t.dtype().pytorchName()
                            + ", expected a float tensor");
                }
                // A fresh contiguous copy in the parameter's dtype, as PyTorch casts state on load.
                Tensor copy = t.dtype() == p.dtype() ? t.clone() : t.to(p.dtype());
                state.computeIfAbsent(p, x -> new ParamState()).put(parts[2], copy.contiguous());
            }
        }
        return new Loaded(groupValues, state);
    }

    /** The group's hyperparameters after loading: the saved ones over the current ones, type-checked and validated. */
    private static Map<String, Object> groupValues(Optimizer opt, String who, int gi, ParamGroup group, Map<?, ?> saved) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(group.hyperparameters());
        for (Map.Entry<?, ?> e : saved.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(who + ": param_groups[" + gi + "] has a non-string key " + e.getKey());
            }
            if (key.equals("params")) continue;
            String where = "param_groups[" + gi + "]." + key;
            Object v;
            try {
                v = ParamGroup.normalize(key, e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(who + ": " + where + ": " + ex.getMessage(), ex);
            }
            Object expected = opt.defaults().get(key);
            if (expected != null && !sameKind(expected, v)) {
                throw new IllegalArgumentException(who + ": " + where + " is " + PyRepr.of(v) + ", expected a value like "
                        + PyRepr.of(expected));
            }
            values.put(key, v);
        }
        try {
            opt.validate(new ParamGroup(List.of(), values));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(who + ": param_groups[" + gi + "]: " + ex.getMessage(), ex);
        }
        return values;
    }

    private static boolean sameKind(Object a, Object b) {
        if (a instanceof Number) return b instanceof Number;
        if (a instanceof Boolean) return b instanceof Boolean;
        if (a instanceof List<?> la) return b instanceof List<?> lb && la.size() == lb.size();
        return true;
    }

    /** Splits {@code state.<id>.<name>} into its three parts. */
    private static String[] stateKey(String who, String key, String kind) {
        String[] parts = key.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("state") || parts[2].isEmpty() || !parts[1].matches("[0-9]+")) {
            throw new IllegalArgumentException(who + ": unexpected " + kind + " key '" + key + "' (expected state.<id>.<name>)");
        }
        return parts;
    }

    private static Tensor param(String who, Map<Long, Tensor> byId, String key, String id) {
        Tensor p = byId.get(Long.parseLong(id));
        if (p == null) {
            throw new IllegalArgumentException(who + ": '" + key + "' refers to parameter id " + id
                    + ", which no parameter group lists");
        }
        return p;
    }

    private static long integer(String who, String where, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 0 && d < 0x1p53) return (long) d;
        }
        throw new IllegalArgumentException(who + ": " + where + " must be a non-negative integer, got " + PyRepr.of(v));
    }
}
