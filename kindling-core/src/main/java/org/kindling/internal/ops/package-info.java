/**
 * The ops behind {@link org.kindling.Tensor}: one file per op family, holding the forward, the
 * backward node(s) it records, and the choice of kernel. Not exported; the public door is
 * {@code Tensor}, {@code nn.Functional} and the modules.
 *
 * <h2>Layers, and what each may touch</h2>
 * <pre>
 *   org.kindling (Tensor), nn, optim, data, io   public API: shapes, dtypes, errors in PyTorch's words
 *        │ calls
 *   internal.ops      this package: checks, type promotion, output allocation, graph recording
 *        │ calls                            (reads tensors through TensorAccess and Ops)
 *   internal.kernels  static loops over arrays with explicit offsets and strides; never sees a Tensor
 *        │            kernels.vector: the Vector API versions, reached only through kernels
 *   internal.storage  Storage (the array, version counter) and the buffer pool
 * </pre>
 * The backward engine ({@code org.kindling.autograd.Engine}) runs the nodes recorded here; each
 * node's backward is written with tensor ops or with the same kernels as its forward.
 *
 * <h2>Primitives (backward node, as PyTorch names it)</h2>
 * <table>
 *   <caption>ops and their backward nodes</caption>
 *   <tr><th>family</th><th>ops</th><th>backward nodes</th><th>kernels</th></tr>
 *   <tr><td>{@link Arithmetic}</td><td>add, sub, mul, div, maximum, minimum (broadcasting)</td>
 *       <td>AddBackward0, SubBackward0, MulBackward0, DivBackward0, MaximumBackward0, MinimumBackward0</td>
 *       <td>Binary (+ VectorElementwise)</td></tr>
 *   <tr><td>{@link Pointwise}</td><td>neg, exp, log, log1p, sqrt, abs, sign, relu, sigmoid, tanh, gelu (erf and tanh),
 *       leaky_relu, elu, silu, softplus, sin, cos</td>
 *       <td>NegBackward0 ... CosBackward0, Log1PBackward0, EluBackward0, SiluBackward0, SoftplusBackward0,
 *       GeluBackward0 (one node type, named per op)</td><td>Unary (+ VectorElementwise)</td></tr>
 *   <tr><td>{@link Pow}</td><td>pow with a number exponent; pow with a tensor exponent (broadcasting)</td>
 *       <td>PowBackward0, PowBackward1</td><td>PowKernels</td></tr>
 *   <tr><td>{@link Clamp}</td><td>clamp</td><td>ClampBackward1</td><td>-</td></tr>
 *   <tr><td>{@link Where}</td><td>where</td><td>WhereBackward0</td><td>-</td></tr>
 *   <tr><td>{@link MaskedFill}</td><td>masked_fill (and masked_fill_, no graph)</td><td>MaskedFillBackward0</td><td>-</td></tr>
 *   <tr><td>{@link Summation}</td><td>sum, mean (all or some dims)</td><td>SumBackward0, MeanBackward0</td><td>ReduceKernels</td></tr>
 *   <tr><td>{@link MaxMin}</td><td>max, min (all, or along a dim with indices), argmax, argmin</td>
 *       <td>MaxBackward1/MinBackward1, MaxBackward0/MinBackward0</td><td>ReduceKernels</td></tr>
 *   <tr><td>{@link Variance}</td><td>var, std (dims, correction, keepdim)</td><td>VarBackward0, StdBackward0</td><td>-</td></tr>
 *   <tr><td>{@link LogSumExp}</td><td>logsumexp</td><td>LogsumexpBackward0</td><td>-</td></tr>
 *   <tr><td>{@link VectorNorm}</td><td>linalg.vector_norm (ord &gt; 0, inf)</td><td>LinalgVectorNormBackward0</td><td>-</td></tr>
 *   <tr><td>{@link Cumsum}</td><td>cumsum</td><td>CumsumBackward0</td><td>ScanKernels</td></tr>
 *   <tr><td>{@link TopK}</td><td>topk (values and int64 indices)</td><td>TopkBackward0</td><td>-</td></tr>
 *   <tr><td>{@link SoftmaxOp}</td><td>softmax, log_softmax</td><td>SoftmaxBackward0, LogSoftmaxBackward0</td><td>-</td></tr>
 *   <tr><td>{@link MatMul}</td><td>mm, bmm (matmul composed from them and views)</td><td>MmBackward0, BmmBackward0</td><td>Gemm</td></tr>
 *   <tr><td>{@link Views}</td><td>reshape/view, flatten/unflatten, transpose/permute, squeeze/unsqueeze, expand, narrow/slice/select</td>
 *       <td>ViewBackward0, SqueezeBackward0/1, UnsqueezeBackward0, PermuteBackward0, TransposeBackward0,
 *       ExpandBackward0, SliceBackward0, SelectBackward0</td><td>Strided</td></tr>
 *   <tr><td>{@link Cat}</td><td>cat, stack</td><td>CatBackward0</td><td>-</td></tr>
 *   <tr><td>{@link Indexing}</td><td>index_select, gather</td><td>IndexSelectBackward0, GatherBackward0</td><td>-</td></tr>
 *   <tr><td>{@link Copy}</td><td>clone, to(dtype)</td><td>CloneBackward0, ToCopyBackward0</td><td>Strided</td></tr>
 *   <tr><td>{@link NllLoss}</td><td>nll_loss (cross-entropy is log_softmax then this)</td><td>NllLossBackward0</td><td>-</td></tr>
 *   <tr><td>{@link DropoutOp}</td><td>dropout, dropout2d (training mode)</td><td>MulBackward0 (by the mask)</td><td>Binary</td></tr>
 *   <tr><td>{@link Normalization}</td><td>batch_norm (training, with the running-statistics update, and evaluation), layer_norm</td>
 *       <td>NativeBatchNormBackward0, NativeLayerNormBackward0</td><td>NormKernels</td></tr>
 *   <tr><td>{@link Convolution}</td><td>conv1d, conv2d (stride, zero padding incl. "same"/"valid", dilation, groups;
 *       a 1-D convolution runs as a 2-D one of height 1; checks in {@code ConvChecks})</td>
 *       <td>ConvolutionBackward0</td><td>Im2colConvolution (Im2col, Gemm)</td></tr>
 *   <tr><td>{@link MaxPooling}</td><td>max_pool2d with indices (padding, dilation, ceil_mode)</td>
 *       <td>MaxPool2DWithIndicesBackward0</td><td>Pooling</td></tr>
 *   <tr><td>{@link AvgPooling}</td><td>avg_pool2d (ceil_mode, count_include_pad, divisor_override), adaptive_avg_pool2d</td>
 *       <td>AvgPool2DBackward0, AdaptiveAvgPool2DBackward0</td><td>Pooling</td></tr>
 *   <tr><td>{@link EmbeddingLookup}</td><td>embedding (padding_idx)</td><td>EmbeddingBackward0</td><td>EmbeddingRows</td></tr>
 * </table>
 * No gradient: {@link Compare} (eq, lt, ...), {@link Creation} and {@link RandomFill} (factories),
 * {@link InPlace} (add_, mul_, div_, fill_, copy_: refused on tensors that record), {@link Values}
 * (reading out). {@link Accumulate} adds gradients for the engine; {@link Ops} holds the helpers
 * every op shares; {@code PoolGeometry} gives the pooling windows' sizes and checks;
 * {@link ReducedRows} lays a tensor out as rows × reduced elements for the statistics reductions.
 *
 * <h2>Fused ops (same values and gradients as their parts)</h2>
 * <ul>
 *   <li>{@link LinearOp}: {@code x·Wᵀ + b} as one GEMM onto the bias rows (AddmmBackward0 /
 *       MmBackward0), and {@code relu(x·Wᵀ + b)} with the mask applied as the output is written and
 *       folded into the narrow weight-gradient kernel (ReluBackward0). {@code nn.Sequential} uses
 *       the second for a Linear followed by a ReLU. Kernels: LinearKernels, Gemm.
 *   <li>{@link Losses}: MSE, L1, smooth L1, Huber, BCE, BCE with logits, each one pass forward and
 *       one backward (MseLossBackward0, L1LossBackward0, ...); the reduced float32 MSE has its own
 *       vector kernel (LossKernels).
 *   <li>Optimizer updates ({@code optim}): one pass per parameter in OptimizerKernels.
 * </ul>
 */
package org.kindling.internal.ops;
