package org.kindling.autograd;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.nn.Functional;
import org.kindling.nn.Reduction;
import org.kindling.testing.GradCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Central-difference gradient checks (float64) for every differentiable op, including broadcasting. */
class GradientCheckTest {
    private static final Generator G = new Generator(2024);

    /** Random normal values of {@code shape} that require grad. */
    private static Tensor x(int... shape) {
        return Tensor.randn(G, DType.FLOAT64, shape).requiresGrad(true);
    }

    /** Values in [lo, hi) (keeps inputs away from kinks and domain edges). */
    private static Tensor u(double lo, double hi, int... shape) {
        return Tensor.rand(G, DType.FLOAT64, shape).mul(hi - lo).add(lo).detach().requiresGrad(true);
    }

    /** Values at least 0.1 away from zero, random sign (for abs, relu). */
    private static Tensor awayFromZero(int... shape) {
        Tensor mag = Tensor.rand(G, DType.FLOAT64, shape).add(0.1);
        Tensor sign = Tensor.rand(G, DType.FLOAT64, shape).gt(0.5).toDouble().mul(2).sub(1);
        return mag.mul(sign).detach().requiresGrad(true);
    }

    private record Case(String name, Function<List<Tensor>, Tensor> f, Tensor[] inputs) {}

    private final List<Case> cases = new ArrayList<>();

    private void add(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        cases.add(new Case(name, f, inputs));
    }

