package org.kindling.examples;

import org.kindling.Kindling;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.nn.MSELoss;
import org.kindling.optim.SGD;
import org.kindling.tensorboard.SummaryWriter;

import java.nio.file.Path;
import java.util.Map;

/**
 * The tutorial's loop ({@link Tutorial}) watched in TensorBoard, as PyTorch's TensorBoard tutorial does it:
 * the loss every epoch, weight and gradient histograms now and then, and the hyperparameters with the final
 * loss. Run it, then {@code tensorboard --logdir runs/tutorial}.
 */
public final class TutorialTensorBoard {
    private TutorialTensorBoard() {}

    /** Trains for {@code epochs} at learning rate {@code lr}, writing events into {@code logDir}; returns the final loss. */
    public static double run(Path logDir, int epochs, double lr, int histogramEvery) {
        Kindling.manualSeed(42);
        Tensor x = Tensor.rand(1000, 1).mul(2 * Math.PI).sub(Math.PI);
        Tensor y = x.sin().add(Tensor.randn(1000, 1).mul(0.05));
        MyModel model = new MyModel();
        MSELoss criterion = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), lr);

        double last = Double.NaN;
        try (SummaryWriter writer = new SummaryWriter(logDir)) {
            writer.addText("model", "    " + model.toString().replace("\n", "\n    "), 0); // indented: Markdown code
            for (int epoch = 0; epoch < epochs; epoch++) {
                Tensor loss = criterion.forward(model.forward(x), y);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                last = loss.item();
                writer.addScalar("Loss/train", last, epoch);
                if (epoch % histogramEvery == 0 || epoch == epochs - 1) {
                    for (Map.Entry<String, Parameter> p : model.namedParameters().entrySet()) {
                        writer.addHistogram(p.getKey(), p.getValue(), epoch);             // e.g. layer1.weight
                        writer.addHistogram(p.getKey() + ".grad", p.getValue().grad(), epoch);
                    }
                }
            }
            // The HParams tab: this run's settings and result, in the run's own folder.
            writer.addHparams(Map.of("lr", lr, "epochs", epochs), Map.of("hparam/loss", last), ".");
        }
        return last;
    }

    /** Trains the tutorial for 2000 epochs into {@code runs/tutorial} (or the folder given). */
    public static void main(String[] args) {
        Path logDir = Path.of(args.length > 0 ? args[0] : "runs/tutorial");
        double loss = run(logDir, 2000, 0.05, 100);
        System.out.printf("final loss %.6f; now run: tensorboard --logdir %s%n", loss, logDir);
    }
}
