package org.kindling.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The classes of a classification target and their indices. The order is fixed by the labels alone, so
 * the same data always gives the same indices: numeric order when every label is a number ({@code 2}
 * before {@code 10}), else Unicode text order. Numbers are written canonically ({@code 3.0} is {@code 3}),
 * so a label read as a number and the same label read as text agree.
 */
record ClassLabels(List<String> labels) {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    ClassLabels {
        labels = List.copyOf(labels);
    }

    /** The distinct labels of {@code cells}, sorted as the class documentation says. */
    static ClassLabels of(List<String> cells) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String c : cells) distinct.add(canonical(c));
        List<String> sorted = new ArrayList<>(distinct);
        if (sorted.stream().allMatch(ClassLabels::isNumber)) {
            sorted.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return new ClassLabels(sorted);
    }

    /** A cell as a label: trimmed, and numbers written as {@link #ofNumber} does. */
    static String canonical(String cell) {
        String s = cell.strip();
        return isNumber(s) ? ofNumber(Double.parseDouble(s)) : s;
    }

    /** A number as a label: whole numbers without a decimal point. */
    static String ofNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }

    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    /** The index of {@code cell}'s class, or -1 when it is not one of these classes. */
    int index(String cell) {
        return labels.indexOf(canonical(cell));
    }

    int size() {
        return labels.size();
    }

    String get(int index) {
        return labels.get(index);
    }

    /** The labels for a message: the first few, then how many more. */
    String listed() {
        List<String> shown = labels.stream().limit(12).map(UserText::value).toList();
        return String.join(", ", shown) + (labels.size() > 12 ? ", ... (" + labels.size() + " classes)" : "");
    }
}
