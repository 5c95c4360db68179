package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Tensor;
import org.kindling.nn.Functional;

import java.util.Map;

/** Op fixtures of convolution, pooling and embedding (parity README §4); null for an op this class does not run. */
final class SpatialOpFixtures {
    private SpatialOpFixtures() {}

    static Tensor apply(String op, Map<String, Tensor> in, JsonNode args, JsonNode fx) {
        Tensor x = in.get("input");
        return switch (op) {
            case "conv1d", "conv2d" -> conv(op.equals("conv1d") ? 1 : 2, x, in.get("weight"), in.get("bias"), args);
            case "max_pool2d" -> {
                int[] k = perDim(args.get("kernel_size"), 2, 0);
                yield Functional.maxPool2d(x, k, args.has("stride") ? perDim(args.get("stride"), 2, 0) : null,
                        perDim(args.get("padding"), 2, 0), perDim(args.get("dilation"), 2, 1), args.path("ceil_mode").asBoolean(false));
            }
            case "avg_pool2d" -> {
                int[] k = perDim(args.get("kernel_size"), 2, 0);
                JsonNode divisor = args.get("divisor_override");
                yield Functional.avgPool2d(x, k, args.has("stride") ? perDim(args.get("stride"), 2, 0) : null,
                        perDim(args.get("padding"), 2, 0), args.path("ceil_mode").asBoolean(false),
                        args.path("count_include_pad").asBoolean(true),
                        divisor == null || divisor.isNull() ? null : divisor.asInt());
            }
            case "adaptive_avg_pool2d" -> {
                int[] size = perDim(args.get("output_size"), 2, 0);
                yield Functional.adaptiveAvgPool2d(x, size[0], size[1]);
            }
            case "embedding" -> {
                JsonNode pad = args.get("padding_idx");
                yield Functional.embedding(x, in.get("weight"), pad == null || pad.isNull() ? null : pad.asInt());
            }
            default -> null;
        };
    }

    private static Tensor conv(int dims, Tensor x, Tensor weight, Tensor bias, JsonNode args) {
        int[] stride = perDim(args.get("stride"), dims, 1), dilation = perDim(args.get("dilation"), dims, 1);
        int groups = args.path("groups").asInt(1);
        JsonNode padding = args.get("padding");
        if (padding != null && padding.isTextual()) {
            return dims == 1 ? Functional.conv1d(x, weight, bias, stride[0], padding.asText(), dilation[0], groups)
                    : Functional.conv2d(x, weight, bias, stride, padding.asText(), dilation, groups);
        }
        int[] pad = perDim(padding, dims, 0);
        return dims == 1 ? Functional.conv1d(x, weight, bias, stride[0], pad[0], dilation[0], groups)
                : Functional.conv2d(x, weight, bias, stride, pad, dilation, groups);
    }

    /** An int or a list per spatial dim (PyTorch's {@code _pair}); {@code missing} when absent. */
    private static int[] perDim(JsonNode v, int dims, int missing) {
        int[] out = new int[dims];
        if (v == null || v.isNull()) {
            java.util.Arrays.fill(out, missing);
        } else if (v.isArray()) {
            out = OpFixtures.ints(v);
        } else {
            java.util.Arrays.fill(out, v.asInt());
        }
        return out;
    }
}
