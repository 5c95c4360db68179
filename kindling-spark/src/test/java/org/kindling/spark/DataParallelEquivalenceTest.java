package org.kindling.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;

/** N = 2 tasks with batch B in local[2] against one process with batch 2B over the same global batches. */
class DataParallelEquivalenceTest {
    static final int BATCH = 16;
    static final int EPOCHS = 6;
    static final long SEED = 7;

    static SparkSession spark;
    static Dataset<Row> table;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("local[2]");
        table = Diabetes.table(spark, Diabetes.csv(dir)).cache();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static DataParallelOptions options() {
        return new DataParallelOptions().targets(List.of(Diabetes.TARGET)).batchSize(BATCH).epochs(EPOCHS).seed(SEED).tasks(2);
    }

    @Test
    void twoTasksFollowOneProcessWithTheGlobalBatch() {
        DataParallelResult spread = SparkDataParallel.fit(table, Diabetes.network(), options());
        Tensor[] xy = Diabetes.tensors(table);
        OneProcess one = OneProcess.train(Diabetes.network(), SEED, xy[0], xy[1], spread.assignment(), EPOCHS);

        assertEquals(442, spread.assignment().rows());
        assertEquals(EPOCHS * 14, spread.stepLosses().length); // ceil(221 / 16) steps per epoch
        double worstLoss = one.worstRelativeLossGap(spread), worstWeight = one.worstWeightGap(spread);
        System.out.printf("2 tasks vs one process: worst relative step-loss gap %.3g, worst weight gap %.3g%n", worstLoss, worstWeight);
        System.out.printf("ring: compute %.3f ms/step, all-reduce %.3f ms/step, %.0f bytes sent per task per step%n",
                spread.computeSecondsPerStep() * 1e3, spread.reduceSecondsPerStep() * 1e3, spread.bytesPerStep());
        // Only the summation order differs: one process sums 2B = 32 rows at once, here each task sums 16, then the
        // ring adds the two halves. Float32 summation of n terms errs by at most about n·2^-24 relative (~2e-6 for
        // 32), so each step's loss and gradient agree to that; the standardized weights are O(1) and a few such
        // steps' worth of drift stays below 1e-5 (measured: ~2e-7).
        assertTrue(worstLoss <= 1e-5, "step losses differ by " + worstLoss);
        assertTrue(worstWeight <= 1e-5, "weights differ by " + worstWeight);
        assertEquals(spread.replicaDigests()[0], spread.replicaDigests()[1], "the two replicas' weights differ");
        assertTrue(spread.stepLosses()[spread.stepLosses().length - 1] < 0.8 * spread.stepLosses()[0], "the loss did not fall");
    }

    @Test
    void sparkAllGatherSumsLikeTheRing() {
        // With two tasks both all-reduces form each sum as g0 + g1 (float addition commutes): identical bits.
        DataParallelResult ring = SparkDataParallel.fit(table, Diabetes.network(), options().epochs(1));
        DataParallelResult gather = SparkDataParallel.fit(table, Diabetes.network(), options().epochs(1).allReduce(AllReduceKind.SPARK));
        assertArrayEquals(ring.stepLosses(), gather.stepLosses());
        ring.stateDict().forEach((k, v) -> assertTrue(v.equalValues(gather.stateDict().get(k)), k));
        System.out.printf("all-reduce per step: ring %.3f ms, Spark allGather %.3f ms; bytes per task per step: ring %.0f, allGather %.0f%n",
                ring.reduceSecondsPerStep() * 1e3, gather.reduceSecondsPerStep() * 1e3, ring.bytesPerStep(), gather.bytesPerStep());
    }
}
