package org.kindling.spark;

/** How the tasks sum their gradients after every backward. */
public enum AllReduceKind {
    /**
     * A ring over TCP sockets between the tasks (reduce-scatter, then all-gather): each task sends
     * {@code 2(N-1)/N} times the gradient's bytes per step, whatever N is. Addresses are exchanged with
     * {@code BarrierTaskContext.allGather}.
     */
    RING,
    /**
     * Spark's own {@code BarrierTaskContext.allGather}: every task sends its whole gradient through the
     * driver and receives all N of them. No extra sockets, but the driver relays N times the gradient to
     * each task, so it suits small models and few tasks.
     */
    SPARK
}
