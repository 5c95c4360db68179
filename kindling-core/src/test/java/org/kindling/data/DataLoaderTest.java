package org.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;

class DataLoaderTest {
    private byte[] savedDefaultState;

    @BeforeEach
    void saveDefaultGenerator() {
        savedDefaultState = Generator.defaultGenerator().state();
    }

    @AfterEach
    void restoreDefaultGenerator() {
        Generator.defaultGenerator().setState(savedDefaultState);
    }

    /** A data set whose only tensor holds 0..n-1, so a batch is the list of sampled indices. */
    private static TensorDataset indices(int n) {
        return new TensorDataset(Tensor.arange(n));
    }

    private static long[][] epoch(DataLoader<Tensor[]> loader) {
        List<long[]> batches = new ArrayList<>();
        for (Tensor[] batch : loader) {
            batches.add(batch[0].toLongArray());
        }
        return batches.toArray(long[][]::new);
    }

    private static DataLoader<Tensor[]> shuffled(int n, int batchSize, boolean dropLast, Generator g) {
        return new DataLoader<>(indices(n), DataLoader.options().batchSize(batchSize).shuffle(true).dropLast(dropLast).generator(g));
    }

    // ---------------------------------------------------------------- literal PyTorch 1.13.1 results
    // Produced with Debian's python3-torch 1.13.1 (the build of the parity fixtures), e.g.
    //   g = torch.Generator().manual_seed(0)
    //   loader = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True, generator=g)
    //   [[x.tolist() for (x,) in loader] for _ in range(3)]
    //   torch.empty((), dtype=torch.int64).random_(generator=g).item()   # the draw after the loops

    @Test
    void seededGeneratorGivesPyTorchsOrderForThreeEpochs() {
        Generator g = new Generator(0);
        DataLoader<Tensor[]> loader = shuffled(10, 4, false, g);
        long[][][] expected = {
                {{3, 7, 5, 2}, {0, 8, 1, 6}, {9, 4}},
                {{1, 3, 2, 7}, {5, 9, 0, 6}, {4, 8}},
                {{6, 8, 5, 7}, {2, 4, 1, 0}, {3, 9}}};
        for (long[][] e : expected) {
            assertArrayEquals(e, epoch(loader));
        }
        assertEquals(4880189657833503230L, g.nextLong63(), "generator state after three epochs");
    }

    @Test
    void defaultGeneratorGivesPyTorchsOrderAfterManualSeed() {
        // torch.manual_seed(0); DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True)
        Kindling.manualSeed(0);
        DataLoader<Tensor[]> loader = new DataLoader<>(indices(10), 4, true);
        long[][][] expected = {
                {{6, 7, 1, 4}, {2, 0, 9, 8}, {3, 5}},
                {{2, 4, 7, 0}, {8, 9, 5, 3}, {6, 1}},
                {{7, 4, 5, 1}, {9, 3, 8, 2}, {0, 6}}};
        for (long[][] e : expected) {
            assertArrayEquals(e, epoch(loader));
        }
        assertEquals(8072059273656089175L, Generator.defaultGenerator().nextLong63());
    }

    @Test
    void dropLastGivesPyTorchsOrder() {
        Generator g = new Generator(42);
        DataLoader<Tensor[]> loader = shuffled(10, 4, true, g);
        assertArrayEquals(new long[][] {{6, 5, 4, 0}, {8, 9, 2, 1}}, epoch(loader));
        assertArrayEquals(new long[][] {{3, 6, 5, 8}, {9, 4, 2, 0}}, epoch(loader));
        assertEquals(2063321781277379070L, g.nextLong63());
    }

    @Test
    void droppingTheOnlyBatchStillConsumesTheGeneratorLikePyTorch() {
        Generator g = new Generator(7);
        DataLoader<Tensor[]> loader = shuffled(3, 4, true, g);
        assertEquals(0, loader.size());
        assertEquals(0, epoch(loader).length);
        assertEquals(0, epoch(loader).length);
        assertEquals(20668929189138777L, g.nextLong63());
    }

