package org.kindling.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()} for kernel
 * allocation tests.
 *
 * <p>Test classes are patched into module org.kindling, which does not read java.management, so the
 * bean is reached reflectively; an exact-typed method handle keeps the read itself allocation-free.
 */
public final class AllocationMeter {
    private static final Object BEAN;
    private static final MethodHandle ALLOCATED;

    static {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            BEAN = factory.getMethod("getThreadMXBean").invoke(null);
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            ALLOCATED = MethodHandles.publicLookup()
                    .findVirtual(bean, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AllocationMeter() {}

    /** Bytes allocated so far by the calling thread. */
    public static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invokeExact(BEAN);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read allocated bytes", e);
        }
    }

    /**
     * Bytes that {@code measured} calls allocate once the JIT has compiled {@code call}: warms up in
     * rounds and measures after each, until a round allocates nothing or {@code seconds} have passed.
     * Until C2 compiles a Vector API kernel its vectors are heap objects, and a loaded machine can
     * delay that compilation by many seconds, so the budget is in time, not in calls.
     */
    public static long warmAllocation(Runnable call, int measured, int seconds) {
        return warmAllocation(call, measured, seconds, 0);
    }

    /** As above, but a round that allocates at most {@code enough} bytes ends the warm-up. */
    public static long warmAllocation(Runnable call, int measured, int seconds, long enough) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long allocated;
        do {
            for (int i = 0; i < 1000; i++) call.run();
            long before = allocatedBytes();
            for (int i = 0; i < measured; i++) call.run();
            allocated = allocatedBytes() - before;
        } while (allocated > enough && System.nanoTime() < deadline);
        return allocated;
    }
}
