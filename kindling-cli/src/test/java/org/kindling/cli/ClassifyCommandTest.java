package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kindling.tabular.Datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code kindling train} on class columns: the digits CNN, text labels, predict's probabilities, resume. */
class ClassifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultDigitsRunReaches97PercentAndWritesTheClassificationFolder() throws Exception {
        Path run = tmp.resolve("digits");
        CliRun r = CliRun.of("train", "--dataset", "digits", "--predictions", "all", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Task: classify (inferred: target 'digit' has 10 distinct"), r.out());
        assertTrue(r.out().contains("cnn 8×8"), "digits trains the CNN by default: " + r.out());
        Matcher m = Pattern.compile("validation accuracy\\s+(\\S+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(accuracy >= 0.97, "the default digits run reaches 97% validation accuracy, got " + accuracy);
        TrainCommandTest.assertListedFilesExist(run, r.out());
        TrainCommandTest.assertReportLinksExist(run);
        TrainCommandTest.assertNotBlank(run.resolve("confusion-matrix.png"));
        assertTrue(Files.readString(run.resolve("report.html")).contains("confusion-matrix.svg"));
        assertTrue(Files.readString(run.resolve("metrics.jsonl")).contains("\"val_accuracy\":"), "accuracy per epoch in the log");

        RunConfig config = RunConfig.read(run);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), config.classes());
        PredictionTable table = PredictionTable.read(run.resolve("predictions.csv"), config);
        long validation = 0;
        for (boolean v : table.validation()) if (v) validation++;
        long counted = 0;
        List<String> confusion = Files.readAllLines(run.resolve("confusion-matrix.csv"));
        assertEquals(11, confusion.size());
        for (String line : confusion.subList(1, 11)) {
            String[] cells = line.split(",");
            for (int j = 1; j < cells.length; j++) counted += Long.parseLong(cells[j]);
        }
        assertEquals(validation, counted, "the confusion matrix counts every validation row once");
        assertTrue(Files.readString(run.resolve("class-metrics.csv")).contains("macro average,"));

        // predict on the first 50 digits as written, with their labels: probabilities sum to 1, labels match the run's
        List<String> lines = digitsLines().subList(0, 51);
        Path rows = tmp.resolve("rows.csv");
        Files.writeString(rows, String.join("\n", lines) + "\n");
        Path out = tmp.resolve("out.csv");
        CliRun p = CliRun.of("predict", "--model", run.toString(), "--data", rows.toString(), "--out", out.toString());
        assertEquals(0, p.exitCode(), p.toString());
        assertTrue(p.err().contains("Accuracy on the 50 labelled rows"), p.err());
        List<String> predicted = Files.readAllLines(out);
        assertTrue(predicted.get(0).startsWith(lines.get(0) + ",probability_0,probability_1,"), predicted.get(0));
        assertTrue(predicted.get(0).endsWith(",probability_9,predicted_digit"), predicted.get(0));
        for (int i = 1; i <= 50; i++) {
            assertTrue(predicted.get(i).startsWith(lines.get(i) + ","), "input kept as written: " + predicted.get(i));
            String[] cells = predicted.get(i).split(",");
            double sum = 0;
            for (int c = 65; c < 75; c++) sum += Double.parseDouble(cells[c]);
            assertEquals(1.0, sum, 1e-4, "row " + i + " probabilities");
            assertEquals(config.classes().get((int) table.predicted()[i - 1][0]), cells[75], "row " + i + " label as the run predicted");
        }
    }

    @Test
    void textLabelsAreSortedStoredAndMappedBackByPredict() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,kind\n");
        String[] kinds = {"zebra", "apple", "Mango"};
        for (int i = 0; i < 90; i++) csv.append(i % 3).append(',').append((i * 7) % 5).append(',').append(kinds[i % 3]).append('\n');
        Path data = tmp.resolve("kinds.csv");
        Files.writeString(data, csv);
        Path run = tmp.resolve("kinds");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "kind", "--epochs", "30", "--optimizer", "adam",
                "--lr", "0.02", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Task: classify (inferred: target 'kind' holds text)"), r.out());
        assertEquals(List.of("Mango", "apple", "zebra"), RunConfig.read(run).classes(), "Unicode order");
        Path rows = tmp.resolve("new.csv");
        Files.writeString(rows, "kind,x,y\napple,1,0\nzebra,0,3\n");
        CliRun p = CliRun.of("predict", "--model", run.toString(), "--data", rows.toString());
        assertEquals(0, p.exitCode(), p.toString());
        List<String> out = p.out().lines().toList();
        assertEquals("kind,x,y,probability_Mango,probability_apple,probability_zebra,predicted_kind", out.get(0));
        assertTrue(out.get(1).startsWith("apple,1,0,") && out.get(1).endsWith(",apple"), out.get(1));
        assertTrue(out.get(2).startsWith("zebra,0,3,") && out.get(2).endsWith(",zebra"), out.get(2));

        Files.delete(run.resolve("confusion-matrix.png"));
        CliRun plot = CliRun.of("plot", run.toString());
        assertEquals(0, plot.exitCode(), plot.toString());
        TrainCommandTest.assertNotBlank(run.resolve("confusion-matrix.png"));
    }

    @Test
    void anExplicitTaskWins() throws Exception {
        Path run = tmp.resolve("regress");
        CliRun r = CliRun.of("train", "--dataset", "digits", "--task", "regress", "--model", "mlp", "--epochs", "2",
                "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.out().contains("Task: classify"), r.out());
        assertTrue(r.out().contains("validation R²"), r.out());
    }

    @Test
    void resumingTheCnnMatchesAnUninterruptedRunBitForBit() throws Exception {
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        assertEquals(0, CliRun.of("train", "--dataset", "digits", "--epochs", "2", "--out", whole.toString()).exitCode());
        assertEquals(0, CliRun.of("train", "--dataset", "digits", "--epochs", "1", "--out", split.toString()).exitCode());
        CliRun resumed = CliRun.of("train", "--resume", split.toString(), "--epochs", "2");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        Map<String, Tensor> a = Safetensors.load(whole.resolve("model.safetensors"));
        Map<String, Tensor> b = Safetensors.load(split.resolve("model.safetensors"));
        assertTrue(a.containsKey("2.running_mean") && a.containsKey("2.num_batches_tracked"), "BatchNorm buffers saved: " + a.keySet());
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertTrue(v.equalValues(b.get(k)), k + " differs after resuming"));
        assertArrayEquals(Files.readAllBytes(whole.resolve("predictions.csv")), Files.readAllBytes(split.resolve("predictions.csv")));
    }

    static List<String> digitsLines() throws Exception {
        return new ArrayList<>(Datasets.text("digits").lines().toList());
    }
}
