package org.kindling.cli;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import org.kindling.Tensor;
import org.kindling.nn.Loss;
import org.kindling.nn.Module;
import org.kindling.optim.Optimizer;

/**
 * Runs the epochs of {@code kindling train} on a cluster instead of in this process. Found with
 * {@link java.util.ServiceLoader}: kindling-spark provides one, which the {@code kindling} launcher puts on
 * the class path when {@code --spark} is given. Everything else of the run (data preparation, run folder,
 * plots, report) stays in the command line tool.
 */
public interface DistributedTraining {
    /** Trains {@code job} on {@code master} and returns the trained weights and curves. */
    Outcome train(String master, Job job);

    /** Builds one replica of the run's network, optimizer and loss; serializable, to be run on every worker. */
    interface Replicas extends Serializable {
        /** A fresh network (after the caller seeded the generator). */
        Module model();

        /** The optimizer over {@code model}'s parameters. */
        Optimizer optimizer(Module model);

        /** The loss. */
        Loss loss();
    }

    /**
     * What to train.
     *
     * @param trainX          training inputs {@code [n, features]}, prepared as a local run prepares them
     * @param trainY          training targets {@code [n, targets]} float32, or {@code [n]} int64 classes
     * @param valX            validation inputs, or null
     * @param valY            validation targets, or null
     * @param classTargets    whether {@code trainY} holds class indices
     * @param batchSize       rows per step over all workers (the local run's batch)
     * @param epochs          epochs in total
     * @param seed            the run's seed
     * @param checkpointDir   where checkpoints go (inside the run folder)
     * @param checkpointEvery epochs between checkpoints, or null for every epoch
     * @param replicas        the network, optimizer and loss
     * @param out             where to report progress
     */
    record Job(Tensor trainX, Tensor trainY, Tensor valX, Tensor valY, boolean classTargets, int batchSize, int epochs,
               long seed, Path checkpointDir, Integer checkpointEvery, Replicas replicas, PrintStream out) {}

    /**
     * What training gave.
     *
     * @param stateDict            the trained weights
     * @param stepsPerEpoch        steps in every epoch
     * @param stepLosses           every step's loss
     * @param epochLosses          every epoch's training loss
     * @param trainAccuracies      every epoch's training accuracy (classification; else empty)
     * @param validationLosses     every epoch's validation loss (empty without validation rows)
     * @param validationAccuracies every epoch's validation accuracy (classification with validation rows; else empty)
     */
    record Outcome(Map<String, Tensor> stateDict, int stepsPerEpoch, float[] stepLosses, double[] epochLosses,
                   double[] trainAccuracies, double[] validationLosses, double[] validationAccuracies) {}
}
