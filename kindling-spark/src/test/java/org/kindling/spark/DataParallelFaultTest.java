package org.kindling.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.train.Checkpoint;

/**
 * A task that dies makes Spark retry the barrier stage (local[2,4]: up to 4 failures); the retry resumes
 * from task 0's last checkpoint and, training being deterministic, ends with the uninterrupted run's model.
 */
class DataParallelFaultTest {
    static final int EPOCHS = 5;
    static final int DIES_AT = 4;

    static SparkSession spark;
    static Dataset<Row> table;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("local[2,4]");
        table = Diabetes.table(spark, Diabetes.csv(dir)).cache();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static DataParallelOptions options() {
        return new DataParallelOptions().targets(List.of(Diabetes.TARGET)).batchSize(16).epochs(EPOCHS).seed(3).tasks(2);
    }

    @Test
    void aTaskThatDiesIsRetriedFromTheLastCheckpointAndEndsWithTheSameModel() throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        DataParallelResult whole = SparkDataParallel.fit(table, Diabetes.network(), options());
        DataParallelResult retried = SparkDataParallel.fit(table, Diabetes.network(),
                options().checkpointDir(checkpoints.toString()).failInFirstAttempt(DIES_AT, 1));

        System.out.println("the retried stage resumed from epoch " + retried.resumedFromEpoch());
        // Task 1 dies entering epoch 4; task 0 had surely saved epoch 2 (epoch 3 needed task 1 after that save),
        // and epoch 3 unless the failure interrupted that save.
        assertTrue(retried.resumedFromEpoch() == DIES_AT - 1 || retried.resumedFromEpoch() == DIES_AT - 2,
                "resumed from epoch " + retried.resumedFromEpoch());
        assertEquals((long) (EPOCHS - retried.resumedFromEpoch()) * retried.assignment().stepsPerEpoch(), retried.stepsRun());
        assertArrayEquals(whole.stepLosses(), retried.stepLosses());
        assertArrayEquals(whole.epochLosses(), retried.epochLosses());
        whole.stateDict().forEach((k, v) -> assertTrue(v.equalValues(retried.stateDict().get(k)), k + " differs"));

        Checkpoint last = Checkpoint.load(checkpoints.resolve(SparkDataParallel.CHECKPOINT_FILE));
        assertEquals(EPOCHS, last.epoch());
        whole.stateDict().forEach((k, v) -> assertTrue(v.equalValues(last.model().get(k)), k + " differs in the checkpoint"));
        try (Stream<Path> files = Files.list(checkpoints)) {
            assertEquals(List.of(SparkDataParallel.CHECKPOINT_FILE),
                    files.map(p -> p.getFileName().toString()).toList(), "a partial or temporary checkpoint was left");
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        Path checkpoints = dir.resolve("other");
        SparkDataParallel.fit(table, Diabetes.network(), options().epochs(1).checkpointDir(checkpoints.toString()));
        var e = assertThrows(IllegalArgumentException.class, () -> SparkDataParallel.fit(table, Diabetes.network(),
                options().epochs(2).batchSize(8).checkpointDir(checkpoints.toString())));
        assertTrue(e.getMessage().contains("belongs to another run: its batch_size is 16, this run's is 8"), e.getMessage());
    }
}
