package org.kindling;

import org.kindling.autograd.Engine;
import org.kindling.autograd.Node;
import org.kindling.internal.TensorAccess;
import org.kindling.internal.format.TensorFormatter;
import org.kindling.internal.kernels.UnaryOp;
import org.kindling.internal.ops.*;
import org.kindling.internal.shape.Shapes;
import org.kindling.internal.storage.BufferPool;
import org.kindling.internal.storage.Storage;

import java.util.List;

/**
 * An n-dimensional array with define-by-run autograd, like {@code torch.Tensor}.
 *
 * <p>Float32 by default; float64, int64 and bool where ops need them. A tensor is a view (shape,
 * strides, offset) over a {@link Storage}; views share it. Ops that involve a tensor with
 * {@link #requiresGrad()} record a graph (unless inside {@link Autograd#noGrad()}), and
 * {@link #backward()} sends gradients back to the leaves' {@link #grad()}.
 *
 * <p>Memory: tensors are ordinary Java arrays; a tensor a program holds keeps its values whatever
 * runs later. Buffers nobody can reach (gradients inside backward, activations between built-in
 * layers) are reused from step to step. Equality is identity; compare values with
 * {@link #allClose(Tensor)}.
 */
public sealed class Tensor permits Parameter {
    // Not final: Module.to(dtype) swaps a parameter's values in place, as PyTorch assigns param.data.
    private Storage storage;
    private final int[] shape;
    private int[] strides;
    private int offset;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean retainsGrad;

    static {
        TensorAccess.install(new TensorAccess() {
            @Override
            protected Storage storageOf(Tensor t) {
                return t.storage;
            }

            @Override
            protected Tensor newTensor(Storage storage, int[] shape, int[] strides, int offset) {
                return new Tensor(storage, shape, strides, offset);
            }

            @Override
            protected void gradFnOf(Tensor t, Node fn) {
                t.gradFn = fn;
                t.requiresGrad = true;
            }

            @Override
            protected void gradOf(Tensor t, Tensor grad) {
                t.grad = grad;
            }

            @Override
            protected Tensor gradOf(Tensor t) {
                return t.grad;
            }

            @Override
            protected void dataOf(Tensor t, Tensor values) {
                t.storage = values.storage;
                t.strides = values.strides.clone();
                t.offset = values.offset;
            }
        });
    }

    Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    // ---------------------------------------------------------------- creation

    /** A 1-D float32 tensor holding a copy of {@code values}. */
    public static Tensor of(float... values) {
        return Creation.fromFloats(values.clone(), values.length);
    }

    /** A 2-D float32 tensor (rows must have equal length). */
    public static Tensor of(float[][] values) {
        return Creation.fromFloats(values);
    }

    /** A 3-D float32 tensor. */
    public static Tensor of(float[][][] values) {
        return Creation.fromFloats(values);
    }

    /** A 4-D float32 tensor. */
    public static Tensor of(float[][][][] values) {
        return Creation.fromFloats(values);
    }

    /**
     * A 1-D float32 tensor of these numbers, as {@code torch.tensor([...])} gives for Python floats
     * (the default dtype); {@link #of(DType, double...)} keeps float64.
     */
    public static Tensor of(double... values) {
        return Creation.fromDoubles(values.clone(), values.length).to(DType.FLOAT32);
    }

    /** A 2-D float32 tensor (rows must have equal length), as {@code torch.tensor} gives for Python floats. */
    public static Tensor of(double[][] values) {
        return Creation.fromDoubles(values).to(DType.FLOAT32);
    }

    /** A 3-D float32 tensor. */
    public static Tensor of(double[][][] values) {
        return Creation.fromDoubles(values).to(DType.FLOAT32);
    }

    /** A 4-D float32 tensor. */
    public static Tensor of(double[][][][] values) {
        return Creation.fromDoubles(values).to(DType.FLOAT32);
    }

    /** A 1-D tensor of {@code dtype} ({@code torch.tensor([...], dtype=...)}); float64 keeps every digit. */
    public static Tensor of(DType dtype, double... values) {
        return Creation.fromDoubles(values.clone(), values.length).to(dtype);
    }

    /** A 2-D tensor of {@code dtype}. */
    public static Tensor of(DType dtype, double[][] values) {
        return Creation.fromDoubles(values).to(dtype);
    }

    /** A 1-D int64 tensor (class indices, say). */
    public static Tensor of(long... values) {
        return Creation.fromLongs(values.clone(), values.length);
    }

