/**
 * Data loading in PyTorch's vocabulary ({@code torch.utils.data}): {@link org.kindling.data.Dataset},
 * {@link org.kindling.data.TensorDataset}, {@link org.kindling.data.Subset},
 * {@link org.kindling.data.RandomSplit#randomSplit}, {@link org.kindling.data.DataLoader} with PyTorch's
 * shuffle order for a seed, plus CSV reading ({@link org.kindling.data.Csv}) and feature
 * standardization ({@link org.kindling.data.StandardScaler}).
 */
package org.kindling.data;
