package org.kindling.optim;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.internal.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kindling.optim.OptimizerTesting.params;
import static org.kindling.optim.OptimizerTesting.run;
import static org.kindling.optim.OptimizerTesting.values;

/** The base class's behavior, through concrete optimizers. */
class OptimizerTest {
    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static Parameter param(double... v) {
        return new Parameter(Tensor.of(v));
    }

    @Test
    void rejectsBadParameterLists() {
        assertEquals("optimizer got an empty parameter list", message(() -> new SGD(List.<Tensor>of(), 0.1)));
        assertEquals("optimizer got an empty parameter list", message(() -> new SGD(List.<ParamGroup>of(), SGD.options())));
        Parameter p = param(1), q = param(2);
        assertTrue(message(() -> new SGD(List.of(p, q, p), 0.1)).startsWith("optimizer contains a parameter group with duplicate parameters"));
        assertEquals("some parameters appear in more than one parameter group",
                message(() -> new SGD(List.of(ParamGroup.of(List.of(p)), ParamGroup.of(List.of(q, p))), SGD.options())));
        Tensor leaf = Tensor.of(1.0).requiresGrad(true);
        assertEquals("can't optimize a non-leaf Tensor", message(() -> new SGD(List.of(leaf.mul(2.0)), 0.1)));
    }

    @Test
    void groupsInheritWhatTheyLeaveUnset() {
        Parameter p = param(1), q = param(1);
        SGD opt = new SGD(List.of(ParamGroup.of(List.of(p)), ParamGroup.of(List.of(q), SGD.options().lr(0.5))),
                SGD.options().lr(0.25).momentum(0.5));
        assertEquals(0.25, opt.paramGroups().get(0).lr());
        assertEquals(0.5, opt.paramGroups().get(1).lr());
        assertEquals(0.5, opt.paramGroups().get(1).getDouble("momentum"));
        p.setGrad(Tensor.of(1.0));
        q.setGrad(Tensor.of(1.0));
        opt.step();
        assertEquals(0.75, p.get(0));
        assertEquals(0.5, q.get(0));
    }

    @Test
    void groupsAreValidatedAndMustUseThisOptimizersNames() {
        Parameter p = param(1);
        assertEquals("Invalid learning rate: -1.0",
                message(() -> new SGD(List.of(ParamGroup.of(List.of(p), SGD.options().lr(-1))), SGD.options())));
        String m = message(() -> new Adam(List.of(ParamGroup.of(List.of(p), SGD.options().momentum(0.9))), Adam.options()));
        assertTrue(m.startsWith("Adam: unknown hyperparameter 'momentum' in parameter group 0"), m);
    }

    @Test
    void addParamGroupAfterConstruction() {
        Parameter p = param(1), q = param(1);
        Adam opt = new Adam(List.of(p), 0.1);
        opt.addParamGroup(ParamGroup.of(List.of(q), Adam.options().lr(0.2)));
        assertEquals(2, opt.paramGroups().size());
        assertEquals(List.of(0.9, 0.999), opt.paramGroups().get(1).get("betas"));
        assertEquals("some parameters appear in more than one parameter group",
                message(() -> opt.addParamGroup(ParamGroup.of(List.of(p)))));
        assertSame(q, opt.paramGroups().get(1).params().get(0));
    }

    @Test
    void zeroGradDropsOrZerosGradients() {
        Parameter p = param(1, 2);
        SGD opt = new SGD(List.of(p), 0.1);
        p.setGrad(Tensor.of(3.0, 4.0));
        opt.zeroGrad(false);
        assertArrayEquals(new double[] {0, 0}, p.grad().toDoubleArray());
        opt.zeroGrad();
        assertNull(p.grad());
        opt.zeroGrad(); // nothing to do
        assertNull(p.grad());
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        Parameter p = param(1, 2), q = param(3, 4);
        Adam opt = new Adam(List.of(p, q), 0.1);
        p.setGrad(Tensor.of(1.0, 1.0));
        opt.step();
        assertArrayEquals(new double[] {3, 4}, q.toDoubleArray());
        assertTrue(opt.state(q).isEmpty());
        assertEquals(1, opt.state(p).step());
        assertTrue(p.get(0) < 1);
    }