    /** A 2-D int64 tensor. */
    public static Tensor of(long[][] values) {
        return Creation.fromLongs(values);
    }

    /** A float32 tensor of {@code shape} holding a copy of {@code data} (row-major). */
    public static Tensor fromArray(float[] data, int... shape) {
        return Creation.fromFloats(data.clone(), shape);
    }

    /** A float64 tensor of {@code shape} holding a copy of {@code data} (row-major). */
    public static Tensor fromArray(double[] data, int... shape) {
        return Creation.fromDoubles(data.clone(), shape);
    }

    /** An int64 tensor of {@code shape} holding a copy of {@code data} (row-major). */
    public static Tensor fromArray(long[] data, int... shape) {
        return Creation.fromLongs(data.clone(), shape);
    }

    /** A 0-dim float32 tensor. */
    public static Tensor scalar(float value) {
        return Creation.fromFloats(new float[] {value}, Shapes.SCALAR);
    }

    /** A 0-dim float64 tensor. */
    public static Tensor scalar(double value) {
        return Creation.fromDoubles(new double[] {value}, Shapes.SCALAR);
    }

    /** A 0-dim int64 tensor. */
    public static Tensor scalar(long value) {
        return Creation.fromLongs(new long[] {value}, Shapes.SCALAR);
    }

    /** Float32 zeros. */
    public static Tensor zeros(int... shape) {
        return Creation.full(DType.FLOAT32, 0, shape);
    }

    /** Zeros of the given dtype. */
    public static Tensor zeros(DType dtype, int... shape) {
        return Creation.full(dtype, 0, shape);
    }

    /** Float32 ones. */
    public static Tensor ones(int... shape) {
        return Creation.full(DType.FLOAT32, 1, shape);
    }

    /** Ones of the given dtype. */
    public static Tensor ones(DType dtype, int... shape) {
        return Creation.full(dtype, 1, shape);
    }

    /** A float32 tensor filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        return Creation.full(DType.FLOAT32, value, shape);
    }

    /** A tensor of the given dtype filled with {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        return Creation.full(dtype, value, shape);
    }

    /** {@code 0, 1, ..., end-1} as int64, like {@code torch.arange(end)}. */
    public static Tensor arange(long end) {
        return Creation.arange(0, end);
    }

    /** {@code start, start+1, ..., end-1} as int64, like {@code torch.arange(start, end)} with integer arguments. */
    public static Tensor arange(long start, long end) {
        return Creation.arange(start, end);
    }

    /** {@code start, start+step, ...} below {@code end}, as float32 ({@code torch.arange} with float arguments). */
    public static Tensor arange(double start, double end, double step) {
        return Creation.arange(start, end, step);
    }

    /** {@code steps} evenly spaced float32 values from {@code start} to {@code end} inclusive. */
    public static Tensor linspace(double start, double end, int steps) {
        return Creation.linspace(start, end, steps);
    }

    /** The n×n float32 identity. */
    public static Tensor eye(int n) {
        return Creation.eye(n, n);
    }

    /** An n×m float32 matrix with ones on the diagonal. */
    public static Tensor eye(int n, int m) {
        return Creation.eye(n, m);
    }

    /** Uniform [0, 1) float32 values from the default generator ({@code torch.rand}). */
    public static Tensor rand(int... shape) {
        return RandomFill.rand(Generator.defaultGenerator(), DType.FLOAT32, shape);
    }

    /** Uniform [0, 1) values from {@code generator}. */
    public static Tensor rand(Generator generator, DType dtype, int... shape) {
        return RandomFill.rand(generator, dtype, shape);
    }

    /** Standard normal float32 values from the default generator ({@code torch.randn}). */
    public static Tensor randn(int... shape) {
        return RandomFill.randn(Generator.defaultGenerator(), DType.FLOAT32, shape);
    }

    /** Standard normal values from {@code generator}. */
    public static Tensor randn(Generator generator, DType dtype, int... shape) {
        return RandomFill.randn(generator, dtype, shape);
    }

    /** A random permutation of {@code 0..n-1} as int64 ({@code torch.randperm}). */
    public static Tensor randperm(int n) {
        return randperm(n, Generator.defaultGenerator());
    }

    /** A random permutation of {@code 0..n-1} drawn from {@code generator}. */
    public static Tensor randperm(int n, Generator generator) {
        return Creation.fromLongs(generator.randperm(n), n);
    }

