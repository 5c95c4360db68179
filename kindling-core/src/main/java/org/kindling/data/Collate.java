package org.kindling.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kindling.Tensor;

/** PyTorch's {@code default_collate} for the sample types Kindling supports: Tensor and Tensor[]. */
final class Collate {
    private Collate() {}

    /** Stacks {@code Tensor} samples into one tensor, or {@code Tensor[]} samples field by field. */
    static Object collate(List<Object> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("DataLoader: cannot collate an empty batch");
        }
        Object first = samples.get(0);
        if (first instanceof Tensor) {
            List<Tensor> tensors = new ArrayList<>(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                tensors.add(field(samples, i, -1));
            }
            return stack(tensors, -1);
        }
        if (first instanceof Tensor[] fields) {
            int width = fields.length;
            Tensor[] batch = new Tensor[width];
            for (int f = 0; f < width; f++) {
                List<Tensor> tensors = new ArrayList<>(samples.size());
                for (int i = 0; i < samples.size(); i++) {
                    tensors.add(field(samples, i, f));
                }
                batch[f] = stack(tensors, f);
            }
            return batch;
        }
        throw new IllegalArgumentException("DataLoader: the default collate handles Tensor and Tensor[] samples, got "
                + (first == null ? "null" : first.getClass().getName())
                + "; pass a collate function to the DataLoader constructor");
    }

    // Sample i as a tensor (field < 0) or its field-th tensor, checked against sample 0's structure.
    private static Tensor field(List<Object> samples, int i, int field) {
        Object s = samples.get(i);
        if (field < 0) {
            if (s instanceof Tensor t) {
                return t;
            }
            throw new IllegalArgumentException("DataLoader: sample " + i + " of the batch is " + describe(s)
                    + ", but sample 0 is a Tensor");
        }
        int width = ((Tensor[]) samples.get(0)).length;
        if (s instanceof Tensor[] fields && fields.length == width && fields[field] != null) {
            return fields[field];
        }
        throw new IllegalArgumentException("DataLoader: sample " + i + " of the batch is " + describe(s)
                + ", but sample 0 is a Tensor[] of " + width + " non-null tensors");
    }

    private static Tensor stack(List<Tensor> tensors, int field) {
        int[] shape = tensors.get(0).shape();
        for (int i = 1; i < tensors.size(); i++) {
            if (!Arrays.equals(shape, tensors.get(i).shape())) {
                throw new IllegalArgumentException("DataLoader: cannot stack the batch" + (field < 0 ? "" : " field " + field)
                        + ": sample 0 has shape " + Arrays.toString(shape) + ", sample " + i + " has shape "
                        + Arrays.toString(tensors.get(i).shape()));
            }
        }
        return Tensor.stack(tensors, 0);
    }

    private static String describe(Object s) {
        if (s == null) {
            return "null";
        }
        if (s instanceof Tensor[] a) {
            return "a Tensor[] of " + a.length;
        }
        return "a " + s.getClass().getName();
    }
}