    @Test
    void extraPermutationIsDrawnWhereThePyTorchSamplerDrawsIt() {
        // for (x,) in DataLoader(..., batch_size=bs, shuffle=True, generator=g): draw from g after each batch
        long[] draws = {345839747989920761L, 749504818045640330L, 2751222150843076122L, 5137183656684127706L};
        // Full last batch: the extra randperm comes when the loop ends, after the in-loop draws.
        Generator g = new Generator(3);
        List<Long> seen = new ArrayList<>();
        List<long[]> batches = new ArrayList<>();
        for (Tensor[] batch : shuffled(10, 5, false, g)) {
            batches.add(batch[0].toLongArray());
            seen.add(g.nextLong63());
        }
        assertArrayEquals(new long[][] {{7, 4, 2, 9, 1}, {5, 0, 8, 6, 3}}, batches.toArray(long[][]::new));
        assertEquals(List.of(draws[0], draws[1]), seen);
        assertEquals(draws[2], g.nextLong63());
        // Partial last batch: the extra randperm comes before that batch is returned.
        g = new Generator(3);
        seen.clear();
        batches.clear();
        for (Tensor[] batch : shuffled(10, 4, false, g)) {
            batches.add(batch[0].toLongArray());
            seen.add(g.nextLong63());
        }
        assertArrayEquals(new long[][] {{7, 4, 2, 9}, {1, 5, 0, 8}, {6, 3}}, batches.toArray(long[][]::new));
        assertEquals(List.of(draws[0], draws[1], draws[2]), seen);
        assertEquals(draws[3], g.nextLong63());
    }

    @Test
    void sequentialLoaderStillDrawsTheBaseSeedEachEpoch() {
        // torch.manual_seed(0); two epochs of DataLoader(TensorDataset(torch.arange(5)), batch_size=2)
        Kindling.manualSeed(0);
        DataLoader<Tensor[]> loader = new DataLoader<>(indices(5), 2, false);
        for (int e = 0; e < 2; e++) {
            assertArrayEquals(new long[][] {{0, 1}, {2, 3}, {4}}, epoch(loader));
        }
        assertEquals(1895649597198586619L, Generator.defaultGenerator().nextLong63());
    }

    @Test
    void diabetesSizedEpochsMatchPyTorch() {
        Generator g = new Generator(0);
        DataLoader<Tensor[]> loader = shuffled(442, 32, false, g);
        long[][] first = epoch(loader);
        long[][] second = epoch(loader);
        assertEquals(14, first.length);
        assertEquals(26, first[13].length);
        assertArrayEquals(new long[] {131, 367, 285, 34, 407, 280, 287, 310, 395, 414, 286, 202, 330, 195, 114, 248},
                Arrays.copyOf(first[0], 16));
        assertArrayEquals(new long[] {260, 356, 159, 333, 256, 151, 175, 321, 334, 436, 412, 328, 416, 30, 153, 149},
                Arrays.copyOf(second[0], 16));
        assertEquals(5452679830975732000L, g.nextLong63());
    }

    // ---------------------------------------------------------------- the documented algorithm, re-derived

    /**
     * Expected epochs from docs/pytorch-semantics.md in this repository ("DataLoader order", which
     * follows PyTorch's RandomSampler and BatchSampler), using only Generator primitives.
     */
    private static long[][][] expectedWithGenerator(long seed, int n, int batchSize, boolean dropLast, int epochs) {
        Generator g = new Generator(seed);
        long[][][] out = new long[epochs][][];
        for (int e = 0; e < epochs; e++) {
            g.nextLong63(); // _base_seed
            long[] perm = g.randperm(n); // RandomSampler with the loader's generator
            g.randperm(n); // the num_samples % n tail: randperm(n)[:0]
            out[e] = slices(perm, batchSize, dropLast);
        }
        return out;
    }

    private static long[][] slices(long[] perm, int batchSize, boolean dropLast) {
        int n = perm.length;
        int count = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        long[][] batches = new long[count][];
        for (int b = 0; b < count; b++) {
            batches[b] = Arrays.copyOfRange(perm, b * batchSize, Math.min(n, (b + 1) * batchSize));
        }
        return batches;
    }

