package org.kindling.dashboard;

import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.io.Safetensors;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;
import org.kindling.plot.Plots;
import org.kindling.plot.RunReport;
import org.kindling.tabular.log.TrainingLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A real, small training run written the way {@code kindling train} writes a run folder: config.json
 * first, metrics.jsonl line by line as it trains, then the model, a loss plot and the report. The
 * dashboard module cannot call the command line (the command line depends on it), so the tests train
 * with kindling-core directly.
 */
final class TinyTraining {
    static final int STEPS_PER_EPOCH = 4;

    private final Path dir;
    private final int epochs;
    private final double lr;
    /** When set, each step waits for a permit: the test decides how far training gets. */
    private final Semaphore gate;

    TinyTraining(Path dir, int epochs, double lr, Semaphore gate) {
        this.dir = dir;
        this.epochs = epochs;
        this.lr = lr;
        this.gate = gate;
    }

    /** Trains to the end and writes every file of a finished run. */
    static Path finished(Path runs, String name, int epochs, double lr) throws Exception {
        Path dir = runs.resolve(name);
        new TinyTraining(dir, epochs, lr, null).run();
        return dir;
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), """
                {"dataset":"sine","data":null,"features":["x"],"targets":["y"],"hidden":[16],"activation":"relu",
                 "loss":"mse","optimizer":"sgd","lr":%s,"momentum":0.9,"epochs":%d,"batchSize":64,"valSplit":0.2,
                 "seed":42,"standardize":false,"task":"regress","model":"mlp"}
                """.formatted(lr, epochs), StandardCharsets.UTF_8);
        Kindling.manualSeed(7);
        Tensor x = Tensor.rand(256, 1).mul(2 * Math.PI).sub(Math.PI);
        Tensor y = x.sin();
        Tensor vx = Tensor.rand(64, 1).mul(2 * Math.PI).sub(Math.PI);
        Tensor vy = vx.sin();
        Sequential model = new Sequential(new Linear(1, 16), new ReLU(), new Linear(16, 1));
        MSELoss criterion = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), SGD.options().lr(lr).momentum(0.9));
        int rows = x.size(0) / STEPS_PER_EPOCH;
        long step = 0;
        try (TrainingLog log = TrainingLog.create(dir.resolve("metrics.jsonl"))) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                double sum = 0;
                for (int b = 0; b < STEPS_PER_EPOCH; b++) {
                    if (gate != null) gate.acquire();
                    Tensor loss = criterion.forward(model.forward(x.narrow(0, b * rows, rows)), y.narrow(0, b * rows, rows));
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    sum += loss.item();
                    log.step(epoch, ++step, loss.item());
                }
                double val;
                try (var g = org.kindling.Autograd.noGrad()) {
                    val = criterion.forward(model.forward(vx), vy).itemDouble();
                }
                log.epoch(epoch, sum / STEPS_PER_EPOCH, val);
            }
            Safetensors.save(model.stateDict(), dir.resolve("model.safetensors"));
            Plots.lossCurve(log).logScale(true).title("Loss").savePng(dir.resolve("loss.png"));
            try (var g = org.kindling.Autograd.noGrad()) {
                Plots.predictions(vy.toFloatArray(), model.forward(vx).toFloatArray()).title("Predicted vs true y (validation)")
                        .xLabel("true y").yLabel("predicted y").savePng(dir.resolve("predictions.png"));
            }
            RunReport.titled("Kindling run: sine").metricsFrom(log).config(Map.of("lr", lr))
                    .plot("Loss over epochs", "loss", Plots.lossCurve(log).title("Loss")).write(dir.resolve("report.html"));
        }
    }
}
