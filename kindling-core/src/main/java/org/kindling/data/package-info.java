/**
 * Data loading in PyTorch's vocabulary ({@code torch.utils.data}): {@link org.kindling.data.Dataset},
 * {@link org.kindling.data.TensorDataset}, {@link org.kindling.data.Subset},
 * {@link org.kindling.data.RandomSplit#randomSplit}, {@link org.kindling.data.DataLoader} with PyTorch's
 * shuffle order for a seed, and {@link org.kindling.data.IterableDataset} for streams larger than memory
 * (a {@link org.kindling.data.RowBatchStream} hands the loader whole batches). CSV reading and feature standardization live in module
 * {@code kindling-tabular} ({@code org.kindling.tabular}), outside the engine.
 */
package org.kindling.data;
