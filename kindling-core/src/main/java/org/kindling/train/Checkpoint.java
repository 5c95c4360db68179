package org.kindling.train;

import org.kindling.Tensor;
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

    /** Reads a checkpoint written by {@link #save}; a file of another kind fails naming the file. */
    public static Checkpoint load(Path file) {
        Safetensors.Contents c = Safetensors.read(file);
        Map<String, String> meta = c.metadata() == null ? Map.of() : c.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new SafetensorsFormatException(file + ": not a Kindling checkpoint (metadata 'format' is "
                    + meta.get("format") + ", expected " + FORMAT + ")");
        }
        LinkedHashMap<String, Tensor> model = new LinkedHashMap<>(), optim = new LinkedHashMap<>(), extra = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("model/")) model.put(k.substring(6), v);
            else if (k.startsWith("optimizer/")) optim.put(k.substring(10), v);
            else if (k.startsWith("extra/")) extra.put(k.substring(6), v);
            else throw new SafetensorsFormatException(file + ": unexpected tensor '" + k + "' in a checkpoint");
        });
        OptimizerStateDict optimizer = null;
        if (meta.containsKey("optimizer")) {
            try {
                optimizer = new OptimizerStateDict(optim, Json.parseObject(meta.get("optimizer")));
            } catch (RuntimeException e) {
                throw new SafetensorsFormatException(file + ": the optimizer state is not valid JSON: " + e.getMessage(), e);
            }
        }
        byte[] generator = meta.containsKey("generator") ? Base64.getDecoder().decode(meta.get("generator")) : null;
        LinkedHashMap<String, String> user = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("user.")) user.put(k.substring(5), v);
        });
        int epoch;
        try {
            epoch = Integer.parseInt(meta.getOrDefault("epoch", ""));
        } catch (NumberFormatException e) {
            throw new SafetensorsFormatException(file + ": checkpoint metadata 'epoch' is not a number: " + meta.get("epoch"));
        }
        return new Checkpoint(model, optimizer, epoch, generator, extra, user);
    }
}
