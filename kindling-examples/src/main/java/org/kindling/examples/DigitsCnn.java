package org.kindling.examples;

import org.kindling.Autograd;
import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Kindling;
import org.kindling.Tensor;
import org.kindling.data.DataLoader;
import org.kindling.data.RandomSplit;
import org.kindling.data.Subset;
import org.kindling.data.TensorDataset;
import org.kindling.nn.BatchNorm2d;
import org.kindling.nn.Conv2d;
import org.kindling.nn.CrossEntropyLoss;
import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.Module; // not java.lang.Module
import org.kindling.optim.SGD;
import org.kindling.tabular.Datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * A small CNN on the bundled 8x8 handwritten digits, written as in PyTorch (the Python original is
 * kindling-examples/src/main/python/digits_cnn.py): two conv → batch norm → ReLU → max-pool blocks
 * and a linear classifier, mini-batch SGD with momentum, eval mode for the validation accuracy.
 */
public final class DigitsCnn extends Module {
    private final Conv2d conv1 = register("conv1", new Conv2d(1, 16, 3, 1, 1));
    private final BatchNorm2d bn1 = register("bn1", new BatchNorm2d(16));
    private final Conv2d conv2 = register("conv2", new Conv2d(16, 32, 3, 1, 1));
    private final BatchNorm2d bn2 = register("bn2", new BatchNorm2d(32));
    private final Linear fc = register("fc", new Linear(32 * 2 * 2, 10));

    @Override
    public Tensor forward(Tensor x) {                                          // [N, 1, 8, 8]
        x = Functional.maxPool2d(bn1.forward(conv1.forward(x)).relu(), 2);     // [N, 16, 4, 4]
        x = Functional.maxPool2d(bn2.forward(conv2.forward(x)).relu(), 2);     // [N, 32, 2, 2]
        return fc.forward(x.flatten(1, -1));                                   // [N, 10] logits
    }

    /** Trains for {@code epochs} and returns the validation accuracy after each epoch. */
    public static List<Double> train(int epochs) {
        Kindling.manualSeed(0);
        var table = Datasets.digits();
        Tensor images = table.features().div(16).reshape(-1, 1, 8, 8);       // pixels 0..16 → 0..1
        Tensor labels = table.targets().reshape(-1).to(DType.INT64);
        var dataset = new TensorDataset(images, labels);
        List<Subset<Tensor[]>> split = RandomSplit.randomSplit(dataset, new int[] {1437, 360}, new Generator(0));
        var trainLoader = new DataLoader<>(split.get(0), 64, true);
        var valLoader = new DataLoader<>(split.get(1), 360, false);

        DigitsCnn model = new DigitsCnn();
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        SGD optimizer = new SGD(model.parameters(), SGD.options().lr(0.05).momentum(0.9));

        List<Double> accuracies = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train();
            for (Tensor[] batch : trainLoader) {
                Tensor loss = criterion.forward(model.forward(batch[0]), batch[1]);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            }
            model.eval();
            long correct = 0;
            try (var g = Autograd.noGrad()) {
                for (Tensor[] batch : valLoader) {
                    correct += model.forward(batch[0]).argmax(1, false).eq(batch[1]).sum().itemLong();
                }
            }
            accuracies.add(correct / 360.0);
        }
        return accuracies;
    }

    public static void main(String[] args) {
        List<Double> acc = train(10);
        for (int e = 0; e < acc.size(); e++) System.out.printf("epoch %2d  validation accuracy %.1f%%%n", e + 1, 100 * acc.get(e));
    }
}
