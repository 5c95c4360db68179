/**
 * Data loading in PyTorch's vocabulary ({@code torch.utils.data}): {@link org.kindling.data.Dataset},
 * {@link org.kindling.data.TensorDataset}, {@link org.kindling.data.Subset},
 * {@link org.kindling.data.RandomSplit#randomSplit}, {@link org.kindling.data.DataLoader} with PyTorch's
 * shuffle order for a seed. CSV reading and feature standardization live in module
 * {@code kindling-tabular} ({@code org.kindling.tabular}), outside the engine.
 */
package org.kindling.data;
