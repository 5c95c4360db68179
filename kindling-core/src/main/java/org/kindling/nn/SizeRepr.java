package org.kindling.nn;

/** Python's spelling of sizes in module reprs: {@code (5, 5)}, {@code (4,)}, {@code (None, 2)}. */
final class SizeRepr {
    private SizeRepr() {}

    static String tuple(int... v) {
        if (v.length == 1) return "(" + v[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        return sb.append(')').toString();
    }

    /** An int as given, or a tuple; null elements print as None. */
    static String optionalPair(Integer h, Integer w) {
        return "(" + (h == null ? "None" : h) + ", " + (w == null ? "None" : w) + ")";
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    static boolean all(int[] v, int value) {
        for (int x : v) if (x != value) return false;
        return true;
    }
}
