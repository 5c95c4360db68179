package org.kindling.data;

import java.util.Iterator;
import org.kindling.Tensor;

/**
 * An {@link IterableDataset} of {@code Tensor[]} rows that can hand out whole batches at once: the
 * batches hold the same samples, in the same order, that {@link IterableDataset#iterator()} yields and
 * the default collate would stack, without a tensor per sample. {@link DataLoader} uses it when present.
 */
public interface RowBatchStream extends IterableDataset<Tensor[]> {
    /**
     * Starts one pass and returns its samples in batches of {@code batchSize} consecutive samples, each
     * field stacked along a new first dimension; the last batch may be smaller.
     */
    Iterator<Tensor[]> batches(int batchSize);
}