    @TestFactory
    Stream<DynamicTest> everyDifferentiableOp() {
        binary("add", (a, b) -> a.add(b));
        binary("sub", (a, b) -> a.sub(b));
        binary("mul", (a, b) -> a.mul(b));
        add("div same", v -> v.get(0).div(v.get(1)), x(3, 4), u(0.5, 2, 3, 4));
        add("div bcast row", v -> v.get(0).div(v.get(1)), x(3, 4), u(0.5, 2, 4));
        add("div bcast both", v -> v.get(0).div(v.get(1)), x(3, 1), u(0.5, 2, 1, 4));
        add("div scalar tensor", v -> v.get(0).div(v.get(1)), x(2, 3), u(0.5, 2));
        add("add python scalar", v -> v.get(0).add(2.5), x(3, 4));
        add("mul python scalar", v -> v.get(0).mul(-1.5), x(3, 4));
        add("div python scalar", v -> v.get(0).div(3.0), x(3, 4));
        add("rsub", v -> v.get(0).rsub(1.0), x(3, 4));
        add("maximum", v -> v.get(0).maximum(v.get(1)), x(3, 4), x(4));
        add("minimum", v -> v.get(0).minimum(v.get(1)), x(3, 1), x(1, 4));

        add("neg", v -> v.get(0).neg(), x(3, 4));
        add("exp", v -> v.get(0).exp(), x(3, 4));
        add("log", v -> v.get(0).log(), u(0.2, 3, 3, 4));
        add("sqrt", v -> v.get(0).sqrt(), u(0.2, 3, 3, 4));
        add("abs", v -> v.get(0).abs(), awayFromZero(3, 4));
        add("pow 2", v -> v.get(0).pow(2), x(3, 4));
        add("pow 3", v -> v.get(0).pow(3), x(3, 4));
        add("pow 0.5", v -> v.get(0).pow(0.5), u(0.2, 3, 3, 4));
        add("pow -1.5", v -> v.get(0).pow(-1.5), u(0.2, 3, 3, 4));
        add("relu", v -> v.get(0).relu(), awayFromZero(3, 4));
        add("leaky relu", v -> v.get(0).leakyRelu(0.1), awayFromZero(3, 4));
        add("sigmoid", v -> v.get(0).sigmoid(), x(3, 4));
        add("tanh", v -> v.get(0).tanh(), x(3, 4));
        add("sin", v -> v.get(0).sin(), x(3, 4));
        add("cos", v -> v.get(0).cos(), x(3, 4));
        add("gelu", v -> v.get(0).gelu(), x(3, 4));
        add("clamp", v -> v.get(0).clamp(-0.5, 0.5), awayFromZero(4, 5).mul(1).detach().requiresGrad(true));
        add("softmax dim 1", v -> v.get(0).softmax(1), x(3, 5));
        add("softmax dim 0", v -> v.get(0).softmax(0), x(3, 5));
        add("log softmax dim -1", v -> v.get(0).logSoftmax(-1), x(2, 3, 4));
        add("log softmax dim 1", v -> v.get(0).logSoftmax(1), x(2, 3, 4));

        add("sum all", v -> v.get(0).sum(), x(3, 4));
        add("sum dim keepdim", v -> v.get(0).sum(1, true), x(2, 3, 4));
        add("sum dims", v -> v.get(0).sum(new int[] {0, 2}, false), x(2, 3, 4));
        add("mean all", v -> v.get(0).mean(), x(3, 4));
        add("mean dim", v -> v.get(0).mean(-1), x(2, 3, 4));
        add("max dim", v -> v.get(0).max(1, false).values(), x(3, 5));
        add("max dim keepdim", v -> v.get(0).max(0, true).values(), x(3, 5));
        add("min dim", v -> v.get(0).min(-1, false).values(), x(2, 3, 4));
        add("max all", v -> v.get(0).max(), x(3, 4));

        add("matmul 1d 1d", v -> v.get(0).matmul(v.get(1)), x(4), x(4));
        add("matmul 1d 2d", v -> v.get(0).matmul(v.get(1)), x(4), x(4, 3));
        add("matmul 2d 1d", v -> v.get(0).matmul(v.get(1)), x(3, 4), x(4));
        add("matmul 2d 2d", v -> v.get(0).matmul(v.get(1)), x(3, 4), x(4, 5));
        add("matmul 3d 2d", v -> v.get(0).matmul(v.get(1)), x(2, 3, 4), x(4, 5));
        add("matmul 3d 3d", v -> v.get(0).matmul(v.get(1)), x(2, 3, 4), x(2, 4, 5));
        add("matmul batch bcast", v -> v.get(0).matmul(v.get(1)), x(2, 1, 3, 4), x(3, 4, 2));
        add("mm transposed operands", v -> v.get(0).t().mm(v.get(1).t()), x(4, 3), x(5, 4));
        add("linear", v -> Functional.linear(v.get(0), v.get(1), v.get(2)), x(5, 4), x(3, 4), x(3));
        add("linear 3d input", v -> Functional.linear(v.get(0), v.get(1), v.get(2)), x(2, 5, 4), x(3, 4), x(3));
        add("linear no bias", v -> Functional.linear(v.get(0), v.get(1), null), x(5, 4), x(2, 4));
        add("linear 1d input", v -> Functional.linear(v.get(0), v.get(1), v.get(2)), x(4), x(3, 4), x(3));

        add("transpose", v -> v.get(0).transpose(0, 2), x(2, 3, 4));
        add("permute", v -> v.get(0).permute(2, 0, 1), x(2, 3, 4));
        add("reshape", v -> v.get(0).reshape(4, -1), x(2, 3, 4));
        add("reshape of transposed", v -> v.get(0).t().reshape(-1), x(3, 4));
        add("view", v -> v.get(0).view(3, 2, 2), x(2, 6));
        add("flatten", v -> v.get(0).flatten(1, 2), x(2, 3, 4));
        add("squeeze", v -> v.get(0).squeeze(), x(3, 1, 4));
        add("unsqueeze", v -> v.get(0).unsqueeze(1), x(3, 4));
        add("expand", v -> v.get(0).expand(2, 3, 4), x(3, 1));
        add("narrow", v -> v.get(0).narrow(1, 1, 2), x(3, 4));
        add("slice step", v -> v.get(0).slice(0, 0, 5, 2), x(5, 3));
        add("select", v -> v.get(0).select(1, 2), x(3, 4));
        add("contiguous of transposed", v -> v.get(0).t().contiguous(), x(3, 4));
        add("cat", v -> Tensor.cat(List.of(v.get(0), v.get(1)), 1), x(3, 2), x(3, 4));
        add("stack", v -> Tensor.stack(List.of(v.get(0), v.get(1)), 0), x(3, 2), x(3, 2));
        add("index select", v -> v.get(0).indexSelect(0, Tensor.of(2L, 0L, 2L)), x(3, 4));
        add("gather", v -> v.get(0).gather(1, Tensor.of(new long[][] {{0, 2}, {1, 1}, {3, 0}})), x(3, 4));
        add("where", v -> Tensor.where(v.get(0).gt(0), v.get(0), v.get(1)), awayFromZero(3, 4), x(4));

        Tensor target = Tensor.randn(G, DType.FLOAT64, 4, 3);
        Tensor probs = Tensor.rand(G, DType.FLOAT64, 4, 3);
        Tensor classes = Tensor.of(1L, 0L, 3L, 2L, 1L);
        for (Reduction r : Reduction.values()) {
            add("mse " + r, v -> Functional.mseLoss(v.get(0), target, r), x(4, 3));
            add("l1 " + r, v -> Functional.l1Loss(v.get(0), target, r), x(4, 3));
            add("smooth l1 " + r, v -> Functional.smoothL1Loss(v.get(0), target, r, 0.5), x(4, 3));
            add("huber " + r, v -> Functional.huberLoss(v.get(0), target, r, 1.5), x(4, 3));
            add("bce " + r, v -> Functional.binaryCrossEntropy(v.get(0), probs, r), u(0.05, 0.95, 4, 3));
            add("bce with logits " + r, v -> Functional.binaryCrossEntropyWithLogits(v.get(0), probs, r), x(4, 3));
            add("cross entropy " + r, v -> Functional.crossEntropy(v.get(0), classes, r), x(5, 4));
            add("nll " + r, v -> Functional.nllLoss(v.get(0), classes, r), x(5, 4));
        }
        add("mse target grad", v -> Functional.mseLoss(v.get(0), v.get(1)), x(4, 3), x(4, 3));
        add("bce target grad", v -> Functional.binaryCrossEntropy(v.get(0), v.get(1), Reduction.MEAN),
                u(0.05, 0.95, 4, 3), u(0.05, 0.95, 4, 3));
        add("cross entropy weighted, ignore, smoothing", v -> Functional.crossEntropy(v.get(0), Tensor.of(1L, -100L, 3L, 2L, 1L),
                Tensor.of(0.5, 1.0, 2.0, 1.5), Reduction.MEAN, -100, 0.1), x(5, 4));
        add("cross entropy 3d", v -> Functional.crossEntropy(v.get(0), Tensor.of(new long[][] {{0, 2}, {1, 1}}), Reduction.MEAN),
                x(2, 3, 2));
        add("dropout (fixed mask)", v -> Functional.dropout(v.get(0), 0.3, true, new Generator(5)), x(4, 5));

        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> GradCheck.check(c.name(), c.f(), c.inputs())));
    }

    private void binary(String name, java.util.function.BinaryOperator<Tensor> op) {
        add(name + " same shape", v -> op.apply(v.get(0), v.get(1)), x(3, 4), x(3, 4));
        add(name + " bcast row", v -> op.apply(v.get(0), v.get(1)), x(3, 4), x(4));
        add(name + " bcast col", v -> op.apply(v.get(0), v.get(1)), x(3, 4), x(3, 1));
        add(name + " bcast both", v -> op.apply(v.get(0), v.get(1)), x(3, 1), x(1, 4));
        add(name + " bcast 3d", v -> op.apply(v.get(0), v.get(1)), x(2, 3, 4), x(3, 1));
        add(name + " scalar tensor", v -> op.apply(v.get(0), v.get(1)), x(3, 4), x());
        add(name + " same input twice", v -> op.apply(v.get(0), v.get(0)), x(3, 4));
    }
}
