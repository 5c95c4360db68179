package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.testing.Fixtures;

import java.util.List;
import java.util.Map;

/** Op fixtures of the second batch of elementwise, reduction, indexing, normalization and loss ops (parity README §4); null for an op this class does not run. */
final class MoreOpFixtures {
    private MoreOpFixtures() {}

    static Tensor apply(String op, Map<String, Tensor> in, JsonNode args, JsonNode fx) {
        Tensor x = in.get("input");
        Tensor other = in.get("other");
        return switch (op) {
            case "batch_norm" -> batchNorm(in, args, fx);
            case "layer_norm" -> Functional.layerNorm(x, OpFixtures.ints(args.get("normalized_shape")), in.get("weight"),
                    in.get("bias"), args.path("eps").asDouble(1e-5));
            case "leaky_relu" -> Functional.leakyRelu(x, args.path("negative_slope").asDouble(0.01));
            case "elu" -> Functional.elu(x, args.path("alpha").asDouble(1.0));
            case "silu" -> Functional.silu(x);
            case "softplus" -> Functional.softplus(x, args.path("beta").asDouble(1.0), args.path("threshold").asDouble(20.0));
            case "gelu" -> Functional.gelu(x, args.path("approximate").asText("none"));
            case "log1p" -> x.log1p();
            case "pow_tensor" -> x.pow(in.get("exponent"));
            case "cumsum" -> x.cumsum(args.get("dim").asInt());
            case "logsumexp" -> x.logsumexp(args.get("dim").asInt(), args.path("keepdim").asBoolean(false));
            case "var" -> x.var(args.get("dim").asInt(), args.path("unbiased").asBoolean(true), args.path("keepdim").asBoolean(false));
            case "std" -> x.std(args.get("dim").asInt(), args.path("unbiased").asBoolean(true), args.path("keepdim").asBoolean(false));
            case "vector_norm" -> x.vectorNorm(args.path("ord").asDouble(2), args.get("dim").asInt(), args.path("keepdim").asBoolean(false));
            case "clamp" -> x.clamp(args.path("min").asDouble(Double.NaN), args.path("max").asDouble(Double.NaN));
            case "where" -> Tensor.where(in.get("condition"), x, other);
            case "masked_fill" -> x.maskedFill(in.get("mask"), args.get("value").asDouble());
            case "cat" -> Tensor.cat(List.of(x, other), args.get("dim").asInt());
            case "stack" -> Tensor.stack(List.of(x, other), args.get("dim").asInt());
            case "index_select" -> x.indexSelect(args.get("dim").asInt(), in.get("index"));
            case "gather" -> x.gather(args.get("dim").asInt(), in.get("index"));
            case "topk" -> {
                Tensor.ValuesAndIndices r = x.topk(args.get("k").asInt(), args.path("dim").asInt(-1), args.path("largest").asBoolean(true));
                Compare.exact("indices", Fixtures.tensor(fx.get("extra_outputs").get("indices")).longs(), r.indices().toLongArray());
                yield r.values();
            }
            case "cross_entropy_ext" -> Functional.crossEntropy(x, in.get("target"), in.get("weight"), OpFixtures.reduction(args),
                    args.path("ignore_index").asLong(-100), args.path("label_smoothing").asDouble(0.0));
            default -> null;
        };
    }

    /** Runs batch_norm and checks the running statistics it updated in place against {@code extra_outputs}. */
    private static Tensor batchNorm(Map<String, Tensor> in, JsonNode args, JsonNode fx) {
        Tensor runningMean = in.get("running_mean"), runningVar = in.get("running_var");
        Tensor out = Functional.batchNorm(in.get("input"), runningMean, runningVar, in.get("weight"), in.get("bias"),
                args.get("training").asBoolean(), args.path("momentum").asDouble(0.1), args.path("eps").asDouble(1e-5));
        JsonNode extra = fx.path("extra_outputs");
        double rtol = fx.get("tolerance").get("rtol").asDouble(), atol = fx.get("tolerance").get("atol").asDouble();
        if (extra.has("running_mean")) Compare.close("running_mean", Fixtures.tensor(extra.get("running_mean")), runningMean, rtol, atol);
        if (extra.has("running_var")) Compare.close("running_var", Fixtures.tensor(extra.get("running_var")), runningVar, rtol, atol);
        return out;
    }
}
