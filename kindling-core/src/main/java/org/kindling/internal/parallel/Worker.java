package org.kindling.internal.parallel;

import java.util.concurrent.locks.LockSupport;

/**
 * A persistent daemon thread that runs one chunk of a {@link Parallel#forRange} at a time.
 *
 * <p>Hand-off is through volatile fields, not a queue: after a task it spins for {@link #SPIN_NANOS}
 * (back-to-back kernel calls find it awake), then parks until the next submit unparks it. An
 * {@code ExecutorService} hand-off per call cost 25% of a 256 x 256 GEMM.
 */
final class Worker extends Thread {
    /** How long an idle worker, or a waiting caller, spins before parking. */
    static final long SPIN_NANOS = 100_000;

    private volatile Parallel.RangeTask task;   // non-null while work is posted
    private volatile boolean done;
    private volatile boolean sleeping;
    private volatile boolean retired;
    private volatile Thread waiter;
    private int from;
    private int to;
    private Throwable failure;

    Worker(String name) {
        super(name);
        setDaemon(true);
    }

    /** Posts a chunk; the worker must be idle (the previous {@link #await()} returned). */
    void submit(Parallel.RangeTask t, int from, int to) {
        this.from = from;
        this.to = to;
        this.failure = null;
        this.done = false;
        this.task = t;                 // volatile write publishes the fields above
        if (sleeping) {
            LockSupport.unpark(this);
        }
    }

    /** Waits for the posted chunk and returns what it threw, or null. */
    Throwable await() {
        if (!done) {
            long start = System.nanoTime();
            while (!done && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            if (!done) {
                waiter = Thread.currentThread();
                while (!done) {
                    LockSupport.park(this);
                }
                waiter = null;
            }
        }
        Throwable f = failure;
        failure = null;
        return f;
    }

    /** Stops the thread once it is idle and waits for it to end. */
    void retire() {
        retired = true;
        LockSupport.unpark(this);
        boolean interrupted = false;
        while (isAlive()) {
            try {
                join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (true) {
            Parallel.RangeTask t = nextTask();
            if (t == null) {
                return;
            }
            try {
                t.run(from, to);
            } catch (Throwable e) {
                failure = e;
            }
            task = null;
            done = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Spins, then parks, until a task is posted; null once retired. */
    private Parallel.RangeTask nextTask() {
        long start = System.nanoTime();
        while (true) {
            Parallel.RangeTask t = task;
            if (t != null) {
                return t;
            }
            if (retired) {
                return null;
            }
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                sleeping = true;
                if (task == null && !retired) {
                    LockSupport.park(this);
                }
                sleeping = false;
                start = System.nanoTime();
            }
        }
    }
}
