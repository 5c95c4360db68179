package org.kindling.spark;

import java.io.Serializable;

/**
 * Builds a {@link Replica} on a Spark task. Serialized with the job and run once per task (and once
 * per retried task), right after {@code Kindling.manualSeed(seed)}: it must build the same model from
 * the same random numbers every time, so it should not read other random sources or mutable state.
 */
@FunctionalInterface
public interface ReplicaFactory extends Serializable {
    /** A fresh model, its optimizer and its loss. */
    Replica create();
}
