package org.kindling.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a run holds its data and what of it the run folder keeps: a CSV file larger than
 * {@code streamAbove} bytes is streamed ({@link StreamedData}), any other is read into memory
 * ({@link Prepared}); {@code predictions.csv} keeps the validation rows unless {@code allPredictions}.
 */
record DataChoice(long streamAbove, boolean allPredictions) {
    /** A quarter of the maximum heap: reading into memory takes about twice the file's size at its peak. */
    static final long DEFAULT_STREAM_ABOVE = Runtime.getRuntime().maxMemory() / 4;
    static final DataChoice DEFAULT = new DataChoice(DEFAULT_STREAM_ABOVE, false);

    TrainingData load(RunConfig c) {
        if ("csv".equals(c.dataset()) && size(Path.of(c.data())) > streamAbove) return StreamedData.of(c);
        return Prepared.of(c);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0; // the in-memory reader words the error
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses a size such as {@code 512MB}, {@code 2GB}, {@code 1.5G} or {@code 1000000} (bytes); null if it is not one. */
    static Long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        String[][] units = {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"TB", "1099511627776"},
                {"K", "1024"}, {"M", "1048576"}, {"G", "1073741824"}, {"T", "1099511627776"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v >= 0) || Double.isInfinite(v) || !t.matches("[0-9.]+")) return null;
            return (long) Math.min(Long.MAX_VALUE, v * unit);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A size for people: {@code 1.5 GB}. */
    static String describe(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }
}
