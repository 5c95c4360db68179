package org.kindling.nn;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.internal.ops.LinearOp;
import org.kindling.nn.init.Init;

/**
 * {@code y = x Wᵀ + b}, like {@code torch.nn.Linear}. Shapes: input [..., in] → [..., out];
 * weight [out, in], bias [out].
 *
 * <p>Initialized as PyTorch does, drawing weight then bias from the generator: after
 * {@code Kindling.manualSeed(s)} the weights equal PyTorch's after {@code torch.manual_seed(s)}.
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, DType.FLOAT32, Generator.defaultGenerator());
    }

    /** With an explicit dtype (float32 or float64) and generator for the initial values. */
    public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Generator generator) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: in_features and out_features must be non-negative, got "
                    + inFeatures + " and " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", new Parameter(Tensor.zeros(dtype, outFeatures, inFeatures)));
        this.bias = registerParameter("bias", bias ? new Parameter(Tensor.zeros(dtype, outFeatures)) : null);
        resetParameters(generator);
    }

    /**
     * PyTorch's {@code reset_parameters}: weight ~ kaiming_uniform(a=√5), i.e. U(±1/√in), then
     * bias ~ U(±1/√in).
     */
    public void resetParameters(Generator generator) {
        if (inFeatures > 0 && outFeatures > 0) Init.kaimingUniform(weight, Math.sqrt(5), Init.FanMode.FAN_IN, "leaky_relu", generator);
        if (bias != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform(bias, -bound, bound, generator);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.linear(input, weight, bias);
    }

    /**
     * {@code relu(forward(input))} computed as one op (no pre-activation tensor is kept); the same
     * values and gradients. {@link Sequential} uses it for a Linear directly followed by a ReLU.
     */
    public Tensor forwardRelu(Tensor input) {
        return LinearOp.applyRelu(input, weight, bias);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when constructed without one. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
