package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.kindling.tabular.log.TrainingLog;
import org.junit.jupiter.api.Test;

/**
 * Draws the tutorial's pictures from a real (plain-Java) training run of y = sin(x) + noise with a
 * 1 -> 64 -> 1 ReLU net, MSE and minibatch SGD, into {@code target/sample-plots/} for people to look at.
 * Run alone: {@code mvn -pl kindling-plot -am test -Dtest=SamplePlotsTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SamplePlotsTest {
    static final int HIDDEN = 64;

    /** A 1 -> 64 -> 1 ReLU network trained by hand, standing in until the tensor engine lands. */
    static final class TinyNet {
        final double[] w1 = new double[HIDDEN];
        final double[] b1 = new double[HIDDEN];
        final double[] w2 = new double[HIDDEN];
        double b2;

        TinyNet(Random rng) {
            // PyTorch's default Linear init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
            for (int j = 0; j < HIDDEN; j++) {
                w1[j] = rng.nextDouble(-1, 1);
                b1[j] = rng.nextDouble(-1, 1);
                w2[j] = rng.nextDouble(-1, 1) / Math.sqrt(HIDDEN);
            }
            b2 = rng.nextDouble(-1, 1) / Math.sqrt(HIDDEN);
        }

        double forward(double x) {
            double y = b2;
            for (int j = 0; j < HIDDEN; j++) {
                y += w2[j] * Math.max(0, w1[j] * x + b1[j]);
            }
            return y;
        }

        /** One SGD step on a batch; returns the batch's mean squared error. */
        double step(double[] xs, double[] ys, int from, int to, double lr) {
            double[] gw1 = new double[HIDDEN];
            double[] gb1 = new double[HIDDEN];
            double[] gw2 = new double[HIDDEN];
            double gb2 = 0;
            double loss = 0;
            int n = to - from;
            for (int i = from; i < to; i++) {
                double err = forward(xs[i]) - ys[i];
                loss += err * err;
                double g = 2 * err / n;
                gb2 += g;
                for (int j = 0; j < HIDDEN; j++) {
                    double pre = w1[j] * xs[i] + b1[j];
                    if (pre > 0) {
                        gw2[j] += g * pre;
                        double gh = g * w2[j];
                        gw1[j] += gh * xs[i];
                        gb1[j] += gh;
                    }
                }
            }
            for (int j = 0; j < HIDDEN; j++) {
                w1[j] -= lr * gw1[j];
                b1[j] -= lr * gb1[j];
                w2[j] -= lr * gw2[j];
            }
            b2 -= lr * gb2;
            return loss / n;
        }
    }

    @Test
    void drawsTheTutorialPictures() throws Exception {
        Path out = Path.of("target", "sample-plots");
        Random rng = new Random(42);
        int n = 1000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-Math.PI, Math.PI);
            y[i] = Math.sin(x[i]) + 0.1 * rng.nextGaussian();
        }
        int nTrain = 800;
        int batch = 32;
        int epochs = 60;
        double lr = 0.02;
        TinyNet net = new TinyNet(rng);
        try (TrainingLog log = TrainingLog.create(out.resolve("metrics.jsonl"))) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                double sum = 0;
                int steps = 0;
                for (int from = 0; from < nTrain; from += batch) {
                    double loss = net.step(x, y, from, Math.min(nTrain, from + batch), lr);
                    log.step(epoch, steps++, loss, lr);
                    sum += loss;
                }
                double val = 0;
                for (int i = nTrain; i < n; i++) {
                    double e = net.forward(x[i]) - y[i];
                    val += e * e;
                }
                log.epoch(epoch, sum / steps, val / (n - nTrain));
            }

            double[] pred = new double[n];
            for (int i = 0; i < n; i++) {
                pred[i] = net.forward(x[i]);
            }
            Plots.lossCurve(log).savePng(out.resolve("loss.png")).saveSvg(out.resolve("loss.svg"));
            Plots.lossCurve(log).logScale(true).title("Training loss (log scale)")
                    .savePng(out.resolve("loss-log.png"));
            Plots.predictions(y, pred).savePng(out.resolve("predictions.png")).saveSvg(out.resolve("predictions.svg"));
            Plots.fit(x, y, pred).title("y = sin(x) + noise: data and model").reference("sin(x)", Math::sin)
                    .savePng(out.resolve("fit.png")).saveSvg(out.resolve("fit.svg"));

            Map<String, Object> config = new LinkedHashMap<>();
            config.put("model", "MyModel(1 -> 64 -> 1, ReLU)");
            config.put("loss", "MSELoss");
            config.put("optimizer", "SGD(lr=" + lr + ")");
            config.put("epochs", epochs);
            config.put("batch size", batch);
            config.put("data", "y = sin(x) + N(0, 0.1\u00b2), x ~ U(-\u03c0, \u03c0), n = " + n);
            config.put("validation split", (double) (n - nTrain) / n);
            RunReport.titled("sin(x) regression, 1 \u2192 64 \u2192 1")
                    .description("Sample run drawn by SamplePlotsTest (a hand-written net, not yet Kindling's engine).")
                    .metricsFrom(log)
                    .plot("Training and validation loss", "report-loss", Plots.lossCurve(log))
                    .plot("Data and model", "report-fit", Plots.fit(x, y, pred).reference("sin(x)", Math::sin))
                    .plot("Predictions vs ground truth", "report-predictions", Plots.predictions(y, pred))
                    .config(config)
                    .write(out.resolve("report.html"));
        }
        for (String name : new String[] {"loss", "loss-log", "predictions", "fit"}) {
            ImageAssertions.assertNotBlank(javax.imageio.ImageIO.read(out.resolve(name + ".png").toFile()));
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("report-fit.svg"));
    }
}
