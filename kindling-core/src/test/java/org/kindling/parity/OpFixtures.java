package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.nn.Reduction;
import org.kindling.testing.Fixtures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Kind "op" (parity README §4): one op forward, then backward of a given output gradient. */
final class OpFixtures implements ParityTest.FixtureRunner {
    @Override
    public void run(JsonNode fx, Path file) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (JsonNode input : fx.get("inputs")) {
            Tensor t = Tensors.of(Fixtures.tensor(input));
            if (input.path("requires_grad").asBoolean(false)) t.requiresGrad(true);
            in.put(input.get("name").asText(), t);
        }
        JsonNode args = fx.get("args");
        JsonNode tol = fx.get("tolerance");
        double rtol = tol.get("rtol").asDouble(), atol = tol.get("atol").asDouble();

        Tensor out = apply(fx.get("op").asText(), in, args, fx);
        Compare.close("output", Fixtures.tensor(fx.get("output")), out, rtol, atol);

        out.backward(Tensors.of(Fixtures.tensor(fx.get("grad_output"))));
        fx.get("grads").properties().forEach(e -> {
            Tensor leaf = in.get(e.getKey());
            assertNotNull(leaf.grad(), "no gradient reached input '" + e.getKey() + "'");
            Compare.close("grad of " + e.getKey(), Fixtures.tensor(e.getValue()), leaf.grad(), rtol, atol);
        });
    }

    private static Tensor apply(String op, Map<String, Tensor> in, JsonNode args, JsonNode fx) {
        Tensor x = in.get("input");
        Tensor other = in.get("other");
        return switch (op) {
            case "add" -> other != null ? x.add(other) : x.add(args.get("other").asDouble());
            case "sub" -> other != null ? x.sub(other) : x.sub(args.get("other").asDouble());
            case "mul" -> other != null ? x.mul(other) : x.mul(args.get("other").asDouble());
            case "div" -> other != null ? x.div(other) : x.div(args.get("other").asDouble());
            case "neg" -> x.neg();
            case "exp" -> x.exp();
            case "log" -> x.log();
            case "sqrt" -> x.sqrt();
            case "abs" -> x.abs();
            case "pow" -> x.pow(args.get("exponent").asDouble());
            case "relu" -> Functional.relu(x);
            case "sigmoid" -> x.sigmoid();
            case "tanh" -> x.tanh();
            case "softmax" -> Functional.softmax(x, args.get("dim").asInt());
            case "log_softmax" -> Functional.logSoftmax(x, args.get("dim").asInt());
            case "sum" -> args.has("dim") ? x.sum(args.get("dim").asInt(), args.path("keepdim").asBoolean(false)) : x.sum();
            case "mean" -> args.has("dim") ? x.mean(args.get("dim").asInt(), args.path("keepdim").asBoolean(false)) : x.mean();
            case "max" -> {
                Tensor.ValuesAndIndices r = x.max(args.get("dim").asInt(), args.path("keepdim").asBoolean(false));
                Compare.exact("indices", Fixtures.tensor(fx.get("extra_outputs").get("indices")).longs(), r.indices().toLongArray());
                yield r.values();
            }
            case "matmul" -> x.matmul(other);
            case "transpose" -> x.transpose(args.get("dim0").asInt(), args.get("dim1").asInt());
            case "permute" -> x.permute(ints(args.get("dims")));
            case "reshape" -> x.reshape(ints(args.get("shape")));
            case "view" -> x.view(ints(args.get("shape")));
            case "linear" -> Functional.linear(x, in.get("weight"), in.get("bias"));
            case "mse_loss" -> Functional.mseLoss(x, in.get("target"), reduction(args));
            case "l1_loss" -> Functional.l1Loss(x, in.get("target"), reduction(args));
            case "smooth_l1_loss" -> Functional.smoothL1Loss(x, in.get("target"), reduction(args), args.path("beta").asDouble(1.0));
            case "huber_loss" -> Functional.huberLoss(x, in.get("target"), reduction(args), args.path("delta").asDouble(1.0));
            case "binary_cross_entropy" -> Functional.binaryCrossEntropy(x, in.get("target"), reduction(args));
            case "binary_cross_entropy_with_logits" -> Functional.binaryCrossEntropyWithLogits(x, in.get("target"), reduction(args));
            case "cross_entropy" -> Functional.crossEntropy(x, in.get("target"), reduction(args));
            case "nll_loss" -> Functional.nllLoss(x, in.get("target"), reduction(args));
            default -> {
                Tensor t = SpatialOpFixtures.apply(op, in, args, fx);
                if (t == null) t = MoreOpFixtures.apply(op, in, args, fx);
                if (t == null) throw new AssertionError("op '" + op + "' has no runner: every fixture must run");
                yield t;
            }
        };
    }

    static Reduction reduction(JsonNode args) {
        return Reduction.fromName(args.path("reduction").asText("mean"));
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