    /** Concatenates along {@code dim} ({@code torch.cat}). Shapes: equal except at {@code dim}. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Cat.apply(tensors.toArray(new Tensor[0]), dim);
    }

    /** Stacks along a new dim ({@code torch.stack}). Shapes: all equal. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Cat.stack(tensors.toArray(new Tensor[0]), dim);
    }

    /** Picks {@code a} where {@code condition} is true, else {@code b} ({@code torch.where}); broadcasts. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Where.apply(condition, a, b);
    }

    /** Zeros with this tensor's shape and dtype. */
    public Tensor zerosLike() {
        return Creation.full(dtype(), 0, shape);
    }

    /** Ones with this tensor's shape and dtype. */
    public Tensor onesLike() {
        return Creation.full(dtype(), 1, shape);
    }

    /** A tensor of this shape and dtype filled with {@code value}. */
    public Tensor fullLike(double value) {
        return Creation.full(dtype(), value, shape);
    }

    /** Zeros with this tensor's shape and the given dtype ({@code torch.zeros_like(x, dtype=...)}). */
    public Tensor zerosLike(DType dtype) {
        return Creation.full(dtype, 0, shape);
    }

    /** Ones with this tensor's shape and the given dtype. */
    public Tensor onesLike(DType dtype) {
        return Creation.full(dtype, 1, shape);
    }

    /** {@code value} everywhere, with this tensor's shape and the given dtype. */
    public Tensor fullLike(double value, DType dtype) {
        return Creation.full(dtype, value, shape);
    }

    /** Uniform [0, 1) values with this shape and the given float dtype. */
    public Tensor randLike(DType dtype) {
        return RandomFill.rand(Generator.defaultGenerator(), dtype, shape);
    }

    /** Standard normal values with this shape and the given float dtype. */
    public Tensor randnLike(DType dtype) {
        return RandomFill.randn(Generator.defaultGenerator(), dtype, shape);
    }

    /** Uniform [0, 1) values with this shape and dtype. */
    public Tensor randLike() {
        return RandomFill.rand(Generator.defaultGenerator(), dtype(), shape);
    }

    /** Standard normal values with this shape and dtype. */
    public Tensor randnLike() {
        return RandomFill.randn(Generator.defaultGenerator(), dtype(), shape);
    }

    // ---------------------------------------------------------------- geometry

    /** The sizes of each dim (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dim; negative counts from the end. */
    public int size(int dim) {
        return shape[Shapes.normalizeDim("size", dim, shape.length)];
    }

    /** Number of dims. */
    public int dim() {
        return shape.length;
    }

    /** Number of elements. */
    public int numel() {
        return Shapes.numel(shape);
    }

    /** Element strides of each dim (a copy), like {@code tensor.stride()}. */
    public int[] strides() {
        return strides.clone();
    }

    /** Index of the first element in the storage. */
    public int storageOffset() {
        return offset;
    }

    public DType dtype() {
        return storage.dtype();
    }

    /** True when elements are row-major without gaps. */
    public boolean isContiguous() {
        return Shapes.isContiguous(shape, strides);
    }

    // ---------------------------------------------------------------- values

    /** The value of a one-element tensor as a float. */
    public float item() {
        return (float) itemDouble();
    }

    /** The value of a one-element tensor as a double. */
    public double itemDouble() {
        if (numel() != 1) {
            throw new IllegalStateException("item: a Tensor with " + numel() + " elements cannot be converted to a scalar");
        }
        return Values.get(this, 0);
    }

    /** The value of a one-element integer tensor. */
    public long itemLong() {
        if (numel() != 1) {
            throw new IllegalStateException("item: a Tensor with " + numel() + " elements cannot be converted to a scalar");
        }
        return Values.getLong(this, 0);
    }

    /** The element at {@code index} (one index per dim) as a double. */
    public double get(int... index) {
        return Values.get(this, Values.flatIndex(this, index));
    }

    /** All elements in row-major order, converted to float. */
    public float[] toFloatArray() {
        return Values.toFloatArray(this);
    }

    /** All elements in row-major order, converted to double. */
    public double[] toDoubleArray() {
        return Values.toDoubleArray(this);
    }

    /** All elements in row-major order, converted to long. */
    public long[] toLongArray() {
        return Values.toLongArray(this);
    }

    /** {@code |this - other| <= atol + rtol * |other|} everywhere, with equal shapes ({@code torch.allclose}). */
    public boolean allClose(Tensor other, double rtol, double atol) {
        return Values.allClose(this, other, rtol, atol);
    }

