package org.kindling.internal.storage;

import org.kindling.DType;

import java.util.ArrayDeque;

/**
 * Per-thread recycling of the large arrays that a training step allocates over and over.
 *
 * <p>Why: a fresh {@code float[]} lands in cache-cold memory and must be zeroed, which costs more
 * than the arithmetic of a small model's step. Intermediate results and gradient buffers of a
 * graph go back here when backward frees that graph; the next step takes the same arrays, still
 * hot in cache. Release is deferred: a released storage keeps its values until its array is
 * actually reused, so a tensor read right after backward (a prediction, say) still works.
 *
 * <p>Arrays handed out are NOT zeroed; callers must overwrite every element.
 */
public final class BufferPool {
    /** Smaller arrays are cheap to allocate and not worth tracking. */
    static final int MIN_LENGTH = 256;
    private static final int MAX_SLOTS = 64;
    private static final long MAX_BYTES = Long.getLong("kindling.pool.maxBytes", 512L << 20);
    private static volatile boolean enabled = !"false".equals(System.getProperty("kindling.reuse"));

    private static final ThreadLocal<BufferPool> POOL = ThreadLocal.withInitial(BufferPool::new);

    // A handful of distinct sizes recur in a training loop, so a small linear table beats a map.
    private int[] lengths = new int[16];
    private DType[] dtypes = new DType[16];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArrayDeque<Storage>[] free = new ArrayDeque[16];
    private int slots;
    private long pooledBytes;

    private BufferPool() {}

    /**
     * Turns recycling on or off for all threads (off: every buffer is a fresh array). Results are the
     * same either way; tests use it to prove that, and {@code -Dkindling.reuse=false} sets it at start.
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    public static boolean isEnabled() {
        return enabled;
    }

    /** A storage whose array may come from a released one; contents are arbitrary. */
    public static Storage acquire(DType dtype, int length) {
        return acquire(dtype, length, null, null);
    }

    /**
     * Like {@link #acquire(DType, int)}, but never reuses the arrays of {@code keep1} or {@code keep2}:
     * the inputs of the op asking, which may be released intermediates it is about to read.
     */
    public static Storage acquire(DType dtype, int length, Storage keep1, Storage keep2) {
        if (enabled && length >= MIN_LENGTH) {
            Object array = POOL.get().take(dtype, length, keep1, keep2);
            if (array != null) return new Storage(dtype, array, length);
        }
        return new Storage(dtype, Storage.newArray(dtype, length), length);
    }

    /** Offers a storage for reuse; pinned or small storages are ignored. Values stay readable until reuse. */
    public static void release(Storage s) {
        if (!enabled || s.isPinned() || s.isReleased() || s.length() < MIN_LENGTH) return;
        POOL.get().put(s);
    }

    private Object take(DType dtype, int length, Storage keep1, Storage keep2) {
        int slot = find(dtype, length);
        if (slot < 0) return null;
        ArrayDeque<Storage> stack = free[slot];
        Storage kept1 = null, kept2 = null;
        Object found = null;
        Storage s;
        while ((s = stack.pollLast()) != null) {
            if (s == keep1) {
                kept1 = s;
                continue;
            }
            if (s == keep2) {
                kept2 = s;
                continue;
            }
            pooledBytes -= bytes(s);
            s.setQueued(false);
            // skip storages pinned after release (detach() of a released intermediate)
            if (!s.isPinned() && !s.isReleased()) {
                found = s.takeData();
                break;
            }
        }
        if (kept2 != null) stack.addLast(kept2);
        if (kept1 != null) stack.addLast(kept1);
        return found;
    }

    private void put(Storage s) {
        if (s.isQueued() || pooledBytes + bytes(s) > MAX_BYTES) return;
        if (slots == MAX_SLOTS && find(s.dtype(), s.length()) < 0) clear();
        s.setQueued(true);
        int slot = find(s.dtype(), s.length());
        if (slot < 0) slot = addSlot(s.dtype(), s.length());
        free[slot].addLast(s);
        pooledBytes += bytes(s);
    }

    /** Drops every pooled array: many distinct sizes mean the pool is not paying off. */
    private void clear() {
        for (int i = 0; i < slots; i++) {
            for (Storage s : free[i]) s.setQueued(false);
            free[i] = null;
        }
        slots = 0;
        pooledBytes = 0;
    }

    private int find(DType dtype, int length) {
        for (int i = 0; i < slots; i++) {
            if (lengths[i] == length && dtypes[i] == dtype) return i;
        }
        return -1;
    }

    private int addSlot(DType dtype, int length) {
        if (slots == lengths.length) {
            lengths = java.util.Arrays.copyOf(lengths, slots * 2);
            dtypes = java.util.Arrays.copyOf(dtypes, slots * 2);
            free = java.util.Arrays.copyOf(free, slots * 2);
        }
        lengths[slots] = length;
        dtypes[slots] = dtype;
        free[slots] = new ArrayDeque<>();
        return slots++;
    }

    private static long bytes(Storage s) {
        return (long) s.length() * (s.dtype() == DType.FLOAT64 || s.dtype() == DType.INT64 ? 8 : 4);
    }
}
