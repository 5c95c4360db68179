package org.kindling.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kindling.Tensor;
import org.kindling.train.Checkpoint;

/**
 * A run's curves so far (every step's loss, every epoch's losses and accuracies) and the epoch training
 * starts at; kept in task 0's checkpoint, so a resumed run still reports its whole curve.
 */
final class Curves {
    final List<Float> stepLosses = new ArrayList<>();
    final List<Double> epochLosses = new ArrayList<>();
    final List<Double> trainAccuracies = new ArrayList<>();
    final List<Double> validationLosses = new ArrayList<>();
    final List<Double> validationAccuracies = new ArrayList<>();
    int startEpoch;

    /** The curves a checkpoint holds, starting after its epoch. */
    static Curves of(Checkpoint checkpoint) {
        Curves c = new Curves();
        c.startEpoch = checkpoint.epoch();
        Tensor steps = checkpoint.extra().get("step_losses");
        if (steps != null) for (float v : steps.toFloatArray()) c.stepLosses.add(v);
        restore(checkpoint, "epoch_losses", c.epochLosses);
        restore(checkpoint, "train_accuracies", c.trainAccuracies);
        restore(checkpoint, "validation_losses", c.validationLosses);
        restore(checkpoint, "validation_accuracies", c.validationAccuracies);
        return c;
    }

    /** The curves as named tensors for a checkpoint's extras (empty curves left out). */
    Map<String, Tensor> tensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        float[] steps = steps();
        out.put("step_losses", Tensor.fromArray(steps, steps.length));
        put(out, "epoch_losses", epochLosses);
        put(out, "train_accuracies", trainAccuracies);
        put(out, "validation_losses", validationLosses);
        put(out, "validation_accuracies", validationAccuracies);
        return out;
    }

    float[] steps() {
        float[] out = new float[stepLosses.size()];
        for (int i = 0; i < out.length; i++) out[i] = stepLosses.get(i);
        return out;
    }

    static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void put(Map<String, Tensor> out, String name, List<Double> values) {
        if (!values.isEmpty()) out.put(name, Tensor.fromArray(doubles(values), values.size()));
    }

    private static void restore(Checkpoint checkpoint, String name, List<Double> into) {
        Tensor t = checkpoint.extra().get(name);
        if (t != null) for (double v : t.toDoubleArray()) into.add(v);
    }
}
