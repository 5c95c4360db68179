package org.kindling.internal.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kindling.internal.AllocationMeter;

class ParallelTest {
    private static final int MAX = Runtime.getRuntime().availableProcessors();
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(threadsBefore);
    }

    @Test
    void threadSettingIsValidated() {
        assertEquals(MAX, Parallel.initialThreads(null));
        assertEquals(MAX, Parallel.initialThreads(" "));
        assertEquals(1, Parallel.initialThreads(" 1 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.initialThreads("abc"));
        assertEquals("kindling.threads=abc is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parallel.initialThreads("0"));
        assertEquals("kindling.threads=0 must be between 1 and availableProcessors=" + MAX, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(MAX + 1));
        assertEquals("setThreads: n=" + (MAX + 1) + " must be between 1 and availableProcessors=" + MAX, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        Parallel.setThreads(1);
        assertEquals(1, Parallel.threads());
        assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(-1, (f, t) -> { }));
    }

    @Test
    void everyIndexRunsExactlyOnceInContiguousChunks() {
        for (int threads = 1; threads <= MAX; threads++) {
            Parallel.setThreads(threads);
            for (int n : new int[] {0, 1, 2, 3, 7, 100, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                AtomicIntegerArray chunks = new AtomicIntegerArray(1);
                Parallel.forRange(n, (from, to) -> {
                    assertTrue(0 <= from && from < to && to <= n, "chunk [" + from + ", " + to + ")");
                    chunks.incrementAndGet(0);
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " with n=" + n + " threads=" + threads);
                }
                assertEquals(Math.min(n, threads), chunks.get(0), "chunks for n=" + n + " threads=" + threads);
            }
        }
    }

    @Test
    void workersAreNamedDaemonsAndNeverMoreThanThreadsMinusOne() {
        assumeTrue(MAX >= 2, "needs two processors");
        Parallel.setThreads(2);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        for (int rep = 0; rep < 50; rep++) {
            Parallel.forRange(2, (from, to) -> seen.add(Thread.currentThread()));
        }
        assertTrue(seen.contains(Thread.currentThread()), "the caller runs the first chunk");
        Thread worker = seen.stream().filter(t -> t != Thread.currentThread()).findFirst().orElseThrow();
        assertEquals("kindling-worker-1", worker.getName());
        assertTrue(worker.isDaemon());
        assertEquals(2, seen.size(), "one persistent worker, reused: " + seen);
        assertEquals(1, Parallel.liveWorkers());
        Parallel.setThreads(1);
        assertEquals(0, Parallel.liveWorkers());
        assertTrue(!worker.isAlive(), "the retired worker has ended");
        Parallel.forRange(5, (from, to) -> assertSame(Thread.currentThread(), Thread.currentThread()));
        assertEquals(0, Parallel.liveWorkers());
    }

    @Test
    void exceptionsFromAnyChunkReachTheCaller() {
        assumeTrue(MAX >= 2, "needs two processors");
        Parallel.setThreads(2);
        IllegalStateException fromWorker = new IllegalStateException("worker chunk");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.forRange(10, (from, to) -> {
            if (from >= 5) {
                throw fromWorker;
            }
        }));
        assertSame(fromWorker, thrown);
        AssertionError fromCaller = new AssertionError("caller chunk");
        assertSame(fromCaller, assertThrows(AssertionError.class, () -> Parallel.forRange(10, (from, to) -> {
            if (from == 0) {
                throw fromCaller;
            }
        })));
        RuntimeException both = assertThrows(RuntimeException.class,
                () -> Parallel.forRange(10, (from, to) -> {
                    throw new IllegalArgumentException("chunk " + from);
                }));
        assertEquals("chunk 0", both.getMessage());
        assertEquals("chunk 5", both.getSuppressed()[0].getMessage());
        // The pool still works afterwards.
        AtomicIntegerArray hits = new AtomicIntegerArray(10);
        Parallel.forRange(10, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 10; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void nestedAndConcurrentCallsRunInlineWithoutDeadlock() throws Exception {
        assumeTrue(MAX >= 2, "needs two processors");
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(100);
        Parallel.forRange(10, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.forRange(10, (f, t) -> {
                    for (int j = f; j < t; j++) {
                        hits.incrementAndGet(row * 10 + j);
                    }
                });
            }
        });
        AtomicIntegerArray shared = new AtomicIntegerArray(2000);
        Thread other = new Thread(() -> {
            for (int rep = 0; rep < 200; rep++) {
                Parallel.forRange(1000, (f, t) -> {
                    for (int i = f; i < t; i++) {
                        shared.incrementAndGet(1000 + i);
                    }
                });
            }
        });
        other.start();
        for (int rep = 0; rep < 200; rep++) {
            Parallel.forRange(1000, (f, t) -> {
                for (int i = f; i < t; i++) {
                    shared.incrementAndGet(i);
                }
            });
        }
        other.join();
        for (int i = 0; i < 100; i++) {
            assertEquals(1, hits.get(i), "nested index " + i);
        }
        for (int i = 0; i < 2000; i++) {
            assertEquals(200, shared.get(i), "concurrent index " + i);
        }
    }

    @Test
    void warmedUpFanOutAllocatesNothingOnTheCaller() {
        Parallel.setThreads(MAX);
        float[] data = new float[4096];
        Parallel.RangeTask task = (from, to) -> {
            for (int i = from; i < to; i++) {
                data[i] += 1f;
            }
        };
        long allocated = -1;
        for (int round = 0; round < 20 && allocated != 0; round++) {
            for (int i = 0; i < 2000; i++) {
                Parallel.forRange(data.length, task);
            }
            long before = AllocationMeter.allocatedBytes();
            for (int i = 0; i < 200; i++) {
                Parallel.forRange(data.length, task);
            }
            allocated = AllocationMeter.allocatedBytes() - before;
        }
        assertEquals(0, allocated, "bytes allocated by 200 warmed-up forRange calls");
    }
}
