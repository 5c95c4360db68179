package org.kindling.tabular.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds inputs to a {@link FuzzTarget} one at a time, each under a time limit, and tallies the outcomes.
 *
 * <p>An input passes when it loads, or fails with the target's documented exception whose message names the
 * file, is at most {@value #MAX_MESSAGE} characters and holds no control characters. Anything else fails the
 * campaign: another exception, an {@code Error} ({@code OutOfMemoryError}, {@code StackOverflowError}), or a
 * read that outlasts the limit (the worker thread is then abandoned and replaced).
 */
final class FuzzCampaign implements AutoCloseable {
    static final int MAX_MESSAGE = 1000;

    private final Path dir;
    private final Duration limit;
    private final List<String> failures = new ArrayList<>();
    private ExecutorService worker = newWorker();

    FuzzCampaign(Path dir, Duration limit) {
        this.dir = dir;
        this.limit = limit;
    }

    /** What happened to the inputs of one target. */
    static final class Tally {
        final String name;
        long inputs;
        long loaded;
        long rejected;
        long failed;
        long maxNanos;
        String slowest = "";
        long totalNanos;

        Tally(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return String.format("%-12s %,8d inputs: %,8d loaded, %,8d rejected, %,d failed; slowest %,.1f ms (%s);"
                    + " total %,.1f s", name, inputs, loaded, rejected, failed, maxNanos / 1e6, slowest,
                    totalNanos / 1e9);
        }
    }

    /** Runs {@code count} mutations of {@code seeds} (input i uses mutator seed {@code seed + i}). */
    Tally mutations(FuzzTarget target, List<byte[]> seeds, int count, long seed) {
        Tally tally = new Tally(target.name());
        for (int i = 0; i < count; i++) {
            Mutator m = new Mutator(seed + i, seeds);
            byte[] original = seeds.get(i % seeds.size());
            byte[] input = target.suffix().equals(".safetensors") ? m.safetensors(original) : m.bytes(original);
            run(target, input, "mutation seed " + (seed + i) + " of seed file " + (i % seeds.size()), tally);
        }
        return tally;
    }

    /** Runs one input: written to a file, then read under the time limit. */
    void run(FuzzTarget target, byte[] input, String label, Tally tally) {
        run(target, write(target, input), label, tally);
    }

    /**
     * Runs one input file already written (large hand-made files are streamed to disk); returns what happened:
     * {@code loaded}, the rejection message, or {@code FAILED: why}.
     */
    String run(FuzzTarget target, Path file, String label, Tally tally) {
        tally.inputs++;
        long start = System.nanoTime();
        Future<?> read = worker.submit(() -> target.reader().read(file));
        String failure = null;
        String outcome = "loaded";
        try {
            read.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            tally.loaded++;
        } catch (TimeoutException e) {
            read.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread cannot be stopped; it is a daemon and is left behind
            failure = "took longer than " + limit.toMillis() + " ms";
        } catch (ExecutionException e) {
            failure = judge(target, file, e.getCause());
            if (failure == null) tally.rejected++;
            outcome = String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long nanos = System.nanoTime() - start;
        tally.totalNanos += nanos;
        if (nanos > tally.maxNanos) {
            tally.maxNanos = nanos;
            tally.slowest = label;
        }
        if (failure != null) {
            tally.failed++;
            if (failures.size() < 50) failures.add(target.name() + " " + label + ": " + failure);
            outcome = "FAILED: " + failure;
        }
        return outcome;
    }

    /** Up to 50 failure descriptions, each enough to reproduce the input. */
    List<String> failures() {
        return failures;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static String judge(FuzzTarget target, Path file, Throwable e) {
        if (!target.documented().isInstance(e)) {
            StackTraceElement[] at = e.getStackTrace();
            return "undocumented " + e + (at.length > 0 ? " at " + at[0] : "");
        }
        String message = e.getMessage();
        if (message == null || !message.contains(file.toString())) {
            return "message does not name the file: " + message;
        }
        if (message.length() > MAX_MESSAGE) {
            return "message of " + message.length() + " characters: " + message.substring(0, 200) + "...";
        }
        if (message.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "message holds a control character: " + message.replaceAll("\\p{Cntrl}", "?");
        }
        return null;
    }

    private Path write(FuzzTarget target, byte[] input) {
        Path file = dir.resolve("input" + target.suffix());
        try {
            Files.write(file, input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true);
            return t;
        });
    }
}
