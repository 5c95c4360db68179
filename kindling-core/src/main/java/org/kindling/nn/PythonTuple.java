package org.kindling.nn;

/** Python's tuple repr for module reprs: {@code (6,)}, {@code (3, 4)}. */
final class PythonTuple {
    private PythonTuple() {}

    static String of(int[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) sb.append(i > 0 ? ", " : "").append(values[i]);
        return sb.append(values.length == 1 ? ",)" : ")").toString();
    }
}
