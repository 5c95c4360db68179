package org.kindling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.tabular.log.TrainingLog;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code kindling train} end to end, on the default problem and on the bundled diabetes data. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultRunFitsTheSineAndWritesEveryFile() throws Exception {
        Path run = tmp.resolve("sine");
        CliRun r = CliRun.of("train", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String f : List.of("config.json", "metrics.jsonl", "loss.png", "loss.svg", "predictions.png", "predictions.svg",
                "fit.png", "fit.svg", "model.safetensors", "checkpoint.safetensors", "scaler.safetensors",
                "predictions.csv", "report.html")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f + " missing or empty");
        }
        for (String png : List.of("loss.png", "predictions.png", "fit.png")) assertNotBlank(run.resolve(png));
        assertListedFilesExist(run, r.out());
        assertReportLinksExist(run);

        TrainingLog log = TrainingLog.read(run.resolve("metrics.jsonl"));
        assertEquals(2000, log.epochs().size());
        double last = log.epochs().get(1999).trainLoss();
        assertTrue(last < 0.004, "the tutorial's model should fit sin(x): final loss " + last);

        Map<String, Tensor> model = Safetensors.load(run.resolve("model.safetensors"));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.keySet()));
        assertArrayEquals(new int[] {64, 1}, model.get("0.weight").shape(), "PyTorch's [out, in] layout");
    }

    @Test
    void theDiabetesRunLearnsSomethingAndReportsItInOriginalUnits() throws Exception {
        Path run = tmp.resolve("diabetes");
        CliRun r = CliRun.of("train", "--dataset", "diabetes", "--epochs", "60", "--hidden", "32,16", "--optimizer", "adam",
                "--lr", "0.003", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertNotBlank(run.resolve("loss.png"));
        assertNotBlank(run.resolve("predictions.png"));
        assertFalse(Files.exists(run.resolve("fit.png")), "no fit curve with 10 features");
        assertReportLinksExist(run);
        Matcher m = Pattern.compile("validation R²\\s+(\\S+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double r2 = Double.parseDouble(m.group(1));
        assertTrue(r2 > 0.3, "an MLP on diabetes reaches R² well above 0 (got " + r2 + ")");
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"bmi\"") && config.contains("\"progression\""), config);
        assertFalse(config.contains("momentum"), "momentum does not apply to Adam: " + config);
        assertListedFilesExist(run, r.out());
    }

    @Test
    void severalTargetsGetOnePredictionPlotEachAndTheSummaryNamesThem() throws Exception {
        Path csv = tmp.resolve("two.csv");
        StringBuilder text = new StringBuilder("x,a,b\n");
        for (int i = 0; i < 40; i++) text.append(i).append(',').append(2 * i).append(',').append(40 - i).append('\n');
        Files.writeString(csv, text);
        Path run = tmp.resolve("two");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "a,b", "--epochs", "3", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("predictions-a.png/svg") && r.out().contains("predictions-b.png/svg"), r.out());
        assertFalse(r.out().contains("predictions.png"), r.out());
        assertListedFilesExist(run, r.out());
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"momentum\""), "SGD records its momentum");
    }

    /** Every file the closing "Wrote DIR: ..." line names exists ("x.png/svg" names x.png and x.svg). */
    static void assertListedFilesExist(Path run, String out) {
        Matcher m = Pattern.compile("Wrote .*?: (.*)").matcher(out);
        assertTrue(m.find(), out);
        for (String name : m.group(1).strip().split(", ")) {
            List<String> files = name.endsWith(".png/svg")
                    ? List.of(name.replace(".png/svg", ".png"), name.replace(".png/svg", ".svg")) : List.of(name);
            for (String f : files) assertTrue(Files.exists(run.resolve(f)), "the summary lists " + f + ", which is missing");
        }
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path run = tmp.resolve("diverge");
        // lr 0.2 on the sine problem: finite for a few epochs, then NaN (PyTorch does the same)
        CliRun r = CliRun.of("train", "--lr", "0.2", "--epochs", "50", "--checkpoint-every", "1", "--out", run.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("training diverged: the loss became"), r.err());
        assertTrue(r.err().contains("try a smaller --lr"), r.err());
        Matcher m = Pattern.compile("last good checkpoint \\(epoch (\\d+)\\)").matcher(r.err());
        assertTrue(m.find(), r.err());
        int epoch = Integer.parseInt(m.group(1));
        assertEquals(epoch, org.kindling.train.Checkpoint.load(run.resolve("checkpoint.safetensors")).epoch());
        assertFalse(Files.exists(run.resolve("model.safetensors")), "no final model from a diverged run");
        assertTrue(Files.exists(run.resolve("report.html")), "the report shows the loss until it diverged");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, CliRun.of("train", "--epochs", "0").exitCode());
        assertEquals(2, CliRun.of("train", "--activation", "swish").exitCode());
        assertEquals(2, CliRun.of("train", "--data", "x.csv").exitCode(), "--data without --target");
        assertEquals(2, CliRun.of("train", "--dataset", "mnist").exitCode());
        assertEquals(2, CliRun.of("frobnicate").exitCode());
        assertEquals(2, CliRun.of("train", "--optimizer", "adam", "--momentum", "0.5").exitCode(), "momentum is SGD's");
        CliRun r = CliRun.of("train", "--optimizer", "lbfgs");
        assertTrue(r.err().contains("unknown --optimizer 'lbfgs' (expected sgd, adam, adamw)"), r.err());
    }

    static void assertNotBlank(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " does not decode as an image");
        assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, png + " is tiny");
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) colors.add(img.getRGB(x, y));
        }
        assertTrue(colors.size() > 20, png + " looks blank (" + colors.size() + " colors)");
    }

    static void assertReportLinksExist(Path run) throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        Matcher m = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
        int count = 0;
        while (m.find()) {
            count++;
            assertTrue(Files.exists(run.resolve(java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8))),
                    "report.html refers to a missing file " + m.group(1));
        }
        assertTrue(count >= 2, "the report shows the plots");
    }
}