    @Test
    void seededOrderFollowsTheDocumentedDrawsForManyShapes() {
        int[][] cases = {{1, 1}, {2, 1}, {7, 3}, {16, 4}, {17, 4}, {100, 7}, {442, 32}, {1000, 1000}, {5, 8}};
        for (int[] c : cases) {
            for (boolean dropLast : new boolean[] {false, true}) {
                for (long seed : new long[] {0, 1, 12345, 1L << 40}) {
                    Generator g = new Generator(seed);
                    DataLoader<Tensor[]> loader = shuffled(c[0], c[1], dropLast, g);
                    long[][][] expected = expectedWithGenerator(seed, c[0], c[1], dropLast, 3);
                    for (int e = 0; e < 3; e++) {
                        assertArrayEquals(expected[e], epoch(loader), "n=" + c[0] + " bs=" + c[1] + " dropLast=" + dropLast
                                + " seed=" + seed + " epoch " + e);
                    }
                }
            }
        }
    }

    @Test
    void defaultGeneratorOrderFollowsTheDocumentedDraws() {
        for (long seed : new long[] {0, 3, 99}) {
            Kindling.manualSeed(seed);
            DataLoader<Tensor[]> loader = new DataLoader<>(indices(23), 5, true);
            long[][][] actual = {epoch(loader), epoch(loader)};
            Generator reference = new Generator(seed);
            for (int e = 0; e < 2; e++) {
                reference.nextLong63(); // _base_seed from the default generator
                long samplerSeed = reference.nextLong63(); // RandomSampler's seed
                long[] perm = new Generator(samplerSeed).randperm(23);
                assertArrayEquals(slices(perm, 5, false), actual[e], "seed " + seed + " epoch " + e);
            }
            assertEquals(reference.nextLong63(), Generator.defaultGenerator().nextLong63(), "default generator in step");
        }
    }

    @Test
    void iteratorDrawsOnlyTheBaseSeedUntilTheFirstBatch() {
        Generator g = new Generator(11);
        Generator reference = new Generator(11);
        DataLoader<Tensor[]> loader = shuffled(9, 2, false, g);
        Iterator<Tensor[]> it = loader.iterator();
        assertTrue(it.hasNext());
        reference.nextLong63();
        assertArrayEquals(reference.state(), g.state(), "iterator() and hasNext() draw only _base_seed");
        it.next();
        reference.randperm(9);
        assertArrayEquals(reference.state(), g.state(), "the first batch draws the permutation");
    }

    @Test
    void anEpochLeftEarlySkipsTheTrailingPermutation() {
        Generator g = new Generator(5);
        Generator reference = new Generator(5);
        Iterator<Tensor[]> it = shuffled(8, 4, false, g).iterator();
        it.next();
        it.next();
        reference.nextLong63();
        reference.randperm(8);
        assertArrayEquals(reference.state(), g.state());
        assertFalse(it.hasNext());
        reference.randperm(8);
        assertArrayEquals(reference.state(), g.state(), "hasNext() == false ends the sampler as PyTorch's loop does");
        assertFalse(it.hasNext());
        assertArrayEquals(reference.state(), g.state(), "only once");
        assertThrows(NoSuchElementException.class, it::next);
    }

    // ---------------------------------------------------------------- batches

    @Test
    void everyIndexAppearsOnceAndBatchSizesAreRight() {
        for (int n : new int[] {1, 9, 10, 31, 64}) {
            for (int bs : new int[] {1, 3, 10, 64}) {
                DataLoader<Tensor[]> loader = shuffled(n, bs, false, new Generator(n * 100L + bs));
                long[][] batches = epoch(loader);
                assertEquals((n + bs - 1) / bs, batches.length);
                assertEquals(loader.size(), batches.length);
                int[] seen = new int[n];
                for (int b = 0; b < batches.length; b++) {
                    int expectedSize = b < batches.length - 1 || n % bs == 0 ? bs : n % bs;
                    assertEquals(expectedSize, batches[b].length, "n=" + n + " bs=" + bs + " batch " + b);
                    for (long i : batches[b]) {
                        seen[(int) i]++;
                    }
                }
                int[] once = new int[n];
                Arrays.fill(once, 1);
                assertArrayEquals(once, seen, "n=" + n + " bs=" + bs);
            }
        }
    }

