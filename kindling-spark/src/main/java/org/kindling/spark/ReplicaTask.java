package org.kindling.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.Row;
import org.kindling.Kindling;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.train.Checkpoint;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The body of one barrier task: build the replica from the seed, read this task's rows, resume from the
 * checkpoint if there is one, then for every step: forward and backward on the local batch, all-reduce the
 * gradients (weighted so the sum is the global batch's mean gradient), step the optimizer.
 */
final class ReplicaTask extends AbstractFunction1<scala.collection.Iterator<Tuple2<Long, Row>>, scala.collection.Iterator<ReplicaOutcome>>
        implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Tasks of one local-mode JVM share Kindling's default generator: seeding and building must not interleave. */
    private static final Object BUILD_LOCK = new Object();

    private final ReplicaFactory factory;
    private final DataParallelOptions options;
    private final RowAssignment assignment;
    private final Columns columns;

    ReplicaTask(ReplicaFactory factory, DataParallelOptions options, RowAssignment assignment, Columns columns) {
        this.factory = factory;
        this.options = options;
        this.assignment = assignment;
        this.columns = columns;
    }

    @Override
    public scala.collection.Iterator<ReplicaOutcome> apply(scala.collection.Iterator<Tuple2<Long, Row>> rows) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int task = context.partitionId();
        if (context.getTaskInfos().length != assignment.tasks()) {
            throw new IllegalStateException("the barrier stage has " + context.getTaskInfos().length + " tasks, expected "
                    + assignment.tasks());
        }
        Kindling.setNumThreads(options.threadsPerTask());
        PartitionTensors data = PartitionTensors.read(CollectionConverters.asJava(rows), task, assignment, columns,
                options.classTargets());
        Replica replica;
        synchronized (BUILD_LOCK) {
            Kindling.manualSeed(options.seed());
            replica = factory.create();
        }
        Path checkpointFile = options.checkpointDir() == null ? null
                : Path.of(options.checkpointDir()).resolve(SparkDataParallel.CHECKPOINT_FILE);
        Curves progress = resume(replica, checkpointFile, context);
        try (AllReduce reduce = options.allReduce() == AllReduceKind.RING
                ? RingAllReduce.connect(context, options.socketTimeoutMillis()) : new GatherAllReduce(context)) {
            ReplicaOutcome outcome = train(replica, data, progress, checkpointFile, context, reduce);
            return CollectionConverters.asScala(List.of(outcome).iterator());
        }
    }

    /** Loads the checkpoint if there is one, after checking it belongs to this run; all tasks must load the same one. */
    private Curves resume(Replica replica, Path file, BarrierTaskContext context) {
        Curves p = new Curves();
        if (file != null && Files.exists(file)) {
            Checkpoint ck = Checkpoint.load(file);
            RunIdentity.check(file, ck, runIdentity());
            replica.model().loadStateDict(ck.model());
            replica.optimizer().loadStateDict(ck.optimizer());
            p = Curves.of(ck);
        }
        // A task of the failed attempt may still have been saving: make sure every task resumes from the same epoch.
        String[] epochs = context.allGather(Integer.toString(p.startEpoch));
        for (String e : epochs) {
            if (!e.equals(epochs[0])) {
                throw new IllegalStateException("tasks loaded checkpoints of different epochs " + Arrays.toString(epochs)
                        + " (one was written while they started); the stage is retried");
            }
        }
        return p;
    }

    private Map<String, String> runIdentity() {
        return RunIdentity.of(assignment, options, columns);
    }

    private ReplicaOutcome train(Replica replica, PartitionTensors data, Curves progress, Path checkpointFile,
                                 BarrierTaskContext context, AllReduce reduce) {
        int task = context.partitionId();
        List<Parameter> params = replica.model().parameters();
        int[] offsets = new int[params.size() + 1];
        for (int i = 0; i < params.size(); i++) offsets[i + 1] = offsets[i] + params.get(i).numel();
        int gradients = offsets[params.size()];
        // Layout: the weighted gradients, one "has a gradient" flag per parameter, rows classified right, the weighted loss.
        float[] buffer = new float[gradients + params.size() + 2];
        int correctSlot = buffer.length - 2;
        Tensor valX = options.validationInputs() == null ? null : options.validationInputs().toTensor();
        Tensor valY = options.validationTargets() == null ? null : options.validationTargets().toTensor();
        int steps = assignment.stepsPerEpoch();
        long computeNanos = 0, reduceNanos = 0, stepsRun = 0;
        for (int epoch = progress.startEpoch; epoch < options.epochs(); epoch++) {
            if (epoch + 1 == options.failAtEpoch() && task == options.failTask()
                    && context.stageAttemptNumber() == 0 && context.attemptNumber() == 0) {
                throw new IllegalStateException("fault injected for testing: task " + task + " dies at epoch " + (epoch + 1));
            }
            int[] order = assignment.localOrder(epoch, task);
            replica.model().train();
            double epochSum = 0, epochCorrect = 0;
            for (int step = 0; step < steps; step++) {
                long t0 = System.nanoTime();
                int rows = assignment.batchRows(task, step);
                int globalRows = assignment.globalBatchRows(step);
                Arrays.fill(buffer, 0f);
                replica.optimizer().zeroGrad();
                if (rows > 0) {
                    // This task's share of the global mean: its local mean times rows / globalRows.
                    float weight = (float) rows / globalRows;
                    long[] picked = new long[rows];
                    for (int j = 0; j < rows; j++) picked[j] = order[step * assignment.batchSize() + j];
                    Tensor index = Tensor.fromArray(picked, rows);
                    Tensor batchTargets = data.targets().indexSelect(0, index);
                    Tensor output = replica.model().forward(data.inputs().indexSelect(0, index));
                    Tensor loss = replica.loss().forward(output, batchTargets);
                    // Whole counts up to 2^24 are exact in float32: the sum over tasks is exact too.
                    if (options.classTargets()) buffer[correctSlot] = correct(output, batchTargets);
                    loss.backward();
                    for (int i = 0; i < params.size(); i++) {
                        Tensor g = params.get(i).grad();
                        if (g == null) continue;
                        float[] values = g.toFloatArray();
                        for (int v = 0; v < values.length; v++) buffer[offsets[i] + v] = values[v] * weight;
                        buffer[gradients + i] = 1f;
                    }
                    buffer[buffer.length - 1] = loss.item() * weight;
                }
                long t1 = System.nanoTime();
                reduce.sum(buffer);
                long t2 = System.nanoTime();
                for (int i = 0; i < params.size(); i++) {
                    Parameter p = params.get(i);
                    p.setGrad(buffer[gradients + i] == 0f ? null
                            : Tensor.fromArray(Arrays.copyOfRange(buffer, offsets[i], offsets[i + 1]), p.shape()));
                }
                replica.optimizer().step();
                float stepLoss = buffer[buffer.length - 1];
                progress.stepLosses.add(stepLoss);
                epochSum += (double) stepLoss * globalRows;
                epochCorrect += buffer[correctSlot];
                computeNanos += (t1 - t0) + (System.nanoTime() - t2);
                reduceNanos += t2 - t1;
                stepsRun++;
            }
            progress.epochLosses.add(epochSum / assignment.rows());
            if (options.classTargets()) progress.trainAccuracies.add(epochCorrect / assignment.rows());
            if (task == 0 && valX != null) evaluate(replica, valX, valY, progress);
            boolean last = epoch + 1 == options.epochs();
            if (task == 0 && checkpointFile != null && (last || (epoch + 1) % options.checkpointEvery() == 0)) {
                save(replica, epoch + 1, progress, checkpointFile);
            }
        }
        boolean first = task == 0;
        return new ReplicaOutcome(task, first ? TensorBlob.of(replica.model().stateDict()) : null,
                first ? progress.steps() : null, first ? Curves.doubles(progress.epochLosses) : null,
                first ? Curves.doubles(progress.trainAccuracies) : null, first ? Curves.doubles(progress.validationLosses) : null,
                first ? Curves.doubles(progress.validationAccuracies) : null,
                progress.startEpoch, stepsRun,
                computeNanos, reduceNanos, reduce.bytesSent(), digest(replica.model().stateDict()));
    }

    /** Rows whose largest logit is the target class. */
    private static float correct(Tensor logits, Tensor classes) {
        try (var g = org.kindling.Autograd.noGrad()) {
            long[] predicted = logits.detach().argmax(1, false).toLongArray();
            long[] truth = classes.toLongArray();
            int n = 0;
            for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) n++;
            return n;
        }
    }

    /** Task 0 scores the held-out rows after an epoch; the other replicas hold the same weights. */
    private void evaluate(Replica replica, Tensor x, Tensor y, Curves progress) {
        replica.model().eval();
        try (var g = org.kindling.Autograd.noGrad()) {
            Tensor output = replica.model().forward(x);
            progress.validationLosses.add(replica.loss().forward(output, y).itemDouble());
            if (options.classTargets()) progress.validationAccuracies.add((double) correct(output, y) / y.size(0));
        }
    }

    /** CRC-32C of every value's bits, in state-dict order. */
    static long digest(Map<String, Tensor> state) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (Tensor t : state.values()) {
            for (double v : t.toDoubleArray()) crc.update(java.nio.ByteBuffer.allocate(8).putDouble(v).array());
        }
        return crc.getValue();
    }

    private void save(Replica replica, int epochsDone, Curves progress, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the checkpoint directory " + file.getParent(), e);
        }
        new Checkpoint(replica.model().stateDict(), replica.optimizer().stateDict(), epochsDone, null, progress.tensors(),
                runIdentity())
                .save(file);
    }
}