    @Test
    void stepWorksOnNonContiguousParameters() {
        Tensor base = Tensor.of(DType.FLOAT64, new double[][] {{1, 2, 3}, {4, 5, 6}});
        Parameter strided = new Parameter(base.transpose(0, 1)); // shape [3, 2], not contiguous
        Parameter plain = new Parameter(base.transpose(0, 1).contiguous());
        Tensor grad = Tensor.of(DType.FLOAT64, new double[][] {{1, -1}, {0.5, 2}, {3, -2}});
        SGD a = new SGD(List.of(strided), SGD.options().lr(0.1).momentum(0.9));
        SGD b = new SGD(List.of(plain), SGD.options().lr(0.1).momentum(0.9));
        for (int i = 0; i < 3; i++) {
            strided.setGrad(grad.transpose(0, 1).contiguous().transpose(0, 1)); // a strided gradient too
            plain.setGrad(grad);
            a.step();
            b.step();
        }
        assertArrayEquals(plain.toDoubleArray(), strided.toDoubleArray(), 0.0);
        // p = 1, g = 1: buf 1, 1.9, 2.71; p 0.9, 0.71, 0.439.
        assertEquals(0.439, strided.get(0, 0), 1e-12);
        assertTrue(!strided.isContiguous());
        assertEquals(strided.get(1, 0), base.get(0, 1)); // updated in place, in the shared storage
    }

    @Test
    void stepWithClosureReturnsTheLoss() {
        Parameter p = param(3);
        SGD opt = new SGD(List.of(p), 0.25);
        Tensor loss = opt.step(() -> {
            opt.zeroGrad();
            Tensor l = p.mul(p).sum();
            l.backward();
            return l;
        });
        assertEquals(9.0, loss.itemDouble());
        assertEquals(1.5, p.get(0)); // 3 - 0.25 * 6
    }

    @Test
    void stateDictLayout() {
        List<Tensor> ps = params(DType.FLOAT32, 1);
        Parameter extra = param(1, 2, 3);
        Adam opt = new Adam(List.of(ParamGroup.of(ps), ParamGroup.of(List.of(extra), Adam.options().lr(0.5))), Adam.options());
        run(opt, ps, 1, 1, 2); // extra gets no gradient: no state
        OptimizerStateDict sd = opt.stateDict();
        assertEquals(List.of("state.0.exp_avg", "state.0.exp_avg_sq", "state.1.exp_avg", "state.1.exp_avg_sq"),
                List.copyOf(sd.tensors().keySet()));
        assertArrayEquals(new int[] {3, 4}, sd.tensors().get("state.0.exp_avg").shape());
        assertEquals(List.of("param_groups", "state.0.step", "state.1.step"), List.copyOf(sd.scalars().keySet()));
        assertEquals(2L, sd.scalars().get("state.1.step"));
        List<?> groups = (List<?>) sd.scalars().get("param_groups");
        assertEquals(List.of(0L, 1L), ((Map<?, ?>) groups.get(0)).get("params"));
        assertEquals(List.of(2L), ((Map<?, ?>) groups.get(1)).get("params"));
        assertEquals(0.5, ((Map<?, ?>) groups.get(1)).get("lr"));
        assertEquals(List.of(0.9, 0.999), ((Map<?, ?>) groups.get(1)).get("betas"));
    }

    @Test
    void stateDictSurvivesJsonAndRestoresHyperparameters() {
        List<Tensor> ps = params(DType.FLOAT32, 5);
        SGD a = new SGD(ps, SGD.options().lr(0.1).momentum(0.9));
        run(a, ps, 5, 1, 3);
        a.paramGroups().get(0).setLr(0.0625).set("initial_lr", 0.1); // as a scheduler would
        OptimizerStateDict saved = a.stateDict();
        Map<String, Object> scalars = Json.parseObject(Json.write(saved.scalars()));
        List<Tensor> copy = OptimizerTesting.copy(ps);

        SGD b = new SGD(copy, SGD.options().lr(1).momentum(0.9)); // lr is restored from the dict
        b.loadStateDict(new OptimizerStateDict(saved.tensors(), scalars));
        assertEquals(0.0625, b.paramGroups().get(0).lr());
        assertEquals(0.1, b.paramGroups().get(0).getDouble("initial_lr"));
        assertEquals(a.toString(), b.toString());
        run(a, ps, 5, 4, 3);
        run(b, copy, 5, 4, 3);
        OptimizerTesting.assertBitEqual(values(ps), values(copy));
    }

    @Test
    void loadConvertsStateToTheParameterDtype() {
        List<Tensor> f32 = params(DType.FLOAT32, 2);
        Adam a = new Adam(f32, 0.01);
        run(a, f32, 2, 1, 2);
        List<Tensor> f64 = params(DType.FLOAT64, 2);
        Adam b = new Adam(f64, 0.01);
        b.loadStateDict(a.stateDict());
        assertEquals(DType.FLOAT64, b.state(f64.get(0)).get("exp_avg").dtype());
        assertEquals(2, b.state(f64.get(1)).step());
    }

