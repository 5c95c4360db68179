package org.kindling.io;

import org.kindling.Tensor;
import org.kindling.internal.format.Excerpt;
import org.kindling.internal.io.SafetensorsDType;
import org.kindling.internal.io.SafetensorsFile;
import org.kindling.internal.io.TensorEntry;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tensors by name in the safetensors format, the interchange format PyTorch, Hugging Face and
 * Kindling all read. A model's {@code stateDict()} saved here loads in PyTorch with
 * {@code safetensors.torch.load_file} (same names, same {@code [out, in]} shapes), and back.
 *
 * <pre>{@code
 * Safetensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
 * }</pre>
 * Writes are atomic (a temporary file renamed over the target), so a crash never leaves a
 * half-written file in place of the previous one. Reading validates the whole header before
 * allocating anything and fails with {@link SafetensorsFormatException} naming the file.
 */
public final class Safetensors {
    private Safetensors() {}

    /** A loaded file: metadata (null when absent), tensors in header order, and each tensor's stored dtype. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors, Map<String, String> storedDTypes) {}

    /** Writes float32 tensors as F32, float64 as F64, int64 as I64, bool as BOOL, in the map's order. */
    public static void save(Map<String, Tensor> tensors, Path file) {
        save(tensors, null, file);
    }

    /** Like {@link #save(Map, Path)}, with string metadata stored under {@code __metadata__}. */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) {
        LinkedHashMap<String, TensorEntry> entries = new LinkedHashMap<>();
        tensors.forEach((name, t) -> entries.put(name, entry(t)));
        SafetensorsFile.write(file, metadata, entries);
    }

    /** Reads every tensor: F32, F16 and BF16 become float32 (exactly), F64 float64, I64 and I32 int64. */
    public static Map<String, Tensor> load(Path file) {
        return read(file).tensors();
    }

    /** Reads tensors, metadata and stored dtypes. */
    public static Contents read(Path file) {
        var content = SafetensorsFile.read(file);
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        LinkedHashMap<String, String> dtypes = new LinkedHashMap<>();
        content.tensors().forEach((name, e) -> {
            tensors.put(name, tensor(file, name, e));
            dtypes.put(name, e.dtype().name());
        });
        return new Contents(content.metadata(), Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(dtypes));
    }

    private static TensorEntry entry(Tensor t) {
        long[] shape = new long[t.dim()];
        for (int i = 0; i < shape.length; i++) shape[i] = t.size(i);
        return switch (t.dtype()) {
            case FLOAT32 -> TensorEntry.ofFloats(shape, t.toFloatArray());
            case FLOAT64 -> TensorEntry.ofDoubles(shape, t.toDoubleArray());
            case INT64 -> TensorEntry.ofLongs(shape, t.toLongArray());
            case BOOL -> {
                float[] v = t.toFloatArray();
                byte[] bytes = new byte[v.length];
                for (int i = 0; i < v.length; i++) bytes[i] = (byte) (v[i] != 0 ? 1 : 0);
                yield new TensorEntry(SafetensorsDType.BOOL, shape, java.nio.ByteBuffer.wrap(bytes));
            }
        };
    }

    private static Tensor tensor(Path file, String name, TensorEntry e) {
        long[] s = e.shape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            if (s[i] > Integer.MAX_VALUE) {
                throw new SafetensorsFormatException(file + ": tensor '" + Excerpt.of(name) + "': dimension " + s[i]
                        + " is too large (at most " + Integer.MAX_VALUE + ")");
            }
            shape[i] = (int) s[i];
        }
        try {
            return switch (e.dtype()) {
                case F32, F16, BF16 -> Tensor.fromArray(e.toFloatArray(), shape);
                case F64 -> Tensor.fromArray(e.toDoubleArray(), shape);
                case BOOL -> Tensor.fromArray(e.toFloatArray(), shape).ne(0);
                default -> Tensor.fromArray(e.toLongArray(), shape);
            };
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException x) {
            // A valid file can describe what a Tensor cannot hold (more than 2^31 - 1 elements, say).
            throw new SafetensorsFormatException(file + ": tensor '" + Excerpt.of(name) + "': shape "
                    + java.util.Arrays.toString(s) + " cannot be loaded as a tensor: " + x.getMessage(), x);
        }
    }
}
