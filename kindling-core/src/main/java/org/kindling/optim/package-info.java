/**
 * Optimizers, like {@code torch.optim}: {@link org.kindling.optim.SGD}, {@link org.kindling.optim.Adam},
 * {@link org.kindling.optim.AdamW}, {@link org.kindling.optim.RMSprop} and {@link org.kindling.optim.Adagrad}
 * over parameter groups, with state dicts that resume training exactly.
 *
 * <pre>{@code
 * var optimizer = new SGD(model.parameters(), 0.01);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     Tensor loss = lossFn.forward(model.forward(x), y);
 *     optimizer.zeroGrad();
 *     loss.backward();
 *     optimizer.step();
 * }
 * }</pre>
 * The updates are PyTorch 1.13's single-tensor (CPU default) updates in ATen's operation order; on the shared
 * parity fixtures the float32 results are bit-identical to PyTorch's.
 */
package org.kindling.optim;
