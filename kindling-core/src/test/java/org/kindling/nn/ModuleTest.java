package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Autograd;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module layer against PyTorch 1.13.1: names, orders, reprs and load_state_dict messages were
 * printed by the Python snippets quoted beside them.
 */
class ModuleTest {

    /** Python: {@code fc = Linear(3, 4); register_buffer('running', zeros(4)); act = Sequential(ReLU(), Dropout(0.1))}. */
    static final class Block extends Module {
        final Linear fc = register("fc", new Linear(3, 4));
        final Tensor running = registerBuffer("running", Tensor.zeros(4));
        final Sequential act = register("act", new Sequential(new ReLU(), new Dropout(0.1)));
    }

    /** Python: {@code block = Block(); register_buffer('steps', zeros(1)); head = Linear(4, 2, bias=False); layers = ModuleList([Linear(2, 2), Tanh()])}. */
    static final class Net extends Module {
        final Block block = register("block", new Block());
        final Tensor steps = registerBuffer("steps", Tensor.zeros(1));
        final Linear head = register("head", new Linear(4, 2, false));
        final ModuleList layers = register("layers", new ModuleList(new Linear(2, 2), new Tanh()));
    }

    /*
     * The reference values of the nested model come from:
     *   n = Net(); print(repr(n)); print(list(n.state_dict().keys()))
     *   print([k for k, _ in n.named_parameters()]); print([k for k, _ in n.named_modules()])
     *   print([k for k, _ in n.named_buffers()])
     */

    @Test
    void reprOfNestedModelEqualsPyTorchs() {
        assertEquals("""
                Net(
                  (block): Block(
                    (fc): Linear(in_features=3, out_features=4, bias=True)
                    (act): Sequential(
                      (0): ReLU()
                      (1): Dropout(p=0.1, inplace=False)
                    )
                  )
                  (head): Linear(in_features=4, out_features=2, bias=False)
                  (layers): ModuleList(
                    (0): Linear(in_features=2, out_features=2, bias=True)
                    (1): Tanh()
                  )
                )""", new Net().toString());
    }

    @Test
    void namesFollowPyTorchsOrders() {
        Net n = new Net();
        // Each module's parameters, then its buffers, then its children.
        assertEquals(List.of("steps", "block.running", "block.fc.weight", "block.fc.bias", "head.weight",
                "layers.0.weight", "layers.0.bias"), new ArrayList<>(n.stateDict().keySet()));
        assertEquals(List.of("block.fc.weight", "block.fc.bias", "head.weight", "layers.0.weight", "layers.0.bias"),
                new ArrayList<>(n.namedParameters().keySet()));
        assertEquals(List.of("", "block", "block.fc", "block.act", "block.act.0", "block.act.1", "head", "layers",
                "layers.0", "layers.1"), new ArrayList<>(n.namedModules().keySet()));
        assertEquals(List.of("steps", "block.running"), new ArrayList<>(n.namedBuffers().keySet()));
        assertEquals(List.of("block", "head", "layers"), new ArrayList<>(n.namedChildren().keySet()));
        assertEquals(List.of(n.block, n.head, n.layers), n.children());
        assertEquals(10, n.modules().size());
        assertSame(n, n.modules().get(0));
        assertSame(n.block.fc.weight(), n.namedParameters().get("block.fc.weight"));
        assertEquals(List.copyOf(n.namedParameters().values()), n.parameters());
    }

