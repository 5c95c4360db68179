package org.kindling.internal.parallel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The compute-thread setting and the persistent workers that split loops across it.
 *
 * <p>{@link #threads()} is the number of threads a kernel may use, counting the caller: the
 * default is {@code Runtime.availableProcessors()}, overridden by the system property
 * {@code kindling.threads}, changed by {@link #setThreads(int)}. At most {@code threads() - 1}
 * daemon workers ({@code kindling-worker-N}) exist; they spin briefly after each task, then park.
 * One fan-out runs at a time: a call made while another is in flight (from another thread, or from
 * inside a task) runs its whole range on the calling thread.
 */
public final class Parallel {
    /** A piece of work over the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final int MAX = Runtime.getRuntime().availableProcessors();
    private static final Worker[] WORKERS = new Worker[MAX - 1];
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static volatile int threads = initialThreads(System.getProperty("kindling.threads"));

    private Parallel() {}

    /** Number of compute threads kernels may use, the caller included (1..availableProcessors). */
    public static int threads() {
        return threads;
    }

    /** Sets the number of compute threads; extra workers are stopped. Blocks while a fan-out is in flight. */
    public static void setThreads(int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException(
                    "setThreads: n=" + n + " must be between 1 and availableProcessors=" + MAX);
        }
        while (!BUSY.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            threads = n;
            for (int i = n - 1; i < WORKERS.length; i++) {
                if (WORKERS[i] != null) {
                    WORKERS[i].retire();
                    WORKERS[i] = null;
                }
            }
        } finally {
            BUSY.set(false);
        }
    }

    /**
     * Runs {@code task} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks,
     * the first on the calling thread, and returns when all are done. The first exception thrown by any
     * chunk is rethrown here (others are added as suppressed). Allocates nothing once workers exist.
     */
    public static void forRange(int n, RangeTask task) {
        if (n < 0) {
            throw new IllegalArgumentException("forRange: n=" + n + " must be >= 0");
        }
        if (n == 0) {
            return;
        }
        int t = Math.min(threads, n);
        if (t == 1 || Thread.currentThread() instanceof Worker || !BUSY.compareAndSet(false, true)) {
            task.run(0, n);
            return;
        }
        try {
            for (int w = 1; w < t; w++) {
                worker(w - 1).submit(task, chunk(n, t, w), chunk(n, t, w + 1));
            }
            Throwable failure = null;
            try {
                task.run(0, chunk(n, t, 1));
            } catch (Throwable e) {
                failure = e;
            }
            for (int w = 1; w < t; w++) {
                Throwable e = WORKERS[w - 1].await();
                if (e != null) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            if (failure != null) {
                throw new IllegalStateException("forRange: a task failed", failure);
            }
        } finally {
            BUSY.set(false);
        }
    }

    /** Number of live worker threads (for tests). */
    static int liveWorkers() {
        int live = 0;
        for (Worker w : WORKERS) {
            if (w != null && w.isAlive()) {
                live++;
            }
        }
        return live;
    }

    private static int chunk(int n, int t, int i) {
        return (int) ((long) n * i / t);
    }

    private static Worker worker(int i) {
        Worker w = WORKERS[i];
        if (w == null) {
            w = new Worker("kindling-worker-" + (i + 1));
            w.start();
            WORKERS[i] = w;
        }
        return w;
    }

    static int initialThreads(String property) {
        if (property == null || property.isBlank()) {
            return MAX;
        }
        int n;
        try {
            n = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kindling.threads=" + property + " is not an integer", e);
        }
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException(
                    "kindling.threads=" + n + " must be between 1 and availableProcessors=" + MAX);
        }
        return n;
    }
}
