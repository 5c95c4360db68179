package org.kindling.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * A progress bar on stderr for reading a large file, shown only once reading has taken over a second
 * (a small file reads silently). Told the bytes parsed, from any thread; one pass over the file is 100%.
 */
final class ReadProgress implements LongConsumer, AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long MB = 1 << 20;

    private final String task;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private ProgressBar bar;

    ReadProgress(String task, Path file) {
        this(task, size(file));
    }

    ReadProgress(String task, long totalBytes) {
        this.task = task;
        this.total = totalBytes;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // the reader says what is wrong with the file
        }
    }

    @Override
    public synchronized void accept(long bytes) {
        done += bytes;
        if (bar == null && System.nanoTime() - start >= SHOW_AFTER_NANOS && total > 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total / MB).setUnit(" MB", 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(250).build();
        }
        if (bar != null) bar.stepTo(Math.min(done, total) / MB);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.stepTo(total / MB);
            bar.close();
            bar = null;
        }
    }
}
