package org.kindling.spark;

import java.util.Map;
import org.kindling.Tensor;

/**
 * The outcome of {@link SparkDataParallel#fit}: the trained weights (identical on every task; these are
 * task 0's), the loss curve, and what the run cost.
 *
 * @param stateDict        the trained model's state dict, for {@code Module.loadStateDict} or {@code Safetensors.save}
 * @param stepLosses       the mean loss of every step's global batch, from the first epoch (also the epochs
 *                         done before a resume, read from the checkpoint)
 * @param epochLosses      every epoch's mean training loss over all rows (weighted by the rows of each step)
 * @param trainAccuracies  with class targets, every epoch's share of training rows classified right (else empty)
 * @param validationLosses every epoch's loss on the validation rows (empty without them)
 * @param validationAccuracies with class targets and validation rows, every epoch's validation accuracy (else empty)
 * @param assignment       how rows were spread over the tasks
 * @param resumedFromEpoch epochs read from a checkpoint when the successful attempt started (0: none)
 * @param stepsRun         steps the successful attempt ran
 * @param computeSeconds   task 0's time in forward, backward and optimizer steps
 * @param reduceSeconds    task 0's time in the all-reduce (waiting for the slowest task included)
 * @param bytesPerStep     all-reduce payload each task sent per step (the most of any task)
 * @param replicaDigests   a digest of each task's trained weights, by task: all equal when the replicas stayed identical
 * @param wallSeconds      the driver's time for the training stage, scheduling and data reading included
 */
public record DataParallelResult(Map<String, Tensor> stateDict, float[] stepLosses, double[] epochLosses,
                                 double[] trainAccuracies, double[] validationLosses, double[] validationAccuracies,
                                 RowAssignment assignment, int resumedFromEpoch, long stepsRun, double computeSeconds,
                                 double reduceSeconds, double bytesPerStep, long[] replicaDigests, double wallSeconds) {

    /** Training rows per second of the successful attempt's training loop (task 0's clock). */
    public double rowsPerSecond() {
        double rows = (double) stepsRun / assignment.stepsPerEpoch() * assignment.rows();
        return rows / (computeSeconds + reduceSeconds);
    }

    /** Mean all-reduce time per step, in seconds. */
    public double reduceSecondsPerStep() {
        return stepsRun == 0 ? 0 : reduceSeconds / stepsRun;
    }

    /** Mean compute time per step, in seconds. */
    public double computeSecondsPerStep() {
        return stepsRun == 0 ? 0 : computeSeconds / stepsRun;
    }
}
