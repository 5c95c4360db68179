package org.kindling.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What one task reports to the driver when training ends: task 0 adds the trained state dict and the
 * loss curve; every task adds its timings and traffic.
 *
 * @param task          the task's partition id
 * @param model         the trained state dict (task 0 only, else null)
 * @param stepLosses    every step's global-batch loss, from epoch 1 (task 0 only)
 * @param epochLosses   every epoch's mean loss over all rows (task 0 only)
 * @param trainAccuracies every epoch's share of rows classified right (class targets only, task 0 only)
 * @param validationLosses every epoch's validation loss (task 0 only, when validation rows were given)
 * @param validationAccuracies every epoch's validation accuracy (class targets only)
 * @param startEpoch    epochs already done when this attempt started (from a checkpoint)
 * @param steps         steps this attempt ran
 * @param computeNanos  time in forward, backward and optimizer steps
 * @param reduceNanos   time in the all-reduce
 * @param bytesSent     all-reduce payload this task sent
 * @param weightDigest  a digest of this task's trained weights: equal on all tasks when the replicas stayed identical
 */
record ReplicaOutcome(int task, Map<String, TensorBlob> model, float[] stepLosses, double[] epochLosses, double[] trainAccuracies,
                      double[] validationLosses, double[] validationAccuracies, int startEpoch,
                      long steps, long computeNanos, long reduceNanos, long bytesSent, long weightDigest) implements Serializable {}
