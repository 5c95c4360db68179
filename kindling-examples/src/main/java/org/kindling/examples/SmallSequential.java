package org.kindling.examples;

import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

/**
 * A short program of the kind a first script is: a small {@code Sequential} (8 → 32 → 32 → 1 with ReLU)
 * trained for 500 full-batch epochs on 500 synthetic rows, then the final loss printed. Over in well
 * under a second, it is mostly start-up and warm-up, which is what it is for: timing a whole process
 * (bench/WORKLOADS.md, "Whole jobs"), with and without the Vector API.
 */
public final class SmallSequential {
    private SmallSequential() {}

    /** Trains and returns the last epoch's loss. */
    public static float run(int epochs) {
        Kindling.manualSeed(0);
        Tensor x = Tensor.randn(500, 8);
        Tensor y = x.sum(1, true).mul(0.3).add(x.select(1, 0).unsqueeze(1).sin());
        Sequential model = new Sequential(new Linear(8, 32), new ReLU(), new Linear(32, 32), new ReLU(), new Linear(32, 1));
        MSELoss criterion = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), 0.05);
        float last = Float.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Tensor loss = criterion.forward(model.forward(x), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            last = loss.item();
        }
        return last;
    }

    public static void main(String[] args) {
        System.out.printf("final loss after 500 epochs %.6f%n", run(500));
    }
}
