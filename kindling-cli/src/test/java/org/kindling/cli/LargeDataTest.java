package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.tabular.Csv;
import org.kindling.tabular.StandardScaler;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Data that grows: predictions.csv keeps the validation rows, the run folder stays bounded, and a file
 * above --stream-above trains as a stream. The 200,000-row run is behind -Dkindling.big=true.
 */
class LargeDataTest {
    @TempDir
    Path tmp;

    /** D1's shape (bench/e2e/make_csv.py): x0..x{f-1} standard normal, y a noisy linear function of them. */
    static Path csv(Path file, int rows, int features, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) w[j] = r.nextGaussian();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < features; j++) header.append('x').append(j).append(',');
            out.write(header.append("y\n").toString());
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                double y = 0;
                for (int j = 0; j < features; j++) {
                    float x = (float) r.nextGaussian();
                    y += x * w[j];
                    line.append(String.format(Locale.ROOT, "%.6g", x)).append(',');
                }
                out.write(line.append(String.format(Locale.ROOT, "%.6g", y + 0.1 * r.nextGaussian())).append('\n').toString());
            }
        }
        return file;
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }

    @Test
    void predictionsKeepTheValidationRowsUnlessAllAreAskedFor() throws IOException {
        Path run = tmp.resolve("run"), all = tmp.resolve("all");
        CliRun r = CliRun.of("train", "--dataset", "diabetes", "--epochs", "2", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        PredictionTable table = PredictionTable.read(run.resolve("predictions.csv"), RunConfig.read(run));
        assertEquals(88, table.rows(), "floor(0.2 * 442): random_split gives the remainder row to the training part");
        for (boolean v : table.validation()) assertTrue(v);
        assertTrue(r.out().contains("validation RMSE"), r.out());

        CliRun a = CliRun.of("train", "--dataset", "diabetes", "--epochs", "2", "--predictions", "all", "--out", all.toString());
        assertEquals(0, a.exitCode(), a.toString());
        PredictionTable every = PredictionTable.read(all.resolve("predictions.csv"), RunConfig.read(all));
        assertEquals(442, every.rows());
        assertEquals(88, java.util.stream.IntStream.range(0, 442).filter(i -> every.validation()[i]).count());
        assertEquals(a.out().lines().filter(l -> l.contains("validation RMSE")).findFirst(),
                r.out().lines().filter(l -> l.contains("validation RMSE")).findFirst(), "the same metrics either way");

        assertEquals(2, CliRun.of("train", "--dataset", "diabetes", "--predictions", "some").exitCode());
    }

    @Test
    void theRunFolderIsBoundedByTheValidationRows() throws IOException {
        assertBounded(20_000);
    }

    @Test
    void theRunFolderIsBoundedOn200kRows() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("kindling.big"), "set -Dkindling.big=true for the 200,000-row run");
        assertBounded(200_000);
    }

    private void assertBounded(int rows) throws IOException {
        Path data = csv(tmp.resolve("big.csv"), rows, 20, 1);
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--epochs", "1", "--batch-size", "256",
                "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        long validation = lines(run.resolve("predictions.csv")) - 1;
        assertEquals(rows / 5, validation, "predictions.csv holds the validation rows only");
        // 22 numbers of at most 15 characters and a separator each, plus the flag: a row of at most 360 bytes.
        assertTrue(Files.size(run.resolve("predictions.csv")) < 360 * (validation + 1), "predictions.csv size");
        assertTrue(Files.size(run.resolve("report.html")) < 64 << 10, "report.html links its plots: it loads at once");
        for (String small : new String[] {"config.json", "model.safetensors", "checkpoint.safetensors", "scaler.safetensors"}) {
            assertTrue(Files.size(run.resolve(small)) < 64 << 10, small + " does not grow with rows");
        }
        // Plot sizes (SVG, PNG) are bounded by kindling-plot's sampling and guarded there.
    }

    @Test
    void aFileAboveTheLimitTrainsAsAStream() throws IOException {
        Path data = csv(tmp.resolve("stream.csv"), 3000, 4, 2);
        Path run = tmp.resolve("streamed");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--epochs", "3", "--batch-size", "32",
                "--lr", "0.01", "--stream-above", "10KB", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("csv, streamed ("), r.out());

        // Validation rows are the hashed share of the seed; predictions.csv has them, in file order.
        long expectedValidation = java.util.stream.LongStream.range(0, 3000).filter(i -> HashSplit.isValidation(i, 42, 0.2)).count();
        assertTrue(expectedValidation > 500 && expectedValidation < 700, "about 20%: " + expectedValidation);
        assertEquals(expectedValidation, lines(run.resolve("predictions.csv")) - 1);
        assertTrue(r.out().contains((3000 - expectedValidation) + " train / " + expectedValidation + " validation rows"), r.out());

        // The scalers are the in-memory fit on exactly the training rows.
        Tensor x = Csv.read(data, "y").features();
        long[] train = java.util.stream.LongStream.range(0, 3000).filter(i -> !HashSplit.isValidation(i, 42, 0.2)).toArray();
        StandardScaler expected = StandardScaler.fit(x.indexSelect(0, Tensor.fromArray(train, train.length)));
        Map<String, Tensor> saved = Safetensors.load(run.resolve("scaler.safetensors"));
        assertArrayEquals(expected.mean().toDoubleArray(), saved.get("features.mean").toDoubleArray(), 0.0);
        assertArrayEquals(expected.scale().toDoubleArray(), saved.get("features.scale").toDoubleArray(), 0.0);

        // It learns the linear target, and the same seed trains the same model.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("validation R²\\s+(\\S+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 0.9, r.out());
        Path again = tmp.resolve("again");
        assertEquals(0, CliRun.of("train", "--data", data.toString(), "--target", "y", "--epochs", "3", "--batch-size", "32",
                "--lr", "0.01", "--stream-above", "10KB", "--out", again.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(run.resolve("model.safetensors")), Files.readAllBytes(again.resolve("model.safetensors")));
    }

    @Test
    void streamingRefusesClassificationAndABadSize() throws IOException {
        Path data = csv(tmp.resolve("s.csv"), 200, 2, 3);
        CliRun c = CliRun.of("train", "--data", data.toString(), "--target", "y", "--task", "classify", "--stream-above", "1KB",
                "--out", tmp.resolve("c").toString());
        assertNotEquals(0, c.exitCode());
        assertTrue(c.err().contains("streamed"), c.toString());
        CliRun s = CliRun.of("train", "--data", data.toString(), "--target", "y", "--stream-above", "lots");
        assertEquals(2, s.exitCode(), s.toString());
        assertTrue(s.err().contains("--stream-above expects a size"), s.toString());
    }

    @Test
    void sizesParse() {
        assertEquals(512L << 20, DataChoice.parseSize("512MB"));
        assertEquals(2L << 30, DataChoice.parseSize("2g"));
        assertEquals(1536L << 20, DataChoice.parseSize("1.5GB"));
        assertEquals(1000L, DataChoice.parseSize("1000"));
        assertNull(DataChoice.parseSize("-1GB"));
        assertNull(DataChoice.parseSize("GB"));
    }
}
