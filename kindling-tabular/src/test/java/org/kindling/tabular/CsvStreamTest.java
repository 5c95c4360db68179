package org.kindling.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.data.DataLoader;

/** The streaming CSV data set against the in-memory one. */
class CsvStreamTest {
    @TempDir
    Path dir;

    private Path write(int rows, boolean quoted) throws IOException {
        SplittableRandom r = new SplittableRandom(rows);
        StringBuilder s = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 4; c++) {
                String v = String.format(java.util.Locale.ROOT, "%.6g", r.nextGaussian());
                s.append(c > 0 ? "," : "").append(quoted && c == 1 ? "\"" + v + "\"" : v);
            }
            s.append('\n');
        }
        Path file = dir.resolve((quoted ? "quoted-" : "plain-") + rows + ".csv");
        Files.writeString(file, s);
        return file;
    }

    private static List<float[][]> epoch(DataLoader<Tensor[]> loader) {
        List<float[][]> out = new ArrayList<>();
        for (Tensor[] b : loader) out.add(new float[][] {b[0].toFloatArray(), b[1].toFloatArray()});
        return out;
    }

    private static void assertSameBatches(List<float[][]> expected, List<float[][]> actual) {
        assertEquals(expected.size(), actual.size(), "batches");
        for (int i = 0; i < expected.size(); i++) {
            for (int f = 0; f < 2; f++) {
                assertArrayEquals(bits(expected.get(i)[f]), bits(actual.get(i)[f]), "batch " + i + " field " + f);
            }
        }
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }

    private DataLoader<Tensor[]> streaming(Path file, int buffer, Generator g, int batch, boolean dropLast) {
        CsvStream rows = CsvStream.open(file, Csv.options().targets("y"), CsvStream.options().shuffleBuffer(buffer).generator(g));
        return new DataLoader<>(rows, DataLoader.options().batchSize(batch).dropLast(dropLast).generator(g));
    }

    @Test
    void aFullBufferGivesTheInMemoryLoadersBatchesBitForBit() throws IOException {
        for (int rows : new int[] {1, 50, 103}) {
            for (boolean quoted : new boolean[] {false, true}) {
                Path file = write(rows, quoted);
                for (int buffer : new int[] {rows, rows + 1, 10 * rows}) {
                    for (boolean dropLast : new boolean[] {false, true}) {
                        var memory = new DataLoader<>(Csv.read(file, "y").dataset(),
                                DataLoader.options().batchSize(8).shuffle(true).dropLast(dropLast).generator(new Generator(7)));
                        assertSameBatches(epoch(memory), epoch(streaming(file, buffer, new Generator(7), 8, dropLast)));
                    }
                }
            }
        }
    }

    @Test
    void withoutShufflingRowsComeInFileOrder() throws IOException {
        Path file = write(45, false);
        var memory = new DataLoader<>(Csv.read(file, "y").dataset(), DataLoader.options().batchSize(10));
        assertSameBatches(epoch(memory), epoch(streaming(file, 0, new Generator(1), 10, false)));
        assertEquals(5, streaming(file, 0, new Generator(1), 10, false).size());
        assertEquals(4, streaming(file, 0, new Generator(1), 10, true).size());
    }

    @Test
    void smallBuffersVisitEveryRowOncePerEpochDeterministically() throws IOException {
        for (boolean quoted : new boolean[] {false, true}) {
            Path file = write(200, quoted);
            float[] all = Csv.read(file, "y").targets().toFloatArray();
            for (int buffer : new int[] {2, 16, 199}) {
                Generator g = new Generator(3);
                DataLoader<Tensor[]> loader = streaming(file, buffer, g, 32, false);
                List<float[][]> first = epoch(loader);
                List<float[][]> second = epoch(loader); // a new pass reads the file again
                for (List<float[][]> e : List.of(first, second)) {
                    float[] seen = concatTargets(e);
                    float[] sortedSeen = seen.clone(), sortedAll = all.clone();
                    Arrays.sort(sortedSeen);
                    Arrays.sort(sortedAll);
                    assertArrayEquals(sortedAll, sortedSeen, "every row exactly once, buffer " + buffer);
                    assertFalse(Arrays.equals(all, seen), "shuffled, buffer " + buffer);
                }
                assertFalse(Arrays.equals(concatTargets(first), concatTargets(second)), "each epoch its own order");
                assertSameBatches(first, epoch(streaming(file, buffer, new Generator(3), 32, false)));
            }
        }
    }

    private static float[] concatTargets(List<float[][]> batches) {
        int n = batches.stream().mapToInt(b -> b[1].length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[][] b : batches) {
            System.arraycopy(b[1], 0, out, at, b[1].length);
            at += b[1].length;
        }
        return out;
    }

    @Test
    void aRowFilterKeepsItsRowsAndSizeCountsThem() throws IOException {
        for (boolean quoted : new boolean[] {false, true}) {
            Path file = write(30, quoted);
            CsvStream odd = CsvStream.open(file, Csv.options().targets("y"), CsvStream.options().rows(i -> i % 3 == 1));
            assertEquals(10, odd.size());
            float[] all = Csv.read(file, "y").targets().toFloatArray();
            float[] kept = new float[10];
            int k = 0;
            for (Tensor[] sample : odd) kept[k++] = sample[1].item();
            for (int i = 0; i < 10; i++) assertEquals(all[3 * i + 1], kept[i]);
        }
    }

    @Test
    void scalerStatisticsFromStreamedBlocksEqualTheInMemoryFit() throws IOException {
        Path file = write(1000, false);
        CsvStream rows = CsvStream.open(file, Csv.options().targets("y"), CsvStream.options());
        List<Tensor> blocks = new ArrayList<>();
        rows.batches(77).forEachRemaining(b -> blocks.add(b[0]));
        StandardScaler streamed = StandardScaler.fit(blocks);
        StandardScaler memory = StandardScaler.fit(Csv.read(file, "y").features());
        assertArrayEquals(memory.mean().toDoubleArray(), streamed.mean().toDoubleArray(), 0.0);
        assertArrayEquals(memory.scale().toDoubleArray(), streamed.scale().toDoubleArray(), 0.0);
    }

    @Test
    void aBadCellFailsThePassWithTheReadersMessage() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,y\n1,2\n3,x\n");
        String expected = assertThrows(CsvException.class, () -> Csv.read(file, "y")).getMessage();
        CsvStream rows = CsvStream.open(file, Csv.options().targets("y"), CsvStream.options());
        assertEquals(expected, assertThrows(CsvException.class, () -> rows.iterator().forEachRemaining(s -> { })).getMessage());
        assertThrows(CsvException.class, () -> CsvStream.open(file, Csv.options().targets("z"), CsvStream.options()));
    }

    @Test
    void theLoaderRefusesToShuffleAStream() throws IOException {
        CsvStream rows = CsvStream.open(write(5, false), Csv.options().targets("y"), CsvStream.options());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(rows, DataLoader.options().shuffle(true)));
    }
}
