package org.kindling.spark;

import java.io.Closeable;

/**
 * Sums a buffer across all tasks in place. Every task ends with bit-identical values: each element's sum
 * is formed once, in a fixed order, and copied to the others.
 */
interface AllReduce extends Closeable {
    /** Replaces {@code values} by the element-wise sum over all tasks; every task calls it with the same length. */
    void sum(float[] values);

    /** Bytes this task has sent so far (payload only, no protocol headers). */
    long bytesSent();

    @Override
    void close();
}
