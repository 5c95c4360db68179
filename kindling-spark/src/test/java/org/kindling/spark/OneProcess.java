package org.kindling.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kindling.Kindling;
import org.kindling.Tensor;

/**
 * The reference: one process, one replica, trained on the global batches of {@link RowAssignment} (batch N·B),
 * with a plain forward, backward and step per batch; no Spark and no all-reduce involved.
 *
 * @param stepLosses every step's loss
 * @param stateDict  the trained weights
 */
record OneProcess(float[] stepLosses, Map<String, Tensor> stateDict) {

    static OneProcess train(ReplicaFactory factory, long seed, Tensor x, Tensor y, RowAssignment assignment, int epochs) {
        Kindling.setNumThreads(1);
        Kindling.manualSeed(seed);
        Replica replica = factory.create();
        List<Float> losses = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            replica.model().train();
            for (int s = 0; s < assignment.stepsPerEpoch(); s++) {
                long[] rows = assignment.globalBatch(e, s);
                Tensor index = Tensor.fromArray(rows, rows.length);
                Tensor loss = replica.loss().forward(replica.model().forward(x.indexSelect(0, index)), y.indexSelect(0, index));
                replica.optimizer().zeroGrad();
                loss.backward();
                replica.optimizer().step();
                losses.add(loss.item());
            }
        }
        float[] out = new float[losses.size()];
        for (int i = 0; i < out.length; i++) out[i] = losses.get(i);
        return new OneProcess(out, replica.model().stateDict());
    }

    /** The largest relative gap between this run's step losses and {@code spread}'s. */
    double worstRelativeLossGap(DataParallelResult spread) {
        double worst = 0;
        for (int i = 0; i < stepLosses.length; i++) {
            worst = Math.max(worst, Math.abs(spread.stepLosses()[i] - stepLosses[i]) / Math.abs(stepLosses[i]));
        }
        return worst;
    }

    /** The largest absolute gap between this run's weights and {@code spread}'s. */
    double worstWeightGap(DataParallelResult spread) {
        double worst = 0;
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            float[] a = spread.stateDict().get(e.getKey()).toFloatArray(), b = e.getValue().toFloatArray();
            for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
