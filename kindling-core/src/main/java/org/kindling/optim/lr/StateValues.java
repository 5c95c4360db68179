package org.kindling.optim.lr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing scheduler state-dict values: JSON-able boxes (Long, Double, Boolean, String, lists).
 * Non-finite doubles, which JSON cannot hold, are written as the strings {@code "inf"}, {@code "-inf"} and
 * {@code "nan"} (Python's spelling).
 */
final class StateValues {
    private StateValues() {}

    static Object number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return v;
    }

    static List<Object> list(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) out.add(number(v));
        return out;
    }

    static Object required(String who, Map<String, ?> sd, String key) {
        if (!sd.containsKey(key)) throw new IllegalArgumentException(who + ": the state dict has no '" + key + "'");
        return sd.get(key);
    }

    static double toDouble(String who, String key, Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            switch (s) {
                case "inf": return Double.POSITIVE_INFINITY;
                case "-inf": return Double.NEGATIVE_INFINITY;
                case "nan": return Double.NaN;
                default: break;
            }
        }
        throw new IllegalArgumentException(who + ": '" + key + "' must be a number, got " + v);
    }

    static double decimal(String who, Map<String, ?> sd, String key) {
        return toDouble(who, key, required(who, sd, key));
    }

    static double[] doubles(String who, Map<String, ?> sd, String key) {
        if (!(required(who, sd, key) instanceof List<?> list)) {
            throw new IllegalArgumentException(who + ": '" + key + "' must be a list of numbers, got " + sd.get(key));
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = toDouble(who, key, list.get(i));
        return out;
    }

    static int integer(String who, Map<String, ?> sd, String key, int min) {
        double d = decimal(who, sd, key);
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(who + ": '" + key + "' must be an integer >= " + min + ", got " + sd.get(key));
        }
        return (int) d;
    }

    static String string(String who, Map<String, ?> sd, String key) {
        if (required(who, sd, key) instanceof String s) return s;
        throw new IllegalArgumentException(who + ": '" + key + "' must be a string, got " + sd.get(key));
    }
}