    @Test
    void stateDictSharesStorageAndIsDetached() {
        Net n = new Net();
        Tensor w = n.stateDict().get("head.weight");
        assertFalse(w.requiresGrad());
        try (var g = Autograd.noGrad()) {
            n.head.weight().fillInPlace(0.25);
        }
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, w.toFloatArray());
        assertSame(n.steps, n.namedBuffers().get("steps"));
    }

    // ---------------------------------------------------------------- sharing

    /** A linear layer whose weight is someone else's: the Java form of {@code b[1].weight = a.weight}. */
    static final class Tied extends Module {
        final Parameter weight;
        final Parameter bias;

        Tied(Parameter shared) {
            weight = registerParameter("weight", shared);
            bias = registerParameter("bias", new Parameter(Tensor.zeros(2)));
        }
    }

    /** Python: {@code a = Linear(2, 2); b = Sequential(ReLU(), Linear(2, 2)); c = a; b[1].weight = a.weight}. */
    static final class Sharing extends Module {
        final Linear a = register("a", new Linear(2, 2));
        final Sequential b = register("b", new Sequential(new ReLU(), new Tied(a.weight())));
        final Linear c = register("c", a);
    }

    /*
     *   order = []; n.apply(lambda m: order.append(type(m).__name__)); print(order)
     *     -> ['Linear', 'ReLU', 'Linear', 'Sequential', 'Net']
     *   [k for k, _ in n.named_parameters()] -> ['a.weight', 'a.bias', 'b.1.bias']
     *   list(n.state_dict().keys()) -> ['a.weight', 'a.bias', 'b.1.weight', 'b.1.bias', 'c.weight', 'c.bias']
     *   [k for k, _ in n.named_children()] -> ['a', 'b'];  [k for k, _ in n.named_modules()] -> ['', 'a', 'b', 'b.0', 'b.1']
     *   len(list(n.parameters())) -> 3
     */
    @Test
    void sharedParametersAndModulesAppearOnce() {
        Sharing n = new Sharing();
        assertEquals(List.of("a.weight", "a.bias", "b.1.bias"), new ArrayList<>(n.namedParameters().keySet()));
        assertEquals(3, n.parameters().size());
        assertEquals(List.of("a.weight", "a.bias", "b.1.weight", "b.1.bias", "c.weight", "c.bias"),
                new ArrayList<>(n.stateDict().keySet()));
        assertEquals(List.of("a", "b"), new ArrayList<>(n.namedChildren().keySet()));
        assertEquals(List.of("", "a", "b", "b.0", "b.1"), new ArrayList<>(n.namedModules().keySet()));
        List<String> order = new ArrayList<>();
        assertSame(n, n.apply(m -> order.add(m.getClass().getSimpleName())));
        assertEquals(List.of("Linear", "ReLU", "Tied", "Sequential", "Sharing"), order);
        // The repr prints every registration, the shared one included.
        assertEquals("""
                Sharing(
                  (a): Linear(in_features=2, out_features=2, bias=True)
                  (b): Sequential(
                    (0): ReLU()
                    (1): Tied()
                  )
                  (c): Linear(in_features=2, out_features=2, bias=True)
                )""", n.toString());
    }

    // ---------------------------------------------------------------- registration names

    static final class Open extends Module {
        void module(String name, Module m) {
            register(name, m);
        }

        void parameter(String name, Parameter p) {
            registerParameter(name, p);
        }

        void buffer(String name, Tensor t) {
            registerBuffer(name, t);
        }
    }

    /*
     *   m = nn.Module(); m.add_module('a.b', nn.ReLU())  -> KeyError: module name can't contain ".", got: a.b
     *   m.add_module('', nn.ReLU())                      -> KeyError: module name can't be empty string ""
     *   m.register_parameter('a.b', None)                -> KeyError: parameter name can't contain "."
     *   m.register_parameter('', None)                   -> KeyError: parameter name can't be empty string ""
     *   m.register_buffer('a.b', None)                   -> KeyError: buffer name can't contain "."
     *   m.register_buffer('', None)                      -> KeyError: buffer name can't be empty string ""
     *   m.register_buffer('x', None); m.add_module('x', nn.ReLU()) -> KeyError: attribute 'x' already exists
     */
    @Test
    void registrationNamesAreCheckedWithPyTorchsMessages() {
        Open m = new Open();
        assertEquals("module name can't contain \".\", got: a.b",
                assertThrows(IllegalArgumentException.class, () -> m.module("a.b", new ReLU())).getMessage());
        assertEquals("module name can't be empty string \"\"",
                assertThrows(IllegalArgumentException.class, () -> m.module("", new ReLU())).getMessage());
        assertEquals("parameter name can't contain \".\"",
                assertThrows(IllegalArgumentException.class, () -> m.parameter("a.b", null)).getMessage());
        assertEquals("parameter name can't be empty string \"\"",
                assertThrows(IllegalArgumentException.class, () -> m.parameter("", null)).getMessage());
        assertEquals("buffer name can't contain \".\"",
                assertThrows(IllegalArgumentException.class, () -> m.buffer("a.b", null)).getMessage());
        assertEquals("buffer name can't be empty string \"\"",
                assertThrows(IllegalArgumentException.class, () -> m.buffer("", null)).getMessage());
        m.buffer("x", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.module("x", new ReLU())).getMessage()
                .startsWith("attribute 'x' already exists"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.parameter("x", null)).getMessage()
                .startsWith("attribute 'x' already exists"));
        assertThrows(IllegalArgumentException.class, () -> m.module("self", m));
    }

    /** {@code m2 = nn.Module(); m2.add_module('c', None); print(repr(m2), list(m2.children()))} → {@code Module(\n  (c): None\n) []}. */
    @Test
    void nullChildPrintsNoneAndIsNotAChild() {
        Open m = new Open();
        m.module("c", null);
        assertEquals("Open(\n  (c): None\n)", m.toString());
        assertEquals(List.of(), m.children());
        assertEquals(List.of(m), m.modules());
        m.parameter("bias", null);
        assertEquals(Map.of(), m.namedParameters());
        assertEquals(Map.of(), m.stateDict());
    }

    // ---------------------------------------------------------------- modes and gradients

    @Test
    void trainAndEvalPropagateToEveryDescendant() {
        Net n = new Net();
        for (Module m : n.modules()) assertTrue(m.isTraining(), m.getClass().getSimpleName());
        assertSame(n, n.eval());
        for (Module m : n.modules()) assertFalse(m.isTraining(), m.getClass().getSimpleName());
        assertSame(n, n.train());
        for (Module m : n.modules()) assertTrue(m.isTraining());
        n.block.train(false); // only the subtree
        assertTrue(n.isTraining());
        assertTrue(n.head.isTraining());
        assertFalse(n.block.act.get(1).isTraining());
        n.train(true);
        assertTrue(n.block.act.get(1).isTraining());
    }

    @Test
    void zeroGradSetsEveryGradientToNull() {
        Net n = new Net();
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}});
        Tensor y = n.block.fc.forward(x).relu();
        n.layers.get(0).forward(n.head.forward(y)).tanh().sum().backward();
        for (Parameter p : n.parameters()) assertNotNull(p.grad());
        n.zeroGrad();
        for (Parameter p : n.parameters()) assertNull(p.grad());
    }

    @Test
    void zeroGradWithoutSetToNoneFillsZerosAsPyTorch113Did() {
        Net n = new Net();
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}});
        n.layers.get(0).forward(n.head.forward(n.block.fc.forward(x).relu())).tanh().sum().backward();
        java.util.List<Tensor> grads = new java.util.ArrayList<>();
        for (Parameter p : n.parameters()) grads.add(p.grad());
        n.zeroGrad(false);
        for (int i = 0; i < grads.size(); i++) {
            Parameter p = n.parameters().get(i);
            org.junit.jupiter.api.Assertions.assertSame(grads.get(i), p.grad(), "the same gradient tensor, zeroed");
            for (float v : p.grad().toFloatArray()) org.junit.jupiter.api.Assertions.assertEquals(0f, v);
        }
    }

    @Test
    void singleInputForwardIsRefusedWhereNotDefined() {
        assertThrows(UnsupportedOperationException.class, () -> new Open().forward(Tensor.zeros(1)));
    }

    // ---------------------------------------------------------------- loading

    /** Python: {@code fc1 = Linear(2, 3); register_buffer('steps', zeros(1)); fc2 = Linear(3, 1)}. */
    static final class Two extends Module {
        final Linear fc1 = register("fc1", new Linear(2, 3));
        final Tensor steps = registerBuffer("steps", Tensor.zeros(1));
        final Linear fc2 = register("fc2", new Linear(3, 1));
    }

    /** {@code bad = dict(n.state_dict())}, then the edits of the Python snippet below, in the same order. */
    private static Map<String, Tensor> badState(Two source) {
        Map<String, Tensor> bad = new LinkedHashMap<>(source.stateDict());
        bad.remove("fc1.bias");
        bad.remove("steps");
        bad.put("fc2.weight", Tensor.zeros(2, 3));
        bad.put("extra", Tensor.zeros(1));
        bad.put("fc1.extra", Tensor.zeros(1));
        bad.put("fc3.weight", Tensor.zeros(1));
        return bad;
    }

    private static List<float[]> values(Module m) {
        List<float[]> out = new ArrayList<>();
        for (Tensor t : m.stateDict().values()) out.add(t.toFloatArray());
        return out;
    }

    private static void assertSameValues(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i));
    }

    /*
     *   sd = n.state_dict(); bad = dict(sd); del bad['fc1.bias']; del bad['steps']
     *   bad['fc2.weight'] = torch.zeros(2, 3); bad['extra'] = torch.zeros(1)
     *   bad['fc1.extra'] = torch.zeros(1); bad['fc3.weight'] = torch.zeros(1)
     *   n.load_state_dict(bad)               -> RuntimeError (message below)
     *   n.load_state_dict(bad, strict=False) -> RuntimeError with the size mismatch only
     */
    @Test
    void strictLoadListsEveryProblemInPyTorchsWordsAndChangesNothing() {
        Two n = new Two();
        List<float[]> before = values(n);
        Map<String, Tensor> bad = badState(new Two());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.loadStateDict(bad));
        assertEquals("Error(s) in loading state_dict for Two:\n"
                + "\tMissing key(s) in state_dict: \"steps\", \"fc1.bias\". \n"
                + "\tUnexpected key(s) in state_dict: \"extra\", \"fc3.weight\", \"fc1.extra\". \n"
                + "\tsize mismatch for fc2.weight: copying a param with shape torch.Size([2, 3]) from checkpoint, "
                + "the shape in current model is torch.Size([1, 3]).", e.getMessage());
        assertSameValues(before, values(n)); // PyTorch would have copied fc1.weight and fc2.bias already

        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> n.loadStateDict(bad, false));
        assertEquals("Error(s) in loading state_dict for Two:\n"
                + "\tsize mismatch for fc2.weight: copying a param with shape torch.Size([2, 3]) from checkpoint, "
                + "the shape in current model is torch.Size([1, 3]).", e2.getMessage());
        assertSameValues(before, values(n));
    }

    /*
     *   del bad['fc2.weight']; r = n.load_state_dict(bad, strict=False)
     *   -> missing_keys=['steps', 'fc1.bias', 'fc2.weight'], unexpected_keys=['extra', 'fc3.weight', 'fc1.extra']
     *   bad2 = dict(sd); bad2['zzz'] = torch.zeros(1); n.load_state_dict(bad2)
     *   -> RuntimeError: 'Error(s) in loading state_dict for Net:\n\tUnexpected key(s) in state_dict: "zzz". '
     */
    @Test
    void nonStrictLoadReturnsTheKeysAndCopiesTheRest() {
        Two n = new Two();
        Two source = new Two();
        Map<String, Tensor> bad = badState(source);
        bad.remove("fc2.weight");
        Module.StateDictKeys keys = n.loadStateDict(bad, false);
        assertEquals(List.of("steps", "fc1.bias", "fc2.weight"), keys.missingKeys());
        assertEquals(List.of("extra", "fc3.weight", "fc1.extra"), keys.unexpectedKeys());
        assertArrayEquals(source.fc1.weight().toFloatArray(), n.fc1.weight().toFloatArray());
        assertArrayEquals(source.fc2.bias().toFloatArray(), n.fc2.bias().toFloatArray());
        assertFalse(java.util.Arrays.equals(source.fc1.bias().toFloatArray(), n.fc1.bias().toFloatArray()));

        Map<String, Tensor> bad2 = new LinkedHashMap<>(source.stateDict());
        bad2.put("zzz", Tensor.zeros(1));
        assertEquals("Error(s) in loading state_dict for Two:\n\tUnexpected key(s) in state_dict: \"zzz\". ",
                assertThrows(IllegalArgumentException.class, () -> n.loadStateDict(bad2)).getMessage());
    }

    @Test
    void strictLoadCopiesEverythingInPlace() {
        Two n = new Two();
        Two source = new Two();
        try (var g = Autograd.noGrad()) {
            source.steps.fillInPlace(7);
        }
        Parameter weightBefore = n.fc1.weight();
        Module.StateDictKeys keys = n.loadStateDict(source.stateDict());
        assertEquals(List.of(), keys.missingKeys());
        assertEquals(List.of(), keys.unexpectedKeys());
        assertSame(weightBefore, n.fc1.weight()); // same tensor, new values
        assertTrue(n.fc1.weight().requiresGrad());
        assertSameValues(values(source), values(n));
        assertEquals(7f, n.steps.item());
        Tensor x = Tensor.of(new float[][] {{0.5f, -1}, {2, 3}});
        assertArrayEquals(source.fc2.forward(source.fc1.forward(x)).toFloatArray(),
                n.fc2.forward(n.fc1.forward(x)).toFloatArray());
    }

    /**
     * PyTorch's unexpected-key rule looks at one name component per module, so some malformed keys
     * pass: {@code m = nn.Sequential(nn.Linear(2, 2)); sd = dict(m.state_dict()); sd['0.weight.x'] = torch.zeros(1);
     * sd['0'] = torch.zeros(1); m.load_state_dict(sd, strict=False)} → {@code <All keys matched successfully>}.
     */
    @Test
    void unexpectedKeysFollowPyTorchsRuleExactly() {
        Sequential m = new Sequential(new Linear(2, 2));
        Map<String, Tensor> sd = new LinkedHashMap<>(new Sequential(new Linear(2, 2)).stateDict());
        sd.put("0.weight.x", Tensor.zeros(1));
        sd.put("0", Tensor.zeros(1));
        Module.StateDictKeys keys = m.loadStateDict(sd);
        assertEquals(List.of(), keys.missingKeys());
        assertEquals(List.of(), keys.unexpectedKeys());
        assertArrayEquals(sd.get("0.weight").toFloatArray(), m.get(0).stateDict().get("weight").toFloatArray());
    }

    /** {@code Linear(2, 3, bias=False)} has no {@code bias} entry: a checkpoint that has one is unexpected. */
    @Test
    void nullParameterIsNotALoadTarget() {
        Linear noBias = new Linear(2, 3, false);
        Map<String, Tensor> withBias = new Linear(2, 3).stateDict();
        assertEquals("Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: \"bias\". ",
                assertThrows(IllegalArgumentException.class, () -> noBias.loadStateDict(withBias)).getMessage());
    }
}