    @Test
    void dropLastDropsOnlyThePartialBatch() {
        DataLoader<Tensor[]> loader = shuffled(10, 3, true, new Generator(2));
        long[][] batches = epoch(loader);
        assertEquals(3, loader.size());
        assertEquals(3, batches.length);
        long distinct = Arrays.stream(batches).flatMapToLong(Arrays::stream).distinct().count();
        assertEquals(9, distinct);
        for (long[] b : batches) {
            assertEquals(3, b.length);
        }
        assertEquals(4, new DataLoader<>(indices(12), DataLoader.options().batchSize(3).dropLast(true)).size());
        assertEquals(4, new DataLoader<>(indices(10), 3, false).size());
        assertEquals(0, new DataLoader<>(indices(0), 3, false).size());
    }

    @Test
    void epochsDifferAndSeedsReproduce() {
        DataLoader<Tensor[]> a = shuffled(50, 8, false, new Generator(9));
        DataLoader<Tensor[]> b = shuffled(50, 8, false, new Generator(9));
        long[][] a1 = epoch(a);
        long[][] a2 = epoch(a);
        assertFalse(Arrays.deepEquals(a1, a2), "two epochs gave the same order");
        assertArrayEquals(a1, epoch(b));
        assertArrayEquals(a2, epoch(b));
        assertFalse(Arrays.deepEquals(a1, epoch(shuffled(50, 8, false, new Generator(10)))));
    }

    @Test
    void sequentialLoaderKeepsDatasetOrder() {
        DataLoader<Tensor[]> loader = new DataLoader<>(indices(7), DataLoader.options().batchSize(3).generator(new Generator(1)));
        assertArrayEquals(new long[][] {{0, 1, 2}, {3, 4, 5}, {6}}, epoch(loader));
        assertArrayEquals(new long[][] {{0, 1, 2}, {3, 4, 5}, {6}}, epoch(loader));
    }

    @Test
    void batchesGatherTheSameRowsOfEveryTensorAsCopies() {
        Tensor x = Tensor.arange(0, 24, 1).reshape(6, 4);
        Tensor y = Tensor.arange(100, 106, 1).reshape(6, 1);
        TensorDataset data = new TensorDataset(x, y);
        DataLoader<Tensor[]> loader = new DataLoader<>(data, DataLoader.options().batchSize(4).shuffle(true).generator(new Generator(4)));
        int batches = 0;
        for (Tensor[] batch : loader) {
            assertEquals(2, batch.length);
            int rows = batch[0].size(0);
            assertArrayEquals(new int[] {rows, 4}, batch[0].shape());
            assertArrayEquals(new int[] {rows, 1}, batch[1].shape());
            for (int r = 0; r < rows; r++) {
                int i = (int) batch[1].get(r, 0) - 100;
                for (int c = 0; c < 4; c++) {
                    assertEquals(x.get(i, c), batch[0].get(r, c));
                }
            }
            batch[0].fillInPlace(-1);
            batches++;
        }
        assertEquals(2, batches);
        assertEquals(23.0, x.get(5, 3), "writing into a batch must not change the dataset");
    }

    @Test
    void subsetsOfTensorDatasetsBatchThroughTheirIndices() {
        Tensor x = Tensor.arange(0, 40, 1).reshape(20, 2);
        TensorDataset data = new TensorDataset(x, Tensor.arange(20));
        Subset<Tensor[]> outer = new Subset<>(data, new int[] {19, 3, 4, 5, 0, 7, 11});
        Subset<Tensor[]> inner = new Subset<>(outer, new int[] {6, 0, 2, 2});
        DataLoader<Tensor[]> loader = new DataLoader<>(inner, 3, false);
        List<long[]> rows = new ArrayList<>();
        for (Tensor[] batch : loader) {
            rows.add(batch[1].toLongArray());
            for (int r = 0; r < batch[0].size(0); r++) {
                assertEquals(2.0 * batch[1].get(r), batch[0].get(r, 0));
            }
        }
        assertArrayEquals(new long[][] {{11, 19, 4}, {4}}, rows.toArray(long[][]::new));
    }

