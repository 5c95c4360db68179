package org.kindling.internal.storage;

import org.kindling.DType;

/**
 * The flat array behind one or more tensors (a tensor and its views share one storage).
 *
 * <p>Float32 and bool live in a {@code float[]}, float64 in a {@code double[]}, int64 in a
 * {@code long[]}. A storage that no program can reach (a gradient inside backward, an activation
 * between two built-in layers of a {@code Sequential}) can be recycled once the graph that owned
 * it is freed; its array then moves to a new storage and this one becomes <em>released</em>. A
 * released storage is never read by design; if a bug let that happen, the access fails loudly
 * instead of returning someone else's numbers. The version counter detects in-place changes to
 * values that backward still needs.
 */
public final class Storage {
    private Object data;
    private final DType dtype;
    private final int length;
    private int version;
    private boolean pinned;
    private boolean internalOnly;
    private boolean transientGrad;
    private boolean engineGrad;
    private boolean queued;
    private int deliveryEpoch;
    private int deliveries;

    Storage(DType dtype, Object data, int length) {
        this.dtype = dtype;
        this.data = data;
        this.length = length;
    }

    /** Wraps an existing array; the storage is never recycled. */
    public static Storage wrap(float[] data) {
        return pinned(new Storage(DType.FLOAT32, data, data.length));
    }

    /** Wraps an existing array; the storage is never recycled. */
    public static Storage wrap(double[] data) {
        return pinned(new Storage(DType.FLOAT64, data, data.length));
    }

    /** Wraps an existing array; the storage is never recycled. */
    public static Storage wrap(long[] data) {
        return pinned(new Storage(DType.INT64, data, data.length));
    }

    /** Wraps 0/1 floats as a bool storage; never recycled. */
    public static Storage wrapBool(float[] data) {
        return pinned(new Storage(DType.BOOL, data, data.length));
    }

    /** A fresh zero-filled storage that is never recycled. */
    public static Storage allocate(DType dtype, int length) {
        return pinned(new Storage(dtype, newArray(dtype, length), length));
    }

    private static Storage pinned(Storage s) {
        s.pinned = true;
        return s;
    }

    static Object newArray(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32, BOOL -> new float[length];
            case FLOAT64 -> new double[length];
            case INT64 -> new long[length];
        };
    }

    public DType dtype() {
        return dtype;
    }

    public int length() {
        return length;
    }

    public float[] floats() {
        Object d = data;
        if (d instanceof float[] f) return f;
        throw wrongAccess("float32");
    }

    public double[] doubles() {
        Object d = data;
        if (d instanceof double[] f) return f;
        throw wrongAccess("float64");
    }

    public long[] longs() {
        Object d = data;
        if (d instanceof long[] f) return f;
        throw wrongAccess("int64");
    }

    private RuntimeException wrongAccess(String wanted) {
        if (data == null) {
            return new IllegalStateException("internal error: a tensor whose buffer Kindling recycled was read. "
                    + "Only buffers no program can reach are recycled, so this is a bug in Kindling; please report "
                    + "it (running with -Dkindling.reuse=false avoids it)");
        }
        return new IllegalStateException("internal error: " + dtype.pytorchName() + " storage read as " + wanted);
    }

    /** True once the array has been handed to another storage. */
    public boolean isReleased() {
        return data == null;
    }

    /** Counts in-place modifications, as PyTorch's version counter does. */
    public int version() {
        return version;
    }

    public void bumpVersion() {
        version++;
    }

    /** Marks the storage as user-held: it will never be recycled (detach, retained grads, wrapped arrays). */
    public void pin() {
        pinned = true;
    }

    public boolean isPinned() {
        return pinned;
    }

    /**
     * Marks an op's output that only the library can reach (an activation passed between two
     * built-in layers inside a container): the graph that owns it may recycle it once freed.
     */
    public void markInternalOnly() {
        internalOnly = true;
    }

    /** True when {@link #markInternalOnly()} was called and nothing pinned the storage since. */
    public boolean isInternalOnly() {
        return internalOnly && !pinned;
    }

    /** Marks a gradient buffer that the backward engine may recycle when the pass ends. */
    public void setTransientGrad(boolean value) {
        transientGrad = value;
    }

    public boolean isTransientGrad() {
        return transientGrad;
    }

    /** Marks a leaf gradient that the backward engine made (so clearing it may recycle the buffer). */
    public void setEngineGrad(boolean value) {
        engineGrad = value;
    }

    /** True for a leaf gradient buffer made by the backward engine, not handed in by the user. */
    public boolean isEngineGrad() {
        return engineGrad;
    }

    /**
     * Counts one hand-off of a gradient in this storage during backward pass {@code epoch}; returns
     * how many hand-offs this pass has made so far. A gradient handed off exactly once may be
     * overwritten by the node that receives it.
     */
    public int countDelivery(int epoch) {
        if (deliveryEpoch != epoch) {
            deliveryEpoch = epoch;
            deliveries = 0;
        }
        return ++deliveries;
    }

    /** Hand-offs counted so far in backward pass {@code epoch}. */
    public int deliveries(int epoch) {
        return deliveryEpoch == epoch ? deliveries : 0;
    }

    boolean isQueued() {
        return queued;
    }

    void setQueued(boolean value) {
        queued = value;
    }

    /** Moves the array out, releasing this storage; used only by the pool. */
    Object takeData() {
        Object d = data;
        data = null;
        return d;
    }
}
