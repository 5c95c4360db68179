package org.kindling.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.kindling.train.Checkpoint;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training on Spark with PyTorch's {@code DistributedDataParallel} semantics, inside one
 * barrier stage: every task builds the same replica from the seed, trains on its share of the rows, and
 * after every backward the gradients of all tasks are averaged before {@code optimizer.step()}, so the
 * replicas stay bit-identical. N tasks with batch B follow the curve of one process with batch N·B on the
 * batches {@link RowAssignment} defines.
 *
 * <pre>{@code
 * Dataset<Row> table = spark.read().option("header", true).option("inferSchema", true).csv("data.csv");
 * DataParallelResult r = SparkDataParallel.fit(table, () -> {
 *     Sequential net = new Sequential(new Linear(10, 64), new ReLU(), new Linear(64, 1));
 *     return new Replica(net, new Adam(net.parameters(), Adam.options().lr(1e-3)), new MSELoss());
 * }, new DataParallelOptions().targets(List.of("y")).batchSize(16).epochs(20).tasks(2));
 * }</pre>
 *
 * <p>Only the trained weights and the loss curve come back to the driver; rows never do. The input must
 * give the same rows in the same order when recomputed (a file, a table, or a cached Dataset), as Spark
 * may read it again when it retries the stage.
 */
public final class SparkDataParallel {
    /** The checkpoint's file name in {@link DataParallelOptions#checkpointDir}. */
    public static final String CHECKPOINT_FILE = "checkpoint.safetensors";

    private SparkDataParallel() {}

    /**
     * Trains replicas built by {@code factory} on {@code data} and returns the result. Fails before any task
     * starts when a column is missing or not numeric, or when there are fewer rows than tasks.
     */
    public static DataParallelResult fit(Dataset<Row> data, ReplicaFactory factory, DataParallelOptions options) {
        Objects.requireNonNull(factory, "factory");
        Columns columns = Columns.resolve(data.schema(), options);
        int tasks = options.tasks() > 0 ? options.tasks() : data.sparkSession().sparkContext().defaultParallelism();
        RowAssignment assignment = new RowAssignment(data.count(), tasks, options.batchSize(), options.seed(), options.shuffle());
        if (options.checkpointDir() != null) {
            // Where the driver sees the checkpoint too (local mode, a shared file system), a mismatch fails at once.
            Path file = Path.of(options.checkpointDir()).resolve(CHECKPOINT_FILE);
            if (Files.exists(file)) RunIdentity.check(file, Checkpoint.load(file), RunIdentity.of(assignment, options, columns));
        }
        JavaPairRDD<Long, Row> indexed = data.toJavaRDD().zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1()));
        JavaPairRDD<Long, Row> assigned = indexed.repartitionAndSortWithinPartitions(new TaskPartitioner(tasks));
        long start = System.nanoTime();
        // A failed barrier stage is retried only when it is a shuffle-map stage (Spark aborts a failed barrier
        // result stage), so the few outcomes go through a one-partition shuffle to the collecting stage.
        List<ReplicaOutcome> outcomes = JavaRDD.fromRDD(assigned.rdd().barrier()
                .mapPartitions(new ReplicaTask(factory, options, assignment, columns), false,
                        ClassTag$.MODULE$.apply(ReplicaOutcome.class)), ClassTag$.MODULE$.apply(ReplicaOutcome.class))
                .repartition(1)
                .collect();
        double wall = (System.nanoTime() - start) / 1e9;
        ReplicaOutcome first = null;
        double bytesPerStep = 0;
        long[] digests = new long[tasks];
        for (ReplicaOutcome o : outcomes) {
            digests[o.task()] = o.weightDigest();
            if (o.task() == 0) first = o;
            if (o.steps() > 0) bytesPerStep = Math.max(bytesPerStep, (double) o.bytesSent() / o.steps());
        }
        if (first == null) throw new IllegalStateException("task 0 returned no result");
        return new DataParallelResult(TensorBlob.toTensors(first.model()), first.stepLosses(), first.epochLosses(),
                first.trainAccuracies(), first.validationLosses(), first.validationAccuracies(), assignment,
                first.startEpoch(), first.steps(), first.computeNanos() / 1e9, first.reduceNanos() / 1e9, bytesPerStep, digests, wall);
    }
}
