package org.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;

class RandomSplitTest {
    private byte[] savedDefaultState;

    @BeforeEach
    void saveDefaultGenerator() {
        savedDefaultState = Generator.defaultGenerator().state();
    }

    @AfterEach
    void restoreDefaultGenerator() {
        Generator.defaultGenerator().setState(savedDefaultState);
    }

    private static Dataset<Integer> range(int n) {
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Integer get(int index) {
                return index;
            }
        };
    }

    private static int[][] indices(List<? extends Subset<?>> subsets) {
        return subsets.stream().map(Subset::indices).toArray(int[][]::new);
    }

    // Literal results of Debian's python3-torch 1.13.1, e.g.
    //   [list(s.indices) for s in random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))]

    @Test
    void lengthsGivePyTorchsSplit() {
        assertArrayEquals(new int[][] {{2, 6, 1}, {8, 4, 5, 0, 9, 3, 7}},
                indices(RandomSplit.randomSplit(range(10), new int[] {3, 7}, new Generator(42))));
    }

    @Test
    void fractionsGivePyTorchsSplit() {
        assertArrayEquals(new int[][] {
                        {12, 0, 6, 25, 8, 15, 10, 18, 16},
                        {23, 28, 26, 20, 7, 21, 22, 29, 13},
                        {14, 2, 4, 1, 9, 11, 17, 19, 27, 5, 24, 3}},
                indices(RandomSplit.randomSplit(range(30), new double[] {0.3, 0.3, 0.4}, new Generator(42))));
        // floor(2.5) = 2 twice and 5: the one sample left over goes to the first split.
        assertArrayEquals(new int[][] {{5, 6, 1}, {2, 0}, {8, 9, 3, 7, 4}},
                indices(RandomSplit.randomSplit(range(10), new double[] {0.25, 0.25, 0.5}, new Generator(1))));
    }

    @Test
    void defaultGeneratorIsUsedWhenNoneIsGiven() {
        // torch.manual_seed(5); random_split(range(6), [2, 4])
        Kindling.manualSeed(5);
        assertArrayEquals(new int[][] {{5, 0}, {1, 3, 4, 2}}, indices(RandomSplit.randomSplit(range(6), new int[] {2, 4})));
        Kindling.manualSeed(5);
        assertArrayEquals(new int[][] {{5, 0, 1}, {3, 4, 2}},
                indices(RandomSplit.randomSplit(range(6), new double[] {0.5, 0.5})));
    }

    @Test
    void splitsAreConsecutiveSlicesOfOneRandperm() {
        for (long seed : new long[] {0, 7, 1L << 33}) {
            int[] lengths = {0, 13, 1, 86};
            List<Subset<Integer>> subsets = RandomSplit.randomSplit(range(100), lengths, new Generator(seed));
            Generator reference = new Generator(seed);
            long[] perm = reference.randperm(100);
            int offset = 0;
            for (int k = 0; k < lengths.length; k++) {
                int[] expected = new int[lengths[k]];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (int) perm[offset + i];
                }
                offset += lengths[k];
                assertArrayEquals(expected, subsets.get(k).indices(), "seed " + seed + " split " + k);
            }
        }
    }

    @Test
    void generatorAdvancesByOneRandperm() {
        Generator g = new Generator(3);
        RandomSplit.randomSplit(range(50), new int[] {25, 25}, g);
        Generator reference = new Generator(3);
        reference.randperm(50);
        assertArrayEquals(reference.state(), g.state());
    }

    @Test
    void fractionLengthsFollowPyTorch() {
        assertArrayEquals(new int[] {2, 2, 3, 4}, RandomSplit.lengthsOf(new double[] {0.1, 0.2, 0.3, 0.4}, 11));
        assertArrayEquals(new int[] {354, 88}, RandomSplit.lengthsOf(new double[] {0.8, 0.2}, 442));
        // These sums round to 1.0 and 0.9999999999999999; PyTorch accepts both.
        assertArrayEquals(new int[] {4, 3, 3}, RandomSplit.lengthsOf(new double[] {0.33, 0.33, 0.34}, 10));
        double[] tenths = new double[10];
        Arrays.fill(tenths, 0.1);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, RandomSplit.lengthsOf(tenths, 10));
        assertArrayEquals(new int[] {0, 1}, RandomSplit.lengthsOf(new double[] {0, 1}, 1));
    }

    @Test
    void badLengthsAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomSplit.randomSplit(range(10), new int[] {3, 6}, new Generator(0)));
        assertEquals("randomSplit: the lengths [3, 6] sum to 9, but the dataset has 10 samples", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RandomSplit.randomSplit(range(10), new int[] {11, -1}, new Generator(0)));
        assertEquals("randomSplit: length at index 1 is negative (-1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RandomSplit.randomSplit(range(10), new double[] {0.5, 0.6}, new Generator(0)));
        assertEquals("randomSplit: the fractions [0.5, 0.6] sum to 1.1, not 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RandomSplit.randomSplit(range(10), new double[] {1.5, -0.5}, new Generator(0)));
        assertEquals("randomSplit: fraction at index 0 is not between 0 and 1 (1.5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomSplit.randomSplit(range(10), new double[0], new Generator(0)));
    }

    @Test
    void splitsOfATensorDatasetAreSubsetsOfIt() {
        TensorDataset data = new TensorDataset(Tensor.arange(0, 20, 1).reshape(10, 2));
        List<Subset<Tensor[]>> parts = RandomSplit.randomSplit(data, new double[] {0.7, 0.3}, new Generator(0));
        assertEquals(7, parts.get(0).size());
        assertEquals(3, parts.get(1).size());
        int i = parts.get(1).index(0);
        assertArrayEquals(new float[] {2 * i, 2 * i + 1}, parts.get(1).get(0)[0].toFloatArray());
    }
}
