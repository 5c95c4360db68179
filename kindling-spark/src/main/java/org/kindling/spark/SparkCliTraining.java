package org.kindling.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.kindling.cli.DistributedTraining;
import org.kindling.nn.Module;

/**
 * {@code kindling train --spark MASTER}: the command line's prepared training rows become a Spark table
 * (sent from the driver to the tasks; the command line reads a local file, as in a local run) and train with
 * {@link SparkDataParallel} on every core Spark offers. The run's batch is the batch over all tasks.
 */
public final class SparkCliTraining implements DistributedTraining {
    /** For {@link java.util.ServiceLoader}. */
    public SparkCliTraining() {}

    /** Spark's log configuration for the command line; read when Spark first logs, so set before the session. */
    private static final String LOG_CONFIG = "kindling-spark-cli-log4j2.properties";

    @Override
    public Outcome train(String master, Job job) {
        if (System.getProperty("log4j2.configurationFile") == null) System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("kindling train");
        if (!master.startsWith("local")) {
            // Executors of a cluster need Kindling's classes: ship the command line's jar and this module's.
            builder.config("spark.jars", jarOf(DistributedTraining.class) + "," + jarOf(SparkCliTraining.class));
        }
        SparkSession spark = builder.getOrCreate();
        try {
            int tasks = spark.sparkContext().defaultParallelism();
            int rows = job.trainX().size(0);
            int perTask = perTaskBatch(job.batchSize(), rows, tasks);
            DistributedTraining.Replicas replicas = job.replicas();
            DataParallelOptions options = new DataParallelOptions().targets(targetNames(job)).features(featureNames(job))
                    .classTargets(job.classTargets()).batchSize(perTask).epochs(job.epochs()).seed(job.seed()).tasks(tasks)
                    .checkpointDir(job.checkpointDir().toString())
                    .checkpointEvery(job.checkpointEvery() == null ? 1 : job.checkpointEvery())
                    .validation(job.valX(), job.valY());
            job.out().println("Spark " + spark.version() + ": " + tasks + " tasks of " + perTask + " rows per step");
            DataParallelResult r = SparkDataParallel.fit(table(spark, job), () -> {
                Module model = replicas.model();
                return new Replica(model, replicas.optimizer(model), replicas.loss());
            }, options);
            job.out().printf("Trained at %.0f rows/s (%.2f ms compute, %.2f ms all-reduce per step, %.0f bytes sent per task per step)%n",
                    r.rowsPerSecond(), r.computeSecondsPerStep() * 1e3, r.reduceSecondsPerStep() * 1e3, r.bytesPerStep());
            return new Outcome(r.stateDict(), r.assignment().stepsPerEpoch(), r.stepLosses(), r.epochLosses(),
                    r.trainAccuracies(), r.validationLosses(), r.validationAccuracies());
        } finally {
            spark.stop();
        }
    }

    /** The global batch split over the tasks: it must divide evenly, except a full batch, which is split as evenly as it goes. */
    static int perTaskBatch(int batch, int rows, int tasks) {
        if (batch >= rows) return (rows + tasks - 1) / tasks;
        if (batch % tasks != 0) {
            throw new IllegalArgumentException("--batch-size " + batch + " is the batch over all " + tasks
                    + " Spark tasks and must be a multiple of " + tasks);
        }
        return batch / tasks;
    }

    private static List<String> featureNames(Job job) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < job.trainX().size(1); i++) names.add("x" + i);
        return names;
    }

    private static List<String> targetNames(Job job) {
        if (job.classTargets()) return List.of("class");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < job.trainY().size(1); i++) names.add("y" + i);
        return names;
    }

    /** The prepared rows as a table: float columns x0.., then y0.. (or a long "class"). */
    private static Dataset<Row> table(SparkSession spark, Job job) {
        StructType schema = new StructType();
        for (String f : featureNames(job)) schema = schema.add(f, DataTypes.FloatType, false);
        for (String t : targetNames(job)) schema = schema.add(t, job.classTargets() ? DataTypes.LongType : DataTypes.FloatType, false);
        int n = job.trainX().size(0), f = job.trainX().size(1);
        float[] x = job.trainX().toFloatArray();
        float[] y = job.classTargets() ? null : job.trainY().toFloatArray();
        long[] classes = job.classTargets() ? job.trainY().toLongArray() : null;
        int t = job.classTargets() ? 1 : job.trainY().size(1);
        List<Row> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Object[] values = new Object[f + t];
            for (int c = 0; c < f; c++) values[c] = x[r * f + c];
            if (job.classTargets()) values[f] = classes[r];
            else for (int c = 0; c < t; c++) values[f + c] = y[r * t + c];
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
