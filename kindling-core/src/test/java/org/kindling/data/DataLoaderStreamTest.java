package org.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Tensor;

/** DataLoader over an IterableDataset: PyTorch's batching in iteration order, no sampler. */
class DataLoaderStreamTest {
    /** Samples {i, 10 i} for i in [0, n), counting the passes started. */
    static final class Counting implements IterableDataset<Tensor[]> {
        final int n;
        int passes;

        Counting(int n) {
            this.n = n;
        }

        @Override
        public Iterator<Tensor[]> iterator() {
            passes++;
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < n;
                }

                @Override
                public Tensor[] next() {
                    int k = i++;
                    return new Tensor[] {Tensor.of((float) k), Tensor.of(10f * k)};
                }
            };
        }
    }

    private static List<float[]> firsts(DataLoader<Tensor[]> loader) {
        List<float[]> out = new ArrayList<>();
        for (Tensor[] b : loader) out.add(b[0].reshape(-1).toFloatArray());
        return out;
    }

    @Test
    void batchesConsecutiveSamplesAndKeepsOrDropsTheLastOne() {
        Counting data = new Counting(7);
        List<float[]> kept = firsts(new DataLoader<>(data, DataLoader.options().batchSize(3)));
        assertEquals(3, kept.size());
        assertArrayEquals(new float[] {0, 1, 2}, kept.get(0));
        assertArrayEquals(new float[] {6}, kept.get(2));
        List<float[]> dropped = firsts(new DataLoader<>(data, DataLoader.options().batchSize(3).dropLast(true)));
        assertEquals(2, dropped.size());
        assertArrayEquals(new float[] {3, 4, 5}, dropped.get(1));
        assertEquals(2, data.passes, "one pass per epoch");
    }

    @Test
    void eachEpochDrawsTheBaseSeedAsPyTorchDoes() {
        Generator g = new Generator(5);
        Generator expected = new Generator(5);
        DataLoader<Tensor[]> loader = new DataLoader<>(new Counting(4), DataLoader.options().batchSize(2).generator(g));
        for (int epoch = 0; epoch < 3; epoch++) {
            firsts(loader);
            expected.nextLong63(); // _base_seed, and nothing else: no sampler
            assertArrayEquals(expected.state(), g.state(), "epoch " + epoch);
        }
    }

    @Test
    void refusesShuffleAndAnUnknownLength() {
        assertThrows(IllegalArgumentException.class,
                () -> new DataLoader<>(new Counting(3), DataLoader.options().shuffle(true)));
        DataLoader<Tensor[]> loader = new DataLoader<>(new Counting(3), DataLoader.options());
        assertThrows(UnsupportedOperationException.class, loader::size);
    }
}
