package org.kindling.nn;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.nn.init.Init;

/**
 * A lookup table of vectors, like {@code torch.nn.Embedding}: int64 indices of any shape →
 * indices.shape + [embedding_dim]; weight [num_embeddings, embedding_dim] ~ N(0, 1) as PyTorch
 * draws it. The {@code paddingIdx} row (negative counts from the end) starts at zero and gets
 * no gradient, so it stays what it is set to.
 */
public final class Embedding extends Module {
    private final int numEmbeddings, embeddingDim;
    private final Integer paddingIdx;
    private final Parameter weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        this(numEmbeddings, embeddingDim, paddingIdx, DType.FLOAT32, Generator.defaultGenerator());
    }

    /** With an explicit dtype (float32 or float64) and generator for the initial values. */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, DType dtype, Generator generator) {
        if (numEmbeddings < 0 || embeddingDim < 0) {
            throw new IllegalArgumentException("Embedding: num_embeddings and embedding_dim must be non-negative, got "
                    + numEmbeddings + " and " + embeddingDim);
        }
        if (paddingIdx != null) {
            if (paddingIdx >= numEmbeddings) throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            if (paddingIdx < -numEmbeddings) throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            if (paddingIdx < 0) paddingIdx += numEmbeddings;
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx;
        this.weight = registerParameter("weight", new Parameter(Tensor.zeros(dtype, numEmbeddings, embeddingDim)));
        resetParameters(generator);
    }

    /** PyTorch's {@code reset_parameters}: weight ~ N(0, 1), then the padding row set to zero. */
    public void resetParameters(Generator generator) {
        Init.normal(weight, 0, 1, generator);
        if (paddingIdx != null) {
            try (var noGrad = Autograd.noGrad()) {
                weight.select(0, paddingIdx).fillInPlace(0);
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.embedding(input, weight, paddingIdx);
    }

    public Parameter weight() {
        return weight;
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The padding row (non-negative), or null. */
    public Integer paddingIdx() {
        return paddingIdx;
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
