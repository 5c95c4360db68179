package org.kindling.examples;

import org.kindling.Autograd;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.MSELoss;
import org.kindling.optim.SGD;

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

    public static void main(String[] args) {
        Result r = run(2000, 0.05);
        System.out.println(r.model());
        for (int epoch = 0; epoch < r.losses().size(); epoch += 200) {
            System.out.printf("epoch %4d  loss %.6f%n", epoch, r.losses().get(epoch));
        }
        System.out.printf("final loss %.6f%n", r.losses().get(r.losses().size() - 1));
    }
}
