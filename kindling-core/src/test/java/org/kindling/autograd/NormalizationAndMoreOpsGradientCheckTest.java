package org.kindling.autograd;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.testing.GradCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Central-difference gradient checks (float64) for the second batch of ops: activations, pow, reductions, normalization. */
class NormalizationAndMoreOpsGradientCheckTest {
    private static final Generator G = new Generator(2025);

    private static Tensor x(int... shape) {
        return Tensor.randn(G, DType.FLOAT64, shape).requiresGrad(true);
    }

    private static Tensor u(double lo, double hi, int... shape) {
        return Tensor.rand(G, DType.FLOAT64, shape).mul(hi - lo).add(lo).detach().requiresGrad(true);
    }

    /** Distinct values (a permutation scaled), so max/topk have no ties to straddle. */
    private static Tensor distinct(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return Tensor.randperm(n, G).toDouble().mul(0.37).sub(1).reshape(shape).detach().requiresGrad(true);
    }

    private record Case(String name, Function<List<Tensor>, Tensor> f, Tensor[] inputs) {}

    private final List<Case> cases = new ArrayList<>();

    private void add(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        cases.add(new Case(name, f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> secondBatchOps() {
        add("log1p", v -> v.get(0).log1p(), u(-0.5, 3, 3, 4));
        add("elu", v -> v.get(0).elu(0.7), distinct(3, 4));
        add("silu", v -> v.get(0).silu(), x(3, 4));
        add("softplus", v -> v.get(0).softplus(), x(3, 4));
        add("softplus beta 2 threshold 1 (both branches)", v -> v.get(0).softplus(2, 1), u(-2, 2, 3, 4));
        add("gelu tanh", v -> v.get(0).gelu("tanh"), x(3, 4));
        add("pow 4 (multiplied)", v -> v.get(0).pow(4), x(3, 4));
        add("pow -3", v -> v.get(0).pow(-3), u(0.5, 2, 3, 4));
        add("pow -0.5", v -> v.get(0).pow(-0.5), u(0.5, 2, 3, 4));
        add("pow -1", v -> v.get(0).pow(-1), u(0.5, 2, 3, 4));
        add("pow tensor", v -> v.get(0).pow(v.get(1)), u(0.5, 2, 3, 4), x(3, 4));
        add("pow tensor bcast", v -> v.get(0).pow(v.get(1)), u(0.5, 2, 3, 4), x(4));
        add("pow tensor bcast base", v -> v.get(0).pow(v.get(1)), u(0.5, 2, 1, 4), x(3, 1));

        add("cumsum dim 1", v -> v.get(0).cumsum(1), x(3, 5));
        add("cumsum dim 0 3d", v -> v.get(0).cumsum(0), x(3, 2, 2));
        add("logsumexp", v -> v.get(0).logsumexp(1, false), x(4, 6));
        add("logsumexp keepdim dims", v -> v.get(0).logsumexp(new int[] {0, 2}, true), x(2, 3, 4));
        add("var unbiased", v -> v.get(0).var(1, true, false), x(4, 6));
        add("var biased keepdim", v -> v.get(0).var(0, false, true), x(4, 6));
        add("var all", v -> v.get(0).var(), x(3, 4));
        add("std unbiased", v -> v.get(0).std(1, true, false), x(3, 7));
        add("std dims correction 0", v -> v.get(0).std(new int[] {0, 2}, 0, true), x(2, 3, 4));
        add("vector norm 1", v -> v.get(0).vectorNorm(1, 0, true), distinct(4, 5));
        add("vector norm 2", v -> v.get(0).vectorNorm(2, 1, false), x(4, 5));
        add("vector norm 3 all", v -> v.get(0).vectorNorm(3), distinct(4, 5));
        add("vector norm inf", v -> v.get(0).vectorNorm(Double.POSITIVE_INFINITY, 1, false), distinct(4, 5));

        Tensor mask = Tensor.rand(G, DType.FLOAT64, 3, 4).gt(0.5);
        add("masked fill", v -> v.get(0).maskedFill(mask, -2.5), x(3, 4));
        add("masked fill bcast mask", v -> v.get(0).maskedFill(Tensor.of(1L, 0L, 1L, 0L).ne(0), 3), x(3, 4));
        add("topk largest", v -> v.get(0).topk(3, 1, true).values(), distinct(3, 6));
        add("topk smallest dim 0", v -> v.get(0).topk(2, 0, false).values(), distinct(4, 3));

        add("batch norm train", v -> Functional.batchNorm(v.get(0), null, null, v.get(1), v.get(2), true, 0.1, 1e-5),
                x(6, 3), x(3), x(3));
        add("batch norm 2d train", v -> Functional.batchNorm(v.get(0), null, null, v.get(1), v.get(2), true, 0.1, 1e-5),
                x(3, 2, 2, 3), x(2), x(2));
        add("batch norm train no affine", v -> Functional.batchNorm(v.get(0), null, null, null, null, true, 0.1, 1e-3),
                x(4, 2, 3));
        Tensor rm = Tensor.randn(G, DType.FLOAT64, 3), rv = Tensor.rand(G, DType.FLOAT64, 3).add(0.5);
        add("batch norm eval", v -> Functional.batchNorm(v.get(0), rm, rv, v.get(1), v.get(2), false, 0.1, 1e-5),
                x(4, 3, 2), x(3), x(3));
        add("layer norm last", v -> Functional.layerNorm(v.get(0), new int[] {6}, v.get(1), v.get(2), 1e-5), x(4, 6), x(6), x(6));
        add("layer norm last two", v -> Functional.layerNorm(v.get(0), new int[] {3, 4}, v.get(1), v.get(2), 1e-5),
                x(2, 3, 4), x(3, 4), x(3, 4));
        add("layer norm no affine", v -> Functional.layerNorm(v.get(0), new int[] {5}, null, null, 1e-5), x(3, 5));

        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> GradCheck.check(c.name(), c.f(), c.inputs())));
    }
}
