package org.kindling.tabular;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs numbered tasks on a few platform threads, each thread with its own reusable byte buffer, and
 * rethrows the failure of the lowest-numbered task that failed: for chunks of a file, that is the
 * first error in file order, the one a sequential reader would have reported.
 */
final class Workers {
    private Workers() {}

    /** A task for chunk {@code index}, given its thread's buffer. */
    interface Task {
        void run(int index, Buffer buffer);
    }

    /** A byte array that grows on demand and is reused by one thread from task to task. */
    static final class Buffer {
        private byte[] bytes;

        Buffer(int initial) {
            bytes = new byte[initial];
        }

        byte[] get(int length) {
            if (bytes.length < length) {
                bytes = new byte[length];
            }
            return bytes;
        }
    }

    /** Runs tasks 0..n-1 on at most {@code threads} threads (the calling thread is one of them). */
    static void run(int n, int threads, int bufferSize, Task task) {
        RuntimeException[] failures = new RuntimeException[n];
        Error[] errors = new Error[1];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            Buffer buffer = new Buffer(bufferSize);
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    task.run(i, buffer);
                } catch (RuntimeException e) {
                    failures[i] = e;
                } catch (Error e) {
                    errors[0] = e;
                    next.set(n); // out of memory or worse: stop everyone
                }
            }
        };
        int helpers = Math.max(0, Math.min(threads, n) - 1);
        Thread[] started = new Thread[helpers];
        for (int t = 0; t < helpers; t++) {
            started[t] = Thread.ofPlatform().daemon().name("kindling-csv-" + t).start(worker);
        }
        worker.run();
        for (Thread t : started) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers write into the caller's arrays: wait for them
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (errors[0] != null) {
            throw errors[0];
        }
        for (RuntimeException f : failures) {
            if (f != null) {
                throw f;
            }
        }
    }
}