    @Test
    void loadRejectsMismatchesAndChangesNothing() {
        List<Tensor> ps = params(DType.FLOAT32, 1);
        Adam a = new Adam(ps, 0.01);
        run(a, ps, 1, 1, 1);
        OptimizerStateDict good = a.stateDict();

        List<Tensor> other = params(DType.FLOAT32, 1);
        Adam b = new Adam(other, 0.02);
        assertTrue(message(() -> b.loadStateDict(new OptimizerStateDict(good.tensors(), Map.of())))
                .contains("has no 'param_groups' list"));
        Map<String, Object> twoGroups = new LinkedHashMap<>(good.scalars());
        List<Object> groups = new ArrayList<>((List<?>) good.scalars().get("param_groups"));
        groups.add(groups.get(0));
        twoGroups.put("param_groups", groups);
        assertEquals("Adam.loadStateDict: loaded state dict has a different number of parameter groups (2 saved, the "
                + "optimizer has 1)", message(() -> b.loadStateDict(new OptimizerStateDict(good.tensors(), twoGroups))));

        Adam small = new Adam(List.of(ps.get(0)), 0.01);
        assertEquals("Adam.loadStateDict: loaded state dict contains a parameter group that doesn't match the size of "
                + "optimizer's group (group 0: 2 saved parameters, the optimizer has 1)", message(() -> small.loadStateDict(good)));

        Adam swapped = new Adam(List.of(other.get(1), other.get(0)), 0.01);
        assertEquals("Adam.loadStateDict: 'state.0.exp_avg' has shape [3, 4] but parameter 0 has shape [4]",
                message(() -> swapped.loadStateDict(good)));

        SGD sgd = new SGD(other, SGD.options().momentum(0.9));
        assertEquals("SGD.loadStateDict: unexpected state 'exp_avg' in 'state.0.exp_avg' (SGD keeps: momentum_buffer)",
                message(() -> sgd.loadStateDict(good)));

        Map<String, Object> badLr = new LinkedHashMap<>(good.scalars());
        Map<String, Object> group = new LinkedHashMap<>();
        ((Map<?, ?>) ((List<?>) good.scalars().get("param_groups")).get(0)).forEach((k, v) -> group.put((String) k, v));
        group.put("lr", -1.0);
        badLr.put("param_groups", List.of(group));
        assertEquals("Adam.loadStateDict: param_groups[0]: Invalid learning rate: -1.0",
                message(() -> b.loadStateDict(new OptimizerStateDict(good.tensors(), badLr))));
        group.put("lr", 0.01);
        group.put("amsgrad", 1L);
        assertEquals("Adam.loadStateDict: param_groups[0].amsgrad is 1, expected a value like False",
                message(() -> b.loadStateDict(new OptimizerStateDict(good.tensors(), badLr))));

        Map<String, Tensor> stray = new LinkedHashMap<>(good.tensors());
        stray.put("state.7.exp_avg", Tensor.zeros(4));
        assertEquals("Adam.loadStateDict: 'state.7.exp_avg' refers to parameter id 7, which no parameter group lists",
                message(() -> b.loadStateDict(new OptimizerStateDict(stray, good.scalars()))));
        Map<String, Object> badKey = new LinkedHashMap<>(good.scalars());
        badKey.put("state.0.count", 3L);
        assertEquals("Adam.loadStateDict: unexpected scalar 'state.0.count' (per-parameter scalars: step)",
                message(() -> b.loadStateDict(new OptimizerStateDict(good.tensors(), badKey))));

        // None of the failed loads changed b.
        assertEquals(0.02, b.paramGroups().get(0).lr());
        assertTrue(b.stateDict().tensors().isEmpty());
    }

    @Test
    void missingStateAfterASettingsChangeFailsClearly() {
        List<Tensor> ps = params(DType.FLOAT32, 1);
        Adam a = new Adam(ps, 0.01);
        run(a, ps, 1, 1, 1);
        a.paramGroups().get(0).set("amsgrad", true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(a, ps, 1, 2, 1));
        assertTrue(e.getMessage().startsWith("Adam: parameter state has no 'max_exp_avg_sq'"), e.getMessage());
    }

    @Test
    void stepsWithoutRecordingAGraph() {
        Parameter p = param(1);
        SGD opt = new SGD(List.of(p), 0.5);
        p.setGrad(Tensor.of(1.0));
        opt.step(); // in-place updates on a requires-grad leaf are refused while recording; step uses noGrad
        assertEquals(0.5, p.get(0));
        assertTrue(p.isLeaf());
        assertNotNull(p.grad());
    }

    @Test
    void printsEveryGroup() {
        // PyTorch starts each group with a newline, so a blank line separates groups.
        Parameter p = param(1), q = param(1);
        Adagrad opt = new Adagrad(List.of(ParamGroup.of(List.of(p)), ParamGroup.of(List.of(q), Adagrad.options().lr(0.5))),
                Adagrad.options());
        assertEquals("Adagrad (\nParameter Group 0\n    eps: 1e-10\n    initial_accumulator_value: 0\n    lr: 0.01\n"
                + "    lr_decay: 0\n    maximize: False\n    weight_decay: 0\n\nParameter Group 1\n    eps: 1e-10\n"
                + "    initial_accumulator_value: 0\n    lr: 0.5\n    lr_decay: 0\n    maximize: False\n    weight_decay: 0\n)",
                opt.toString());
    }
}