    @Test
    void genericDatasetsCollateLikeTensorDatasets() {
        Tensor x = Tensor.arange(0, 30, 1).reshape(10, 3);
        Tensor y = Tensor.arange(10);
        TensorDataset fast = new TensorDataset(x, y);
        Dataset<Tensor[]> slow = new Dataset<>() {
            @Override
            public int size() {
                return 10;
            }

            @Override
            public Tensor[] get(int index) {
                return fast.get(index);
            }
        };
        DataLoader<Tensor[]> a = new DataLoader<>(fast, DataLoader.options().batchSize(4).shuffle(true).generator(new Generator(8)));
        DataLoader<Tensor[]> b = new DataLoader<>(slow, DataLoader.options().batchSize(4).shuffle(true).generator(new Generator(8)));
        Iterator<Tensor[]> ib = b.iterator();
        for (Tensor[] batch : a) {
            Tensor[] other = ib.next();
            assertArrayEquals(batch[0].shape(), other[0].shape());
            assertTrue(batch[0].equalValues(other[0]));
            assertTrue(batch[1].equalValues(other[1]));
        }
        assertFalse(ib.hasNext());

        Dataset<Tensor> single = new Dataset<>() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public Tensor get(int index) {
                return Tensor.of((float) index, (float) index * index);
            }
        };
        List<Tensor> stacked = new ArrayList<>();
        new DataLoader<>(single, 2, false).forEach(stacked::add);
        assertEquals(3, stacked.size());
        assertArrayEquals(new int[] {2, 2}, stacked.get(0).shape());
        assertArrayEquals(new float[] {2, 4, 3, 9}, stacked.get(1).toFloatArray());
        assertArrayEquals(new int[] {1, 2}, stacked.get(2).shape());
    }

    @Test
    void customCollateReceivesSamplesInOrder() {
        Dataset<String> words = new Dataset<>() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public String get(int index) {
                return "w" + index;
            }
        };
        DataLoader<String> loader = new DataLoader<>(words, DataLoader.options().batchSize(2), (List<String> s) -> String.join("+", s));
        List<String> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertEquals(List.of("w0+w1", "w2+w3", "w4"), batches);

        DataLoader<String> noCollate = new DataLoader<>(words, 2, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noCollate.iterator().next());
        assertEquals("DataLoader: the default collate handles Tensor and Tensor[] samples, got java.lang.String; "
                + "pass a collate function to the DataLoader constructor", e.getMessage());
    }

    @Test
    void mismatchedSampleShapesAreReported() {
        Dataset<Tensor> ragged = new Dataset<>() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public Tensor get(int index) {
                return Tensor.zeros(index + 1);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataLoader<>(ragged, 2, false).iterator().next());
        assertEquals("DataLoader: cannot stack the batch: sample 0 has shape [1], sample 1 has shape [2]", e.getMessage());
    }

    @Test
    void badSettingsFailEagerly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataLoader.options().batchSize(0));
        assertEquals("DataLoader: batchSize must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(indices(0), 4, true));
        assertTrue(e.getMessage().startsWith("DataLoader: cannot shuffle an empty dataset"), e.getMessage());
        assertEquals(0, epoch(new DataLoader<>(indices(0), 4, false)).length);
    }

    @Test
    void optionsAreCopiedAndReported() {
        Generator g = new Generator(1);
        DataLoader.Options options = DataLoader.options().batchSize(3).shuffle(true).dropLast(true).generator(g);
        DataLoader<Tensor[]> loader = new DataLoader<>(indices(10), options);
        options.batchSize(5).shuffle(false);
        assertEquals(3, loader.batchSize());
        assertTrue(loader.shuffle());
        assertTrue(loader.dropLast());
        assertEquals(g, loader.generator());
        assertEquals(3, loader.size());
        assertNotEquals(-1, loader.toString().indexOf("batchSize=3"));
        DataLoader<Tensor[]> defaults = new DataLoader<>(indices(3));
        assertEquals(1, defaults.batchSize());
        assertFalse(defaults.shuffle());
        assertFalse(defaults.dropLast());
        assertEquals(null, defaults.generator());
    }
}
