package org.kindling.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kindling.DType;
import org.kindling.Tensor;

/**
 * A tensor in a form Java serialization carries from a task to the driver (the trained state dict;
 * never data rows). Values keep their dtype exactly.
 *
 * @param dtype  the tensor's dtype
 * @param shape  its shape
 * @param floats float32 values, or null
 * @param longs  int64 and bool values, or null
 * @param doubles float64 values, or null
 */
record TensorBlob(DType dtype, int[] shape, float[] floats, long[] longs, double[] doubles) implements Serializable {

    static TensorBlob of(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT32 -> new TensorBlob(t.dtype(), t.shape(), t.toFloatArray(), null, null);
            case FLOAT64 -> new TensorBlob(t.dtype(), t.shape(), null, null, t.toDoubleArray());
            default -> new TensorBlob(t.dtype(), t.shape(), null, t.toLongArray(), null);
        };
    }

    Tensor toTensor() {
        return switch (dtype) {
            case FLOAT32 -> Tensor.fromArray(floats, shape);
            case FLOAT64 -> Tensor.fromArray(doubles, shape);
            case INT64 -> Tensor.fromArray(longs, shape);
            default -> Tensor.fromArray(longs, shape).to(dtype);
        };
    }

    static Map<String, TensorBlob> of(Map<String, Tensor> tensors) {
        Map<String, TensorBlob> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    static Map<String, Tensor> toTensors(Map<String, TensorBlob> blobs) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        blobs.forEach((k, v) -> out.put(k, v.toTensor()));
        return out;
    }
}
