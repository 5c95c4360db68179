package org.kindling.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.optim.Adagrad;
import org.kindling.optim.Adam;
import org.kindling.optim.AdamW;
import org.kindling.optim.Optimizer;
import org.kindling.optim.RMSprop;
import org.kindling.optim.SGD;
import org.kindling.testing.Fixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kind "optimizer" (parity README §5): builds the params and the optimizer from the fixture's PyTorch keyword
 * arguments, then for every step sets each grad, steps, and compares every param.
 */
final class OptimizerFixtures implements ParityTest.FixtureRunner {
    /** Keys that only choose PyTorch implementations and do not change values (README §5). */
    private static final Set<String> IGNORED = Set.of("foreach", "capturable", "differentiable", "fused");

    @Override
    public void run(JsonNode fx, Path file) {
        List<Tensor> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode p : fx.get("params")) {
            params.add(new Parameter(Tensors.of(Fixtures.tensor(p))));
            names.add(p.get("name").asText());
        }
        Optimizer optimizer = optimizer(fx.get("optimizer").asText(), fx.get("hyperparameters"), params);
        JsonNode tol = fx.get("tolerance");
        double rtol = tol.get("rtol").asDouble(), atol = tol.get("atol").asDouble();
        for (JsonNode step : fx.get("steps")) {
            int t = step.get("step").asInt();
            JsonNode grads = step.get("grads"), after = step.get("params_after");
            assertEquals(params.size(), grads.size(), "step " + t + ": grads");
            assertEquals(params.size(), after.size(), "step " + t + ": params_after");
            for (int i = 0; i < params.size(); i++) {
                assertEquals(names.get(i), grads.get(i).get("name").asText(), "step " + t + ": grad order");
                params.get(i).setGrad(Tensors.of(Fixtures.tensor(grads.get(i))));
            }
            optimizer.step();
            for (int i = 0; i < params.size(); i++) {
                assertEquals(names.get(i), after.get(i).get("name").asText(), "step " + t + ": params_after order");
                Compare.close("step " + t + ", " + names.get(i), Fixtures.tensor(after.get(i)), params.get(i), rtol, atol);
            }
        }
    }

    /** The optimizer from PyTorch's keyword arguments; an unknown keyword fails the case rather than being dropped. */
    static Optimizer optimizer(String kind, JsonNode hp, List<? extends Tensor> params) {
        Kwargs k = new Kwargs(hp);
        Optimizer opt = switch (kind) {
            case "SGD" -> {
                var o = SGD.options();
                k.number("lr", o::lr).number("momentum", o::momentum).number("dampening", o::dampening)
                        .number("weight_decay", o::weightDecay).bool("nesterov", o::nesterov).bool("maximize", o::maximize);
                yield new SGD(params, o);
            }
            case "Adam", "AdamW" -> {
                var a = Adam.options();
                var w = AdamW.options();
                boolean isAdam = kind.equals("Adam");
                k.number("lr", v -> { a.lr(v); w.lr(v); })
                        .betas(v -> { a.betas(v[0], v[1]); w.betas(v[0], v[1]); })
                        .number("eps", v -> { a.eps(v); w.eps(v); })
                        .number("weight_decay", v -> { a.weightDecay(v); w.weightDecay(v); })
                        .bool("amsgrad", v -> { a.amsgrad(v); w.amsgrad(v); })
                        .bool("maximize", v -> { a.maximize(v); w.maximize(v); });
                yield isAdam ? new Adam(params, a) : new AdamW(params, w);
            }
            case "RMSprop" -> {
                var o = RMSprop.options();
                k.number("lr", o::lr).number("alpha", o::alpha).number("eps", o::eps).number("weight_decay", o::weightDecay)
                        .number("momentum", o::momentum).bool("centered", o::centered).bool("maximize", o::maximize);
                yield new RMSprop(params, o);
            }
            case "Adagrad" -> {
                var o = Adagrad.options();
                k.number("lr", o::lr).number("lr_decay", o::lrDecay).number("weight_decay", o::weightDecay)
                        .number("initial_accumulator_value", o::initialAccumulatorValue).number("eps", o::eps)
                        .bool("maximize", o::maximize);
                yield new Adagrad(params, o);
            }
            default -> throw new org.opentest4j.TestAbortedException("optimizer '" + kind + "' is not implemented");
        };
        k.requireAllUsed(kind);
        return opt;
    }

    /** Reads keyword arguments, remembering which were used. */
    private static final class Kwargs {
        private final JsonNode hp;
        private final Set<String> used = new java.util.HashSet<>(IGNORED);

        Kwargs(JsonNode hp) {
            this.hp = hp;
        }

        Kwargs number(String key, java.util.function.DoubleConsumer set) {
            if (hp.has(key)) set.accept(hp.get(key).asDouble());
            used.add(key);
            return this;
        }

        Kwargs bool(String key, java.util.function.Consumer<Boolean> set) {
            if (hp.has(key)) set.accept(hp.get(key).asBoolean());
            used.add(key);
            return this;
        }

        Kwargs betas(java.util.function.Consumer<double[]> set) {
            if (hp.has("betas")) set.accept(new double[] {hp.get("betas").get(0).asDouble(), hp.get("betas").get(1).asDouble()});
            used.add("betas");
            return this;
        }

        void requireAllUsed(String kind) {
            for (Iterator<Map.Entry<String, JsonNode>> it = hp.properties().iterator(); it.hasNext(); ) {
                String key = it.next().getKey();
                if (!used.contains(key)) throw new IllegalArgumentException(kind + ": unsupported keyword argument '" + key + "'");
            }
        }
    }
}
