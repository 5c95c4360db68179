package org.kindling.examples;

import org.kindling.Autograd;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.MSELoss;
import org.kindling.optim.SGD;
import org.kindling.plot.Plots;
import org.kindling.tabular.log.TrainingLog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PyTorch basics tutorial, line by line: fit y = sin(x) + noise with {@link MyModel}, MSE
 * loss and SGD, tracking the loss of every epoch.
 */
public final class Tutorial {
    /** What one run produced: the loss of every epoch and the final predictions. */
    public record Result(MyModel model, Tensor x, Tensor y, List<Float> losses, Tensor predictions) {}

    private Tutorial() {}

    public static Result run(int epochs, double lr) {
        Kindling.manualSeed(42);
        Tensor x = Tensor.rand(1000, 1).mul(2 * Math.PI).sub(Math.PI);   // x ~ U(-π, π)
        Tensor y = x.sin().add(Tensor.randn(1000, 1).mul(0.05));         // y = sin(x) + noise

        MyModel model = new MyModel();
        MSELoss criterion = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), lr);

        List<Float> losses = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            Tensor output = model.forward(x);
            Tensor loss = criterion.forward(output, y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            losses.add(loss.item());
        }
        Tensor predictions;
        try (var g = Autograd.noGrad()) {
            predictions = model.forward(x);
        }
        return new Result(model, x, y, losses, predictions);
    }

    /** Trains, prints the loss every 200 epochs, and draws the loss curve and the fit into {@code tutorial-output/}. */
    public static void main(String[] args) {
        Result r = run(2000, 0.05);
        System.out.println(r.model());
        TrainingLog log = new TrainingLog();
        for (int epoch = 0; epoch < r.losses().size(); epoch++) {
            log.epoch(epoch + 1, r.losses().get(epoch));
            if (epoch % 200 == 0) System.out.printf("epoch %4d  loss %.6f%n", epoch, r.losses().get(epoch));
        }
        System.out.printf("final loss %.6f%n", r.losses().get(r.losses().size() - 1));
        Path out = Path.of("tutorial-output");
        Plots.lossCurve(log).logScale(true).title("Training loss").savePng(out.resolve("loss.png"));
        Plots.fit(r.x().toFloatArray(), r.y().toFloatArray(), r.predictions().toFloatArray())
                .title("MyModel fit to sin(x) + noise").savePng(out.resolve("fit.png"));
        System.out.println("Wrote " + out.resolve("loss.png") + " and " + out.resolve("fit.png"));
    }
}
