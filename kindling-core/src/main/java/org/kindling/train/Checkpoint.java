package org.kindling.train;

import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.internal.format.Excerpt;
import org.kindling.internal.json.Json;
import org.kindling.io.Safetensors;
import org.kindling.io.SafetensorsFormatException;
import org.kindling.optim.OptimizerStateDict;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to resume training exactly: the model's state dict, the optimizer's state, the
 * number of finished epochs, the state of the generator that shuffles the data, and any extra
 * named tensors (a feature scaler, say) and string metadata.
 *
 * <p>Stored as one safetensors file: tensors under {@code model/}, {@code optimizer/} and
 * {@code extra/}, the rest as JSON in the metadata. {@link #save} is atomic, so a crash during a
 * save keeps the previous checkpoint intact.
 *
 * @param model          the model's state dict
 * @param optimizer      the optimizer's state (null if none)
 * @param epoch          epochs finished
 * @param generatorState {@code Generator.state()} of the data-order generator (null if none)
 * @param extra          other tensors to keep with the run
 * @param metadata       other strings to keep with the run
 */
public record Checkpoint(Map<String, Tensor> model, OptimizerStateDict optimizer, int epoch, byte[] generatorState,
                         Map<String, Tensor> extra, Map<String, String> metadata) {
    private static final String FORMAT = "kindling-checkpoint-1";
    private static final int MAX_OPTIMIZER_JSON = 4 << 20;

    public Checkpoint {
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }

    /** Writes the checkpoint atomically. */
    public void save(Path file) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        model.forEach((k, v) -> tensors.put("model/" + k, v));
        if (optimizer != null) optimizer.tensors().forEach((k, v) -> tensors.put("optimizer/" + k, v));
        extra.forEach((k, v) -> tensors.put("extra/" + k, v));
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        if (optimizer != null) meta.put("optimizer", Json.write(optimizer.scalars()));
        if (generatorState != null) meta.put("generator", Base64.getEncoder().encodeToString(generatorState));
        metadata.forEach((k, v) -> meta.put("user." + k, v));
        Safetensors.save(tensors, meta, file);
    }

    /**
     * Reads a checkpoint written by {@link #save}. A file that is not one, or whose metadata is damaged, fails
     * with {@link SafetensorsFormatException} naming the file and the problem.
     */
    public static Checkpoint load(Path file) {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> meta = c.metadata() == null ? Map.of() : c.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new SafetensorsFormatException(file + ": not a Kindling checkpoint (metadata 'format' is "
                    + quoted(meta.get("format")) + ", expected " + FORMAT + ")");
        }
        LinkedHashMap<String, Tensor> model = new LinkedHashMap<>(), optim = new LinkedHashMap<>(), extra = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("model/")) model.put(k.substring(6), v);
            else if (k.startsWith("optimizer/")) optim.put(k.substring(10), v);
            else if (k.startsWith("extra/")) extra.put(k.substring(6), v);
            else throw new SafetensorsFormatException(file + ": unexpected tensor '" + Excerpt.of(k) + "' in a checkpoint");
        });
        OptimizerStateDict optimizer = meta.containsKey("optimizer") ? optimizer(file, meta.get("optimizer"), optim) : null;
        byte[] generator = meta.containsKey("generator") ? generator(file, meta.get("generator")) : null;
        LinkedHashMap<String, String> user = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("user.")) user.put(k.substring(5), v);
        });
        return new Checkpoint(model, optimizer, epoch(file, meta.get("epoch")), generator, extra, user);
    }

    private static int epoch(Path file, String text) {
        if (text == null) throw damaged(file, "has no 'epoch'");
        try {
            int epoch = Integer.parseInt(text);
            if (epoch >= 0) return epoch;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw damaged(file, "'epoch' must be a non-negative integer, found " + quoted(text));
    }

    private static OptimizerStateDict optimizer(Path file, String json, Map<String, Tensor> tensors) {
        // A JSON tree costs up to ~20 bytes per character: bound it (real optimizer state is kilobytes).
        if (json.length() > MAX_OPTIMIZER_JSON) {
            throw damaged(file, "'optimizer' is " + json.length() + " characters long (at most " + MAX_OPTIMIZER_JSON + ")");
        }
        try {
            return new OptimizerStateDict(tensors, Json.parseObject(json));
        } catch (RuntimeException e) {
            throw damaged(file, "'optimizer' is not a valid optimizer state: " + e.getMessage(), e);
        }
    }

    private static byte[] generator(Path file, String base64) {
        byte[] state;
        try {
            state = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw damaged(file, "'generator' is not base64 text (" + e.getMessage() + ")", e);
        }
        try {
            new Generator().setState(state); // the generator's own checks: length, layout
        } catch (IllegalArgumentException e) {
            throw damaged(file, "'generator' is not a generator state: " + e.getMessage(), e);
        }
        return state;
    }

    private static SafetensorsFormatException damaged(Path file, String problem) {
        return new SafetensorsFormatException(file + ": damaged checkpoint: metadata " + problem);
    }

    private static SafetensorsFormatException damaged(Path file, String problem, Throwable cause) {
        return new SafetensorsFormatException(file + ": damaged checkpoint: metadata " + problem, cause);
    }

    private static String quoted(String text) {
        return text == null ? "missing" : "\"" + Excerpt.of(text) + "\"";
    }
}
