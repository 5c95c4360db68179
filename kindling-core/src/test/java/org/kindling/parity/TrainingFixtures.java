package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Autograd;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.Reduction;
import org.kindling.nn.Sequential;
import org.kindling.nn.Sigmoid;
import org.kindling.nn.Tanh;
import org.kindling.optim.Optimizer;
import org.kindling.testing.Fixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kind "training" (parity README §6): the model built from its architecture list, initialized from
 * {@code init_seed} (checked bit for bit against the initial state dict), trained full batch for
 * the given epochs; every epoch's loss, the final state dict and the predictions are compared.
 */
final class TrainingFixtures implements ParityTest.FixtureRunner {
    @Override
    public void run(JsonNode fx, Path file) {
        Kindling.manualSeed(fx.get("init_seed").asLong());
        Module model = build(fx.get("model").asText(), fx.get("architecture"));

        Map<String, Tensor> initial = stateDict(fx.get("initial_state_dict"));
        assertEquals(List.copyOf(initial.keySet()), List.copyOf(model.stateDict().keySet()), "state dict keys and order");
        model.stateDict().forEach((name, t) -> Compare.close("initial " + name + " from init_seed",
                Fixtures.tensor(fx.get("initial_state_dict").get(name)), t, 0, 0));
        model.loadStateDict(initial);

        Tensor x = Tensors.of(Fixtures.tensor(fx.get("x")));
        Tensor y = Tensors.of(Fixtures.tensor(fx.get("y")));
        JsonNode opt = fx.get("optimizer");
        Optimizer optimizer = OptimizerFixtures.optimizer(opt.get("type").asText(), opt.get("hyperparameters"), model.parameters());
        Reduction reduction = Reduction.fromName(fx.get("loss").path("reduction").asText("mean"));
        assertEquals("mse_loss", fx.get("loss").get("fn").asText(), "loss function");

        int epochs = fx.get("epochs").asInt();
        double[] losses = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            optimizer.zeroGrad();
            Tensor output = model.forward(x);
            Tensor loss = Functional.mseLoss(output, y, reduction);
            loss.backward();
            optimizer.step();
            losses[epoch] = loss.item();
        }
        Tensor predictions;
        try (var g = Autograd.noGrad()) {
            predictions = model.forward(x);
        }

        JsonNode tol = fx.get("tolerance");
        double[] expectedLosses = Fixtures.tensor(tensorOf(fx.get("losses"))).doubles();
        Compare.close("losses", Fixtures.tensor(tensorOf(fx.get("losses"))), Tensor.fromArray(losses, epochs),
                tol.get("losses").get("rtol").asDouble(), tol.get("losses").get("atol").asDouble());
        assertTrue(expectedLosses.length == epochs, "one loss per epoch");
        model.stateDict().forEach((name, t) -> Compare.close("final " + name, Fixtures.tensor(fx.get("final_state_dict").get(name)),
                t, tol.get("state_dict").get("rtol").asDouble(), tol.get("state_dict").get("atol").asDouble()));
        Compare.close("predictions", Fixtures.tensor(fx.get("final_predictions")), predictions,
                tol.get("predictions").get("rtol").asDouble(), tol.get("predictions").get("atol").asDouble());
    }

    /** {@code MyModel} registers each entry under its name; {@code Sequential} numbers them. */
    private static Module build(String kind, JsonNode architecture) {
        List<Module> layers = new ArrayList<>();
        LinkedHashMap<String, Module> named = new LinkedHashMap<>();
        for (JsonNode layer : architecture) {
            Module m = switch (layer.get("type").asText()) {
                case "linear" -> new Linear(layer.get("in").asInt(), layer.get("out").asInt(), layer.path("bias").asBoolean(true));
                case "relu" -> new ReLU();
                case "sigmoid" -> new Sigmoid();
                case "tanh" -> new Tanh();
                default -> throw new org.opentest4j.TestAbortedException("layer type " + layer.get("type") + " is not supported");
            };
            layers.add(m);
            named.put(layer.path("name").asText(Integer.toString(layers.size() - 1)), m);
        }
        return kind.equals("Sequential") ? new Sequential(layers.toArray(Module[]::new)) : Sequential.named(named);
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
