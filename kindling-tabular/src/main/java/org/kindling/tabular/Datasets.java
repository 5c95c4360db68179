package org.kindling.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The small real data sets that ship with Kindling (their origin: datasets/README.md beside them),
 * like scikit-learn's {@code load_diabetes} and {@code load_digits}.
 */
public final class Datasets {
    /** Each bundled data set and its target column. */
    private static final Map<String, String> TARGETS = Map.of("diabetes", "progression", "digits", "digit");

    private Datasets() {}

    /** The names {@link #read} accepts. */
    public static List<String> names() {
        return List.of("diabetes", "digits");
    }

    /** 442 patients: ten standardized-scale features and {@code progression}, a regression target. */
    public static CsvTable diabetes() {
        return read("diabetes");
    }

    /** 1,797 8x8 images of handwritten digits: pixels {@code p0}..{@code p63} (0..16) and the class {@code digit}. */
    public static CsvTable digits() {
        return read("digits");
    }

    /** A bundled data set by name, its target column selected. */
    public static CsvTable read(String name) {
        return Csv.read(new StringReader(text(name)), name + ".csv", Csv.options().targets(TARGETS.get(name)));
    }

    /** The CSV text of a bundled data set, as shipped (to save it, or read it with other options). */
    public static String text(String name) {
        if (!TARGETS.containsKey(name)) {
            throw new IllegalArgumentException("unknown data set '" + name + "' (bundled: " + String.join(", ", names()) + ")");
        }
        try (InputStream in = Datasets.class.getResourceAsStream("datasets/" + name + ".csv")) {
            if (in == null) throw new IllegalStateException("bundled data set " + name + " is missing from kindling-tabular");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ".csv: " + e.getMessage(), e);
        }
    }
}
