package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Autograd;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.nn.Module;
import org.kindling.nn.Reduction;
import org.kindling.optim.Optimizer;
import org.kindling.testing.Fixtures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kind "training" (parity README §6): the model built from its architecture list, initialized from
 * {@code init_seed} (checked bit for bit against the initial state dict), trained full batch for
 * the given epochs in training mode with MSE (regression) or cross-entropy (classifier runs), then
 * switched to eval mode for the final predictions; every epoch's loss, the final state dict (with
 * BatchNorm's running statistics; integer buffers exactly) and the predictions are compared.
 */
final class TrainingFixtures implements ParityTest.FixtureRunner {
    @Override
    public void run(JsonNode fx, Path file) {
        if (fx.hasNonNull("init_seed")) Kindling.manualSeed(fx.get("init_seed").asLong());
        Module model = TrainingModels.build(fx.get("model").asText(), fx.get("architecture"));

        Map<String, Tensor> initial = stateDict(fx.get("initial_state_dict"));
        assertEquals(List.copyOf(initial.keySet()), List.copyOf(model.stateDict().keySet()), "state dict keys and order");
        if (fx.hasNonNull("init_seed")) {
            model.stateDict().forEach((name, t) -> entry("initial " + name + " from init_seed",
                    Fixtures.tensor(fx.get("initial_state_dict").get(name)), t, 0, 0));
        }
        model.loadStateDict(initial);

        Tensor x = Tensors.of(Fixtures.tensor(fx.get("x")));
        Tensor y = Tensors.of(Fixtures.tensor(fx.get("y")));
        JsonNode opt = fx.get("optimizer");
        Optimizer optimizer = OptimizerFixtures.optimizer(opt.get("type").asText(), opt.get("hyperparameters"), model.parameters());
        Reduction reduction = Reduction.fromName(fx.get("loss").path("reduction").asText("mean"));
        String lossFn = fx.get("loss").get("fn").asText();
        BinaryOperator<Tensor> criterion = switch (lossFn) {
            case "mse_loss" -> (out, target) -> Functional.mseLoss(out, target, reduction);
            case "cross_entropy" -> (out, target) -> Functional.crossEntropy(out, target, reduction);
            default -> throw new AssertionError("loss function " + lossFn + " has no runner: every fixture must run");
        };

        int epochs = fx.get("epochs").asInt();
        double[] losses = new double[epochs];
        model.train();
        for (int epoch = 0; epoch < epochs; epoch++) {
            optimizer.zeroGrad();
            Tensor output = model.forward(x);
            Tensor loss = criterion.apply(output, y);
            loss.backward();
            optimizer.step();
            losses[epoch] = loss.item();
        }
        // The classifier loops call model.eval() here; for the regression models it changes nothing.
        model.eval();
        Tensor predictions;
        try (var g = Autograd.noGrad()) {
            predictions = model.forward(x);
        }

        JsonNode tol = fx.get("tolerance");
        assertEquals(epochs, fx.get("losses").size(), "one loss per epoch");
        Compare.close("losses", Fixtures.tensor(tensorOf(fx.get("losses"))), Tensor.fromArray(losses, epochs),
                tol.get("losses").get("rtol").asDouble(), tol.get("losses").get("atol").asDouble());
        model.stateDict().forEach((name, t) -> entry("final " + name, Fixtures.tensor(fx.get("final_state_dict").get(name)), t,
                tol.get("state_dict").get("rtol").asDouble(), tol.get("state_dict").get("atol").asDouble()));
        Compare.close("predictions", Fixtures.tensor(fx.get("final_predictions")), predictions,
                tol.get("predictions").get("rtol").asDouble(), tol.get("predictions").get("atol").asDouble());
    }

    /** A state-dict entry: integer buffers (num_batches_tracked) exactly, floats within tolerance. */
    private static void entry(String what, Fixtures.TensorData expected, Tensor actual, double rtol, double atol) {
        if (expected.dtype().equals("int64")) {
            Compare.exact(what + " (int64)", expected.longs(), actual.toLongArray());
        } else {
            Compare.close(what, expected, actual, rtol, atol);
        }
    }

    private static Map<String, Tensor> stateDict(JsonNode node) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), Tensors.of(Fixtures.tensor(e.getValue()))));
        return out;
    }

    /** The losses list as a 1-D float32 tensor object. */
    private static JsonNode tensorOf(JsonNode values) {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        node.put("dtype", "float32");
        node.putArray("shape").add(values.size());
        node.set("data", values);
        return node;
    }
}
