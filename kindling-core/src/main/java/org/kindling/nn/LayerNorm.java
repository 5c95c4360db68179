package org.kindling.nn;

import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.internal.json.Json;

/**
 * Layer normalization over the trailing {@code normalizedShape} dims, with an elementwise weight
 * (ones) and bias (zeros) of that shape, like {@code torch.nn.LayerNorm} (default eps 1e-5).
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight, bias;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        weight = registerParameter("weight", elementwiseAffine ? new Parameter(Tensor.ones(normalizedShape)) : null);
        bias = registerParameter("bias", elementwiseAffine ? new Parameter(Tensor.zeros(normalizedShape)) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /** The weight, or null without elementwise affine. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null without elementwise affine. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return PythonTuple.of(normalizedShape) + ", eps=" + Json.formatDouble(eps) + ", elementwise_affine="
                + (weight != null ? "True" : "False");
    }
}
