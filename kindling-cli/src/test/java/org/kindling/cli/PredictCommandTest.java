package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kindling predict} reproduces the run's own predictions from the saved model and scaler. */
class PredictCommandTest {
    @TempDir
    Path tmp;

    @Test
    void predictionsOfTheTrainingRowsMatchTheRunsOwn() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of("train", "--dataset", "diabetes", "--epochs", "5", "--predictions", "all", "--out", run.toString()).exitCode());

        // the run's rows, features only, in a new CSV with the columns shuffled and an extra one
        RunConfig config = RunConfig.read(run);
        PredictionTable own = PredictionTable.read(run.resolve("predictions.csv"), config);
        StringBuilder csv = new StringBuilder("extra," + String.join(",", config.features().reversed()) + "\n");
        for (int i = 0; i < own.rows(); i++) {
            StringBuilder line = new StringBuilder("0");
            for (int j = config.features().size() - 1; j >= 0; j--) line.append(',').append(own.features()[i][j]);
            csv.append(line).append('\n');
        }
        Path rows = tmp.resolve("rows.csv");
        Files.writeString(rows, csv);
        Path out = tmp.resolve("predicted.csv");
        CliRun r = CliRun.of("predict", "--model", run.toString(), "--data", rows.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());

        CsvTable predicted = Csv.read(out, Csv.options().targets(List.of("predicted_progression")).features(config.features()));
        assertEquals(config.features(), predicted.featureNames());
        float[] expected = new float[own.rows()];
        for (int i = 0; i < own.rows(); i++) expected[i] = own.predicted()[i][0];
        assertArrayEquals(expected, predicted.targets().toFloatArray(), 1e-3f);
        assertTrue(r.err().contains("Wrote 442 predictions"), r.err());
    }

    @Test
    void predictKeepsEveryInputColumnAsWrittenAndAddsThePredictions() throws Exception {
        Path train = tmp.resolve("train.csv");
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) text.append(i).append(',').append(i % 3).append(',').append(2 * i).append('\n');
        Files.writeString(train, text);
        Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of("train", "--data", train.toString(), "--target", "y", "--epochs", "3", "--out",
                run.toString()).exitCode());

        List<String> rows = List.of("id,b,y,a,note", "r1,2,118,59,plain", "r2,1.50,3e1,7,\"quoted, with comma\"",
                "r3, 0 ,0,-2,\"two\nlines\"");
        Path in = tmp.resolve("new.csv");
        Files.writeString(in, String.join("\r\n", rows) + "\r\n");
        Path out = tmp.resolve("out.csv");
        CliRun r = CliRun.of("predict", "--model", run.toString(), "--data", in.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = java.util.Arrays.asList(Files.readString(out).split("\n", -1));
        assertEquals("id,b,y,a,note,predicted_y", lines.get(0));
        for (int i = 1; i < rows.size(); i++) {
            String prefix = rows.get(i).replace("\n", "\u0000") + ",";
            String line = String.join("\n", lines).replace("two\nlines", "two\u0000lines").split("\n")[i];
            assertTrue(line.startsWith(prefix), "row " + i + " kept as written: " + line);
            Float.parseFloat(line.substring(prefix.length()));
        }
    }

    @Test
    void plotRedrawsFromTheLogAndPredictions() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of("train", "--epochs", "20", "--out", run.toString()).exitCode());
        Files.delete(run.resolve("loss.png"));
        Files.delete(run.resolve("fit.svg"));
        CliRun r = CliRun.of("plot", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        TrainCommandTest.assertNotBlank(run.resolve("loss.png"));
        assertTrue(Files.size(run.resolve("fit.svg")) > 0);
    }
}
