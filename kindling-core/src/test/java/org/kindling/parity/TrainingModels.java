package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.nn.AdaptiveAvgPool2d;
import org.kindling.nn.AvgPool2d;
import org.kindling.nn.BatchNorm1d;
import org.kindling.nn.BatchNorm2d;
import org.kindling.nn.Conv2d;
import org.kindling.nn.Flatten;
import org.kindling.nn.GELU;
import org.kindling.nn.LayerNorm;
import org.kindling.nn.Linear;
import org.kindling.nn.MaxPool2d;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.SiLU;
import org.kindling.nn.Sequential;
import org.kindling.nn.Sigmoid;
import org.kindling.nn.Tanh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A training fixture's {@code architecture} list (parity README §6) as modules, built in order so
 * that each one draws its initial values from the default generator as PyTorch's constructor does.
 * Sizes follow PyTorch's constructor arguments: a number or a list per dimension.
 */
final class TrainingModels {
    private TrainingModels() {}

    /** {@code MyModel} registers each entry under its name; {@code Sequential} numbers them. */
    static Module build(String kind, JsonNode architecture) {
        List<Module> layers = new ArrayList<>();
        LinkedHashMap<String, Module> named = new LinkedHashMap<>();
        for (JsonNode layer : architecture) {
            Module m = layer(layer);
            layers.add(m);
            named.put(layer.path("name").asText(Integer.toString(layers.size() - 1)), m);
        }
        return kind.equals("Sequential") ? new Sequential(layers.toArray(Module[]::new)) : Sequential.named(named);
    }

    private static Module layer(JsonNode l) {
        return switch (l.get("type").asText()) {
            case "linear" -> new Linear(l.get("in").asInt(), l.get("out").asInt(), l.path("bias").asBoolean(true));
            case "conv2d" -> new Conv2d(l.get("in_channels").asInt(), l.get("out_channels").asInt(), pair(l.get("kernel_size"), 0),
                    pair(l.get("stride"), 1), pair(l.get("padding"), 0), pair(l.get("dilation"), 1), l.path("groups").asInt(1),
                    l.path("bias").asBoolean(true), DType.FLOAT32, Generator.defaultGenerator());
            case "batchnorm1d" -> new BatchNorm1d(l.get("num_features").asInt(), l.path("eps").asDouble(1e-5), momentum(l),
                    l.path("affine").asBoolean(true), l.path("track_running_stats").asBoolean(true));
            case "batchnorm2d" -> new BatchNorm2d(l.get("num_features").asInt(), l.path("eps").asDouble(1e-5), momentum(l),
                    l.path("affine").asBoolean(true), l.path("track_running_stats").asBoolean(true));
            case "layernorm" -> new LayerNorm(ints(l.get("normalized_shape")), l.path("eps").asDouble(1e-5),
                    l.path("elementwise_affine").asBoolean(true));
            case "maxpool2d" -> new MaxPool2d(pair(l.get("kernel_size"), 0), strideOrKernel(l), pair(l.get("padding"), 0),
                    pair(l.get("dilation"), 1), l.path("ceil_mode").asBoolean(false));
            case "avgpool2d" -> new AvgPool2d(pair(l.get("kernel_size"), 0), strideOrKernel(l), pair(l.get("padding"), 0),
                    l.path("ceil_mode").asBoolean(false), l.path("count_include_pad").asBoolean(true), null);
            case "adaptiveavgpool2d" -> {
                int[] size = pair(l.get("output_size"), 0);
                yield new AdaptiveAvgPool2d(size[0], size[1]);
            }
            case "flatten" -> new Flatten(l.path("start_dim").asInt(1), l.path("end_dim").asInt(-1));
            case "relu" -> new ReLU();
            case "gelu" -> new GELU(l.path("approximate").asText("none"));
            case "silu" -> new SiLU();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            default -> throw new AssertionError("layer type " + l.get("type") + " has no builder: every fixture must run");
        };
    }

    /** PyTorch's momentum=None (cumulative average) stays null. */
    private static Double momentum(JsonNode l) {
        JsonNode m = l.get("momentum");
        return m == null ? Double.valueOf(0.1) : m.isNull() ? null : m.asDouble();
    }

    /** A pooling stride of None (or absent) means the kernel size. */
    private static int[] strideOrKernel(JsonNode l) {
        JsonNode s = l.get("stride");
        return s == null || s.isNull() ? pair(l.get("kernel_size"), 0) : pair(s, 0);
    }

    /** A size given as one number or as [h, w]; absent means {@code dflt} in both dims. */
    private static int[] pair(JsonNode v, int dflt) {
        if (v == null || v.isNull()) return new int[] {dflt, dflt};
        if (v.isNumber()) return new int[] {v.asInt(), v.asInt()};
        int[] out = ints(v);
        if (out.length == 1) return new int[] {out[0], out[0]};
        return out;
    }

    private static int[] ints(JsonNode v) {
        if (v.isNumber()) return new int[] {v.asInt()};
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i).asInt();
        return out;
    }
}
