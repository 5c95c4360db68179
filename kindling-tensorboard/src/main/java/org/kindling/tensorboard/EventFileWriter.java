package org.kindling.tensorboard;

import org.kindling.tensorboard.proto.Event;
import org.kindling.tensorboard.proto.SourceMetadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event file: {@code events.out.tfevents.<seconds>.<host>.<pid>.<n>} in a log folder, named as
 * TensorBoard's own {@code EventFileWriter} (which PyTorch uses) names it, starting with the
 * {@code brain.Event:2} file-version event.
 *
 * <p>Events are framed at once and kept in memory; they reach the file when {@code maxQueue} of them are
 * pending, on {@link #flush()}, on {@link #close()}, and every {@code flushSecs} seconds from a background
 * thread. Thread-safe. After an I/O error the writer stops writing and every later call throws that error
 * again, so a failing disk cannot silently lose events. A crash loses only the pending events: what was
 * written is whole records (a record cut short at the end is skipped by TensorBoard's reader).
 */
final class EventFileWriter implements AutoCloseable {
    static final String FILE_VERSION = "brain.Event:2";
    static final String WRITER_NAME = "org.kindling.tensorboard";

    /** Opens the file's channel; a seam for tests that simulate a failing disk. */
    interface Opener {
        WritableByteChannel open(Path file) throws IOException;
    }

    static final Opener CREATE_NEW = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    // Process-wide, as TensorBoard's counter: two writers in one folder in one second get distinct names.
    private static final AtomicLong FILE_COUNTER = new AtomicLong();
    private static final ScheduledThreadPoolExecutor FLUSHER = flusher();

    private final Path file;
    private final int maxQueue;
    private final WritableByteChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ScheduledFuture<?> periodicFlush;
    private int pendingEvents;
    private UncheckedIOException failure;
    private boolean closed;

    EventFileWriter(Path logDir, int maxQueue, double flushSecs, String filenameSuffix, Opener opener) {
        this.file = logDir.resolve(fileName(filenameSuffix));
        this.maxQueue = maxQueue;
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TensorBoard log folder " + logDir + ": " + describe(e), e);
        }
        try {
            this.channel = opener.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TensorBoard event file " + file + ": " + describe(e), e);
        }
        try {
            add(Event.newBuilder().setWallTime(SummaryWriter.now()).setFileVersion(FILE_VERSION)
                    .setSourceMetadata(SourceMetadata.newBuilder().setWriter(WRITER_NAME)).build());
            flush();
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        long periodNanos = (long) (flushSecs * 1e9);
        this.periodicFlush = FLUSHER.scheduleWithFixedDelay(this::backgroundFlush, periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor flusher() {
        ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kindling-tensorboard-flush");
            t.setDaemon(true); // never keeps the JVM alive; close() writes what is left
            return t;
        });
        flusher.setRemoveOnCancelPolicy(true); // a closed writer is not kept reachable until its next flush time
        return flusher;
    }

    /** TensorBoard's {@code "events.out.tfevents.%010d.%s.%s.%s" % (time, hostname, pid, counter)} plus the suffix. */
    private static String fileName(String suffix) {
        return String.format("events.out.tfevents.%010d.%s.%d.%d", (long) SummaryWriter.now(), Host.name(),
                ProcessHandle.current().pid(), FILE_COUNTER.getAndIncrement()) + suffix;
    }

    Path file() {
        return file;
    }

    /** Queues the event; writes the queue out when it holds {@code maxQueue} events. */
    synchronized void add(Event event) {
        check();
        if (closed) throw new IllegalStateException("the TensorBoard event file " + file + " is closed");
        pending.writeBytes(TfRecords.frame(event.toByteArray()));
        if (++pendingEvents >= maxQueue) writePending();
    }

    /** Writes the pending events to the file. */
    synchronized void flush() {
        check();
        writePending();
    }

    /** Writes the pending events and closes the file; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (periodicFlush != null) periodicFlush.cancel(false);
        try {
            if (failure == null) writePending();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                if (failure == null) failure = failed("close", e);
            }
        }
        check();
    }

    private synchronized void backgroundFlush() {
        if (closed || failure != null) return;
        try {
            writePending();
        } catch (UncheckedIOException e) {
            // Kept in `failure`: the next call from the writer's owner throws it.
        }
    }

    private void writePending() {
        if (pending.size() == 0) return;
        ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
        try {
            while (bytes.hasRemaining()) channel.write(bytes);
        } catch (IOException e) {
            failure = failed("write to", e);
            throw failure;
        }
        pending.reset();
        pendingEvents = 0;
    }

    private UncheckedIOException failed(String what, IOException e) {
        return new UncheckedIOException("cannot " + what + " the TensorBoard event file " + file + ": " + describe(e), e);
    }

    private void check() {
        if (failure != null) throw new UncheckedIOException(failure.getMessage(), failure.getCause());
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
