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

/** Central-difference gradient checks (float64) of convolution, pooling and embedding, over their options. */
class SpatialGradientCheckTest {
    private static final Generator G = new Generator(2025);

    private static Tensor x(int... shape) {
        return Tensor.randn(G, DType.FLOAT64, shape).requiresGrad(true);
    }

    private record Case(String name, Function<List<Tensor>, Tensor> f, Tensor[] inputs) {}

    private final List<Case> cases = new ArrayList<>();

    private void add(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        cases.add(new Case(name, f, inputs));
    }

    private static int[] p(int h, int w) {
        return new int[] {h, w};
    }

    @TestFactory
    Stream<DynamicTest> spatialOps() {
        add("conv1d", v -> Functional.conv1d(v.get(0), v.get(1), v.get(2)), x(2, 3, 7), x(4, 3, 3), x(4));
        add("conv1d stride 2 pad 1 dilation 2 no bias", v -> Functional.conv1d(v.get(0), v.get(1), null, 2, 1, 2, 1),
                x(2, 2, 9), x(3, 2, 3));
        add("conv1d groups, same (even kernel)", v -> Functional.conv1d(v.get(0), v.get(1), v.get(2), 1, "same", 1, 2),
                x(1, 4, 6), x(4, 2, 4), x(4));
        add("conv2d", v -> Functional.conv2d(v.get(0), v.get(1), v.get(2)), x(2, 3, 5, 5), x(2, 3, 3, 3), x(2));
        add("conv2d stride, rect padding, dilation", v -> Functional.conv2d(v.get(0), v.get(1), v.get(2), p(2, 1), p(1, 2),
                p(1, 2), 1), x(1, 2, 6, 7), x(3, 2, 3, 2), x(3));
        add("conv2d groups 3", v -> Functional.conv2d(v.get(0), v.get(1), v.get(2), 1, 1, 1, 3), x(2, 6, 4, 4), x(3, 2, 3, 3), x(3));
        add("conv2d same, even kernel", v -> Functional.conv2d(v.get(0), v.get(1), v.get(2), p(1, 1), "same", p(1, 1), 1),
                x(1, 2, 5, 4), x(2, 2, 2, 4), x(2));
        add("conv2d 1x1", v -> Functional.conv2d(v.get(0), v.get(1), v.get(2)), x(2, 4, 3, 3), x(5, 4, 1, 1), x(5));
        add("conv2d unbatched", v -> Functional.conv2d(v.get(0), v.get(1), null), x(2, 4, 4), x(3, 2, 2, 2));
        add("max_pool2d k2", v -> Functional.maxPool2d(v.get(0), 2), x(2, 2, 4, 6));
        add("max_pool2d k3 s2 p1 ceil", v -> Functional.maxPool2d(v.get(0), p(3, 3), p(2, 2), p(1, 1), p(1, 1), true), x(1, 2, 6, 6));
        add("max_pool2d dilation 2", v -> Functional.maxPool2d(v.get(0), p(2, 2), p(1, 1), p(0, 1), p(2, 2), false), x(1, 1, 6, 6));
        add("avg_pool2d k2", v -> Functional.avgPool2d(v.get(0), 2), x(2, 2, 4, 4));
        add("avg_pool2d p1 ceil include pad", v -> Functional.avgPool2d(v.get(0), p(3, 3), p(2, 2), p(1, 1), true, true, null),
                x(1, 2, 6, 6));
        add("avg_pool2d p1 exclude pad", v -> Functional.avgPool2d(v.get(0), p(3, 2), p(1, 2), p(1, 1), false, false, null),
                x(1, 2, 5, 5));
        add("avg_pool2d divisor override", v -> Functional.avgPool2d(v.get(0), p(2, 2), null, p(0, 0), false, true, 3), x(1, 1, 4, 4));
        add("adaptive_avg_pool2d uneven", v -> Functional.adaptiveAvgPool2d(v.get(0), 3, 4), x(2, 2, 5, 7));
        add("adaptive_avg_pool2d larger than input", v -> Functional.adaptiveAvgPool2d(v.get(0), 4, 5), x(1, 1, 3, 2));
        Tensor idx = Tensor.fromArray(new long[] {1, 3, 3, 0, 2, 1}, 2, 3);
        add("embedding, repeated indices", v -> Functional.embedding(idx, v.get(0)), x(4, 3));
        // The padding row gets no gradient by definition, so its lookups are masked out of the checked function.
        Tensor notPadding = Tensor.fromArray(new double[] {1, 0, 0, 1, 1, 1}, 2, 3, 1);
        add("embedding, padding_idx", v -> Functional.embedding(idx, v.get(0), 3).mul(notPadding), x(4, 3));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> GradCheck.check(c.name, c.f, c.inputs)));
    }
}
