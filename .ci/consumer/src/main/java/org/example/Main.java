package org.example;

import org.kindling.Autograd;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.Module;
import org.kindling.optim.SGD;
import org.kindling.plot.Plots;
import org.kindling.tabular.log.TrainingLog;

import java.nio.file.Files;
import java.nio.file.Path;

/** Trains the PyTorch tutorial's model with Kindling and writes its loss curve: OUT_DIR/loss.png. */
public final class Main {
    static final class MyModel extends Module {
        private final Linear layer1 = register("layer1", new Linear(1, 64));
        private final Linear layer2 = register("layer2", new Linear(64, 1));

        @Override
        public Tensor forward(Tensor x) {
            return layer2.forward(layer1.forward(x).relu());
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "consumer-output");
        Kindling.manualSeed(42);
        Tensor x = Tensor.rand(1000, 1).mul(2 * Math.PI).sub(Math.PI);
        Tensor y = x.sin().add(Tensor.randn(1000, 1).mul(0.05));
        MyModel model = new MyModel();
        MSELoss criterion = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), 0.05);
        TrainingLog log = new TrainingLog();
        float first = 0, last = 0;
        for (int epoch = 0; epoch < 2000; epoch++) {
            Tensor loss = criterion.forward(model.forward(x), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            last = loss.item();
            if (epoch == 0) first = last;
            log.epoch(epoch + 1, last);
        }
        Tensor predictions;
        try (var g = Autograd.noGrad()) {
            predictions = model.forward(x);
        }
        Files.createDirectories(out);
        Plots.lossCurve(log).logScale(true).savePng(out.resolve("loss.png"));
        Plots.fit(x.toFloatArray(), y.toFloatArray(), predictions.toFloatArray()).savePng(out.resolve("fit.png"));
        System.out.println(model);
        System.out.printf("loss %.4f -> %.4f; %s; wrote %s%n", first, last, Kindling.configuration(), out.resolve("loss.png"));
        if (!(last < first / 10) || Files.size(out.resolve("loss.png")) == 0) {
            System.err.println("training did not converge or the plot is empty");
            System.exit(1);
        }
    }
}
