package org.kindling.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;

/**
 * A real standalone cluster (master and two workers as separate JVMs on 127.0.0.1, each worker starting
 * its own executor JVM): the diabetes run, submitted through the Java API, follows one process's curve.
 */
class StandaloneClusterTest {
    static final int EPOCHS = 3;
    static final long SEED = 11;

    @TempDir
    Path dir;

    @Test
    void twoWorkersFollowOneProcess() {
        try (LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir.resolve("cluster"), 2)) {
            SparkSession spark = SparkSession.builder().master(cluster.masterUrl()).appName("kindling-standalone-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.executor.extraClassPath", LocalStandaloneCluster.classPath())
                    .config("spark.executor.memory", "512m")
                    .config("spark.executor.cores", "1")
                    .config("spark.cores.max", "2")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            try {
                awaitExecutors(spark, 2, 90, cluster);
                Dataset<Row> table = Diabetes.table(spark, Diabetes.csv(dir)).cache();
                DataParallelResult spread = SparkDataParallel.fit(table, Diabetes.network(), new DataParallelOptions()
                        .targets(List.of(Diabetes.TARGET)).batchSize(16).epochs(EPOCHS).seed(SEED).tasks(2));
                Tensor[] xy = Diabetes.tensors(table);
                OneProcess one = OneProcess.train(Diabetes.network(), SEED, xy[0], xy[1], spread.assignment(), EPOCHS);

                assertEquals(one.stepLosses().length, spread.stepLosses().length);
                double worstLoss = one.worstRelativeLossGap(spread), worstWeight = one.worstWeightGap(spread);
                System.out.printf("standalone cluster vs one process: worst relative step-loss gap %.3g, worst weight gap %.3g; "
                        + "compute %.3f ms/step, ring all-reduce %.3f ms/step%n", worstLoss, worstWeight,
                        spread.computeSecondsPerStep() * 1e3, spread.reduceSecondsPerStep() * 1e3);
                // The bound and its reason: DataParallelEquivalenceTest.
                assertTrue(worstLoss <= 1e-5, "step losses differ by " + worstLoss);
                assertTrue(worstWeight <= 1e-5, "weights differ by " + worstWeight);
                assertEquals(spread.replicaDigests()[0], spread.replicaDigests()[1], "the two replicas' weights differ");
            } finally {
                spark.stop();
            }
        }
    }

    private static void awaitExecutors(SparkSession spark, int executors, int seconds, LocalStandaloneCluster cluster) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // The driver counts itself among the block managers.
        while (spark.sparkContext().getExecutorMemoryStatus().size() < executors + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(executors + " executors did not register within " + seconds + " s\n" + cluster.logs());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