    /** {@link #allClose(Tensor, double, double)} with PyTorch's defaults rtol 1e-5, atol 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** True when shapes and all values are equal ({@code torch.equal}). */
    public boolean equalValues(Tensor other) {
        return allClose(other, 0, 0);
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Sets whether this leaf records operations for autograd; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want "
                    + "to use a computed variable in a subgraph that doesn't require differentiation use detach()");
        }
        if (value && !dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("only Tensors of floating point dtype can require gradients, got "
                    + dtype().pytorchName());
        }
        requiresGrad = value || gradFn != null;
        return this;
    }

    /** The accumulated gradient, or null. The returned tensor keeps its values for as long as it is held. */
    public Tensor grad() {
        // Once a program holds the gradient, its buffer may never be recycled (see setGrad).
        if (grad != null) grad.storage.pin();
        return grad;
    }

    /**
     * Replaces the gradient (null clears it, like {@code p.grad = None}). A cleared gradient that
     * backward computed, and that no program ever read through {@link #grad()}, has its buffer
     * recycled by the next backward pass: nothing can observe it.
     */
    public void setGrad(Tensor value) {
        if (value != null && (!java.util.Arrays.equals(value.shape, shape) || value.dtype() != dtype())) {
            throw new IllegalArgumentException("setGrad: assigned grad has shape " + Shapes.format(value.shape) + " and dtype "
                    + value.dtype().pytorchName() + ", but the tensor has shape " + Shapes.format(shape) + " and dtype "
                    + dtype().pytorchName());
        }
        Tensor old = grad;
        grad = value;
        // Only a buffer the engine made and nobody read is recycled: grad() pins what it hands out.
        if (old != null && value == null && old.storage.isEngineGrad()) BufferPool.release(old.storage);
    }

    /** The node that produced this tensor, or null for leaves. */
    public Node gradFn() {
        return gradFn;
    }

    /** True for tensors created by the user rather than by a recorded op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Keeps the gradient of this non-leaf in {@link #grad()} during backward. */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (gradFn != null && !retainsGrad) {
            retainsGrad = true;
            gradFn.retainOutputGrad(this);
        }
        return this;
    }

    public boolean retainsGrad() {
        return retainsGrad;
    }

    /** Backpropagates from this one-element tensor (a loss). */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("grad can be implicitly created only for scalar outputs, but this tensor has shape "
                    + Shapes.format(shape));
        }
        Engine.backward(this, Creation.full(dtype(), 1, shape), false);
    }

    /** Backpropagates the vector-Jacobian product with {@code gradient} (this tensor's shape). */
    public void backward(Tensor gradient) {
        Engine.backward(this, gradient, false);
    }

    /** Like {@link #backward(Tensor)}; {@code retainGraph} keeps the graph for another backward. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Engine.backward(this, gradient, retainGraph);
    }

    /** A tensor sharing this storage, cut from the graph; its values are kept (never recycled). */
    public Tensor detach() {
        storage.pin();
        return new Tensor(storage, shape, strides, offset);
    }

    /** The storage, for {@link Parameter}'s constructor. */
    final Storage storage() {
        return storage;
    }

    // ---------------------------------------------------------------- arithmetic

    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    public Tensor add(double other) {
        return Arithmetic.add(this, other);
    }

    /** {@code this + alpha * other}. */
    public Tensor add(Tensor other, double alpha) {
        return Arithmetic.add(this, alpha == 1 ? other : other.mul(alpha));
    }

    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    public Tensor sub(double other) {
        return Arithmetic.add(this, -other);
    }

    /** {@code other - this}, like {@code torch.rsub}. */
    public Tensor rsub(double other) {
        return Arithmetic.rsub(this, other);
    }

    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    public Tensor mul(double other) {
        return Arithmetic.mul(this, other);
    }

    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    public Tensor div(double other) {
        return Arithmetic.div(this, other);
    }

    public Tensor neg() {
        return Pointwise.apply(UnaryOp.NEG, this);
    }

    public Tensor exp() {
        return Pointwise.apply(UnaryOp.EXP, this);
    }

    public Tensor log() {
        return Pointwise.apply(UnaryOp.LOG, this);
    }

    public Tensor sqrt() {
        return Pointwise.apply(UnaryOp.SQRT, this);
    }

    public Tensor abs() {
        return Pointwise.apply(UnaryOp.ABS, this);
    }

    public Tensor sin() {
        return Pointwise.apply(UnaryOp.SIN, this);
    }

    public Tensor cos() {
        return Pointwise.apply(UnaryOp.COS, this);
    }

    /** -1, 0 or 1 by sign (no gradient). */
    public Tensor sign() {
        return Pointwise.apply(UnaryOp.SIGN, this);
    }

    public Tensor square() {
        return Pow.apply(this, 2);
    }

    public Tensor pow(double exponent) {
        return Pow.apply(this, exponent);
    }

    /** {@code this^exponent} elementwise; broadcasts; gradients for both ({@code torch.pow(input, exponent)}). */
    public Tensor pow(Tensor exponent) {
        return Pow.apply(this, exponent);
    }

    /** {@code log(1 + x)}, accurate for small x. */
    public Tensor log1p() {
        return Pointwise.apply(UnaryOp.LOG1P, this);
    }

    public Tensor relu() {
        return Pointwise.apply(UnaryOp.RELU, this);
    }

    public Tensor sigmoid() {
        return Pointwise.apply(UnaryOp.SIGMOID, this);
    }

    public Tensor tanh() {
        return Pointwise.apply(UnaryOp.TANH, this);
    }

    /** {@code x} where positive, else {@code slope * x}. */
    public Tensor leakyRelu(double slope) {
        return Pointwise.leakyRelu(this, slope);
    }

    /** Gaussian error linear unit, exact (erf) form, like {@code F.gelu}. */
    public Tensor gelu() {
        return Pointwise.apply(UnaryOp.GELU, this);
    }

    /** GELU with PyTorch's {@code approximate}: {@code "none"} (erf) or {@code "tanh"}. */
    public Tensor gelu(String approximate) {
        return switch (approximate) {
            case "none" -> gelu();
            case "tanh" -> Pointwise.apply(UnaryOp.GELU_TANH, this);
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh, got '"
                    + approximate + "'");
        };
    }

    /** {@code x} where positive, else {@code alpha * (e^x - 1)} ({@code F.elu}, default alpha 1). */
    public Tensor elu(double alpha) {
        return Pointwise.elu(this, alpha);
    }

    public Tensor elu() {
        return elu(1.0);
    }

    /** {@code x * sigmoid(x)} ({@code F.silu}). */
    public Tensor silu() {
        return Pointwise.apply(UnaryOp.SILU, this);
    }

    /** {@code log(1 + e^(beta x)) / beta}, and {@code x} where {@code beta x > threshold} ({@code F.softplus}). */
    public Tensor softplus(double beta, double threshold) {
        return Pointwise.softplus(this, beta, threshold);
    }

    /** Softplus with PyTorch's defaults beta 1, threshold 20. */
    public Tensor softplus() {
        return softplus(1, 20);
    }

    public Tensor softmax(int dim) {
        return SoftmaxOp.softmax(this, dim);
    }

    public Tensor logSoftmax(int dim) {
        return SoftmaxOp.logSoftmax(this, dim);
    }

    /** Limits values to {@code [min, max]}; gradient 1 inside, 0 outside. */
    public Tensor clamp(double min, double max) {
        return Clamp.apply(this, min, max);
    }

    public Tensor clampMin(double min) {
        return Clamp.apply(this, min, Double.NaN);
    }

    public Tensor clampMax(double max) {
        return Clamp.apply(this, Double.NaN, max);
    }

    /** Elementwise maximum ({@code torch.maximum}); broadcasts. */
    public Tensor maximum(Tensor other) {
        return Arithmetic.maximum(this, other);
    }

    /** Elementwise minimum ({@code torch.minimum}); broadcasts. */
    public Tensor minimum(Tensor other) {
        return Arithmetic.minimum(this, other);
    }

    /** {@code value} where the bool {@code mask} is true, else this tensor's value; the mask broadcasts ({@code masked_fill}). */
    public Tensor maskedFill(Tensor mask, double value) {
        return MaskedFill.apply(this, mask, value);
    }

    // ---------------------------------------------------------------- comparisons (bool results, no grad)

    public Tensor eq(Tensor other) {
        return Compare.apply(Compare.Kind.EQ, this, other);
    }

    public Tensor eq(double other) {
        return Compare.apply(Compare.Kind.EQ, this, other);
    }

    public Tensor ne(Tensor other) {
        return Compare.apply(Compare.Kind.NE, this, other);
    }

    public Tensor ne(double other) {
        return Compare.apply(Compare.Kind.NE, this, other);
    }

    public Tensor lt(Tensor other) {
        return Compare.apply(Compare.Kind.LT, this, other);
    }

    public Tensor lt(double other) {
        return Compare.apply(Compare.Kind.LT, this, other);
    }

    public Tensor le(Tensor other) {
        return Compare.apply(Compare.Kind.LE, this, other);
    }

    public Tensor le(double other) {
        return Compare.apply(Compare.Kind.LE, this, other);
    }

    public Tensor gt(Tensor other) {
        return Compare.apply(Compare.Kind.GT, this, other);
    }

    public Tensor gt(double other) {
        return Compare.apply(Compare.Kind.GT, this, other);
    }

    public Tensor ge(Tensor other) {
        return Compare.apply(Compare.Kind.GE, this, other);
    }

    public Tensor ge(double other) {
        return Compare.apply(Compare.Kind.GE, this, other);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-dim). */
    public Tensor sum() {
        return Summation.sum(this, null, false);
    }

    public Tensor sum(int dim) {
        return Summation.sum(this, new int[] {dim}, false);
    }

    public Tensor sum(int dim, boolean keepDim) {
        return Summation.sum(this, new int[] {dim}, keepDim);
    }

    /** Sum over several dims. */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Summation.sum(this, dims, keepDim);
    }

    /** Mean of all elements (0-dim). */
    public Tensor mean() {
        return Summation.mean(this, null, false);
    }

    public Tensor mean(int dim) {
        return Summation.mean(this, new int[] {dim}, false);
    }

    public Tensor mean(int dim, boolean keepDim) {
        return Summation.mean(this, new int[] {dim}, keepDim);
    }

    public Tensor mean(int[] dims, boolean keepDim) {
        return Summation.mean(this, dims, keepDim);
    }

    /** Largest element (0-dim); the gradient goes to the largest elements equally. */
    public Tensor max() {
        return MaxMin.all(this, true);
    }

    /** Smallest element (0-dim). */
    public Tensor min() {
        return MaxMin.all(this, false);
    }

    /** Largest values along {@code dim} and their indices ({@code torch.max(x, dim)}). */
    public ValuesAndIndices max(int dim, boolean keepDim) {
        return MaxMin.alongDim(this, dim, keepDim, true);
    }

    /** Smallest values along {@code dim} and their indices ({@code torch.min(x, dim)}). */
    public ValuesAndIndices min(int dim, boolean keepDim) {
        return MaxMin.alongDim(this, dim, keepDim, false);
    }

    /** Largest values along {@code dim} ({@code torch.amax}). */
    public Tensor amax(int dim, boolean keepDim) {
        return max(dim, keepDim).values();
    }

    /** Smallest values along {@code dim} ({@code torch.amin}). */
    public Tensor amin(int dim, boolean keepDim) {
        return min(dim, keepDim).values();
    }

    /** Index of the largest element of the flattened tensor (int64, 0-dim). */
    public Tensor argmax() {
        return MaxMin.argAll(this, true);
    }

    /** Indices of the largest values along {@code dim} (int64). */
    public Tensor argmax(int dim, boolean keepDim) {
        return max(dim, keepDim).indices();
    }

    /** Index of the smallest element of the flattened tensor (int64, 0-dim). */
    public Tensor argmin() {
        return MaxMin.argAll(this, false);
    }

    /** Indices of the smallest values along {@code dim} (int64). */
    public Tensor argmin(int dim, boolean keepDim) {
        return min(dim, keepDim).indices();
    }

    /** Running sums along {@code dim} ({@code torch.cumsum}); integers sum as int64. */
    public Tensor cumsum(int dim) {
        return Cumsum.apply(this, dim);
    }

    /** {@code log Σ exp(x)} along {@code dim}, the dim removed. */
    public Tensor logsumexp(int dim) {
        return logsumexp(dim, false);
    }

    /** {@code log Σ exp(x)} along {@code dim}, computed stably ({@code torch.logsumexp}). */
    public Tensor logsumexp(int dim, boolean keepDim) {
        return LogSumExp.apply(this, new int[] {dim}, keepDim);
    }

    /** {@code log Σ exp(x)} over several dims. */
    public Tensor logsumexp(int[] dims, boolean keepDim) {
        return LogSumExp.apply(this, dims, keepDim);
    }

    /** Unbiased variance of all elements (0-dim), like {@code torch.var(x)}. */
    public Tensor var() {
        return Variance.var(this, null, 1, false);
    }

    /** Unbiased variance along {@code dim}, the dim removed ({@code x.var(dim)}). */
    public Tensor var(int dim) {
        return var(dim, true, false);
    }

    /** Variance along {@code dim}; {@code unbiased} divides by n-1, else by n. */
    public Tensor var(int dim, boolean unbiased, boolean keepDim) {
        return Variance.var(this, new int[] {dim}, unbiased ? 1 : 0, keepDim);
    }

    /** Variance over {@code dims} (null: all) dividing by {@code n - correction} ({@code torch.var(..., correction=c)}). */
    public Tensor var(int[] dims, double correction, boolean keepDim) {
        return Variance.var(this, dims, correction, keepDim);
    }

    /** Unbiased standard deviation of all elements (0-dim). */
    public Tensor std() {
        return Variance.std(this, null, 1, false);
    }

    /** Unbiased standard deviation along {@code dim}, the dim removed ({@code x.std(dim)}). */
    public Tensor std(int dim) {
        return std(dim, true, false);
    }

    /** Standard deviation along {@code dim}; {@code unbiased} divides by n-1, else by n. */
    public Tensor std(int dim, boolean unbiased, boolean keepDim) {
        return Variance.std(this, new int[] {dim}, unbiased ? 1 : 0, keepDim);
    }

    /** Standard deviation over {@code dims} (null: all) with {@code correction}. */
    public Tensor std(int[] dims, double correction, boolean keepDim) {
        return Variance.std(this, dims, correction, keepDim);
    }

    /**
     * {@code (Σ |x|^ord)^(1/ord)} over all elements ({@code torch.linalg.vector_norm}); {@code ord}
     * &gt; 0, {@code Double.POSITIVE_INFINITY} for the largest |x|.
     */
    public Tensor vectorNorm(double ord) {
        return VectorNorm.apply(this, ord, null, false);
    }

    /** Vector norm along {@code dim}. */
    public Tensor vectorNorm(double ord, int dim, boolean keepDim) {
        return VectorNorm.apply(this, ord, new int[] {dim}, keepDim);
    }

    /** Vector norm over {@code dims} (null: all). */
    public Tensor vectorNorm(double ord, int[] dims, boolean keepDim) {
        return VectorNorm.apply(this, ord, dims, keepDim);
    }

    /** The {@code k} largest values along the last dim, sorted, with indices ({@code torch.topk(x, k)}). */
    public ValuesAndIndices topk(int k) {
        return topk(k, -1, true);
    }

    /** The {@code k} largest values along {@code dim}, sorted, with indices ({@code torch.topk(x, k, dim)}). */
    public ValuesAndIndices topk(int k, int dim) {
        return topk(k, dim, true);
    }

    /** The {@code k} largest (or smallest) values along {@code dim}, sorted, with their int64 indices. */
    public ValuesAndIndices topk(int k, int dim, boolean largest) {
        Tensor[] r = TopK.apply(this, k, dim, largest);
        return new ValuesAndIndices(r[0], r[1]);
    }

    /** Values and int64 indices, as returned by {@code torch.max(x, dim)}. */
    public record ValuesAndIndices(Tensor values, Tensor indices) {}

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with PyTorch's {@code matmul} rules: 1-D·1-D dot, 2-D·2-D, 1-D operands promoted
     * and squeezed, batched operands with broadcast batch dims.
     */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }

    /** Strict 2-D matrix product ({@code torch.mm}). Shapes: [n, k] · [k, m] → [n, m]. */
    public Tensor mm(Tensor other) {
        return MatMul.mm(this, other);
    }

    /** The transpose of a ≤2-D tensor ({@code tensor.t()}). */
    public Tensor t() {
        if (dim() > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + dim() + "D");
        return dim() < 2 ? this : transpose(0, 1);
    }

    // ---------------------------------------------------------------- views and shape

    /** A view with dims {@code dim0} and {@code dim1} swapped. */
    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** A view with dims reordered. */
    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    /** A view with a new shape (one dim may be -1); fails when strides do not allow a view. */
    public Tensor view(int... shape) {
        return Views.view(this, shape);
    }

    /** A view with a new shape when possible, else a copy. */
    public Tensor reshape(int... shape) {
        return Views.reshape(this, shape);
    }

    /** Flattens all dims into one. */
    public Tensor flatten() {
        return Views.flatten(this, 0, -1);
    }

    /** Flattens dims {@code startDim..endDim} into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    /** Splits dim {@code dim} into {@code sizes} (one may be -1), as a view ({@code tensor.unflatten}). */
    public Tensor unflatten(int dim, int... sizes) {
        return Views.unflatten(this, dim, sizes);
    }

    /** Removes all size-1 dims. */
    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    /** Removes {@code dim} if it has size 1. */
    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    /** Inserts a size-1 dim at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /** A view stretching size-1 dims to {@code shape} (-1 keeps a dim). */
    public Tensor expand(int... shape) {
        return Views.expand(this, shape);
    }

    /** A view of {@code length} entries of {@code dim} starting at {@code start}. */
    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    /** A view of entries {@code start, start+step, ...} below {@code end} along {@code dim}, like {@code x[start:end:step]}. */
    public Tensor slice(int dim, int start, int end, int step) {
        return Views.slice(this, dim, start, end, step);
    }

    /** A view of entry {@code index} of {@code dim}, with that dim removed ({@code x[index]}). */
    public Tensor select(int dim, int index) {
        return Views.select(this, dim, index);
    }

    /** A contiguous tensor with the same values (this tensor when already contiguous). */
    public Tensor contiguous() {
        return isContiguous() ? this : Copy.clone(this);
    }

    /** A copy with its own storage; gradients flow back to this tensor. */
    @Override
    public Tensor clone() {
        return Copy.clone(this);
    }

    /** Entries of {@code dim} at {@code index} (int64, 1-D) ({@code torch.index_select}). */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(this, dim, index);
    }

    /** Values picked along {@code dim} by {@code index} ({@code torch.gather}); index has this rank. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy converted to {@code dtype} (this tensor when it already has it). */
    public Tensor to(DType dtype) {
        return dtype == dtype() ? this : Copy.convert(this, dtype);
    }

    /** Converts to float32. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** Converts to float64. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** Converts to int64 (floats truncate toward zero). */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    // ---------------------------------------------------------------- in place (no graph)

    /** {@code this += other} in place; broadcasts {@code other}. Returns this. */
    public Tensor addInPlace(Tensor other) {
        InPlace.add(this, other, 1);
        return this;
    }

    /** {@code this += alpha * other} in place. Returns this. */
    public Tensor addInPlace(Tensor other, double alpha) {
        InPlace.add(this, other, alpha);
        return this;
    }

    /** {@code this += value} in place. Returns this. */
    public Tensor addInPlace(double value) {
        InPlace.add(this, value);
        return this;
    }

    /** {@code this -= value} in place. Returns this. */
    public Tensor subInPlace(double value) {
        InPlace.add(this, -value);
        return this;
    }

    /** {@code this /= value} in place (float tensors). Returns this. */
    public Tensor divInPlace(double value) {
        InPlace.div(this, value);
        return this;
    }

    /** Sets elements to {@code value} where the bool {@code mask} is true ({@code masked_fill_}); the mask broadcasts. Returns this. */
    public Tensor maskedFillInPlace(Tensor mask, double value) {
        MaskedFill.applyInPlace(this, mask, value);
        return this;
    }

    /** {@code this -= other} in place. Returns this. */
    public Tensor subInPlace(Tensor other) {
        InPlace.add(this, other, -1);
        return this;
    }

    /** {@code this *= value} in place. Returns this. */
    public Tensor mulInPlace(double value) {
        InPlace.mul(this, value);
        return this;
    }

    /** {@code this *= other} in place; broadcasts {@code other}. Returns this. */
    public Tensor mulInPlace(Tensor other) {
        InPlace.mul(this, other);
        return this;
    }

    /** Sets every element to {@code value}. Returns this. */
    public Tensor fillInPlace(double value) {
        InPlace.fill(this, value);
        return this;
    }

    /** Sets every element to zero ({@code zero_()}). Returns this. */
    public Tensor zeroInPlace() {
        InPlace.fill(this, 0);
        return this;
    }

    /** Copies {@code source}'s values into this tensor ({@code copy_}); broadcasts, converts dtype. Returns this. */
    public Tensor copyInPlace(Tensor source) {
        InPlace.copy(this, source);
        return this;
    }

    /** Refills with uniform values in {@code [from, to)} from {@code generator} ({@code uniform_}). Returns this. */
    public Tensor uniformInPlace(double from, double to, Generator generator) {
        RandomFill.uniformInPlace(this, from, to, generator);
        return this;
    }

    /** Refills with normal values from {@code generator} ({@code normal_}). Returns this. */
    public Tensor normalInPlace(double mean, double std, Generator generator) {
        RandomFill.normalInPlace(this, mean, std, generator);
        return this;
    }

    // ---------------------------------------------------------------- printing

    /** PyTorch's format, e.g. {@code tensor([[1.0000, 2.5000]], requires_grad=True)}. */
    @Override
    public String toString() {
        return TensorFormatter.format(this);
    }
}
