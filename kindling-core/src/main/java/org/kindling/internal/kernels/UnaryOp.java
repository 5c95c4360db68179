package org.kindling.internal.kernels;

/** The elementwise math ops of {@link Unary}; each knows which saved value its derivative reads. */
public enum UnaryOp {
    NEG(false), EXP(true), LOG(false), SQRT(true), ABS(false), SIGN(false), RELU(true), SIGMOID(true),
    TANH(true), GELU(false), LEAKY_RELU(false), SIN(false), COS(false), LOG1P(false), ELU(false), SILU(false),
    SOFTPLUS(false), GELU_TANH(false);

    /**
     * True when backward reads the op's output rather than its input: PyTorch's choice in
     * derivatives.yaml (relu, sigmoid, tanh, exp and sqrt use the result), which decides what is saved.
     */
    public final boolean backwardUsesOutput;

    UnaryOp(boolean backwardUsesOutput) {
        this.backwardUsesOutput = backwardUsesOutput;
    }
}
