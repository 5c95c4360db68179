package org.kindling.cli;

import org.kindling.nn.BatchNorm2d;
import org.kindling.nn.Conv2d;
import org.kindling.nn.Flatten;
import org.kindling.nn.Linear;
import org.kindling.nn.MaxPool2d;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.nn.Unflatten;

/**
 * A small convolutional network for square one-channel images given as rows of side² pixel columns
 * (row by row, as the digits data stores them): two conv → batch norm → ReLU → 2×2 max-pool blocks,
 * then one Linear layer. For 8×8 digits: [N, 64] → [N, 1, 8, 8] → ... → [N, 32, 2, 2] → [N, 128] → [N, 10].
 */
final class Cnn {
    /** Smallest side two 2×2 poolings leave at least one pixel of. */
    static final int MIN_SIDE = 4;

    private Cnn() {}

    static Sequential build(int side, int classes) {
        int pooled = side / 2 / 2;
        return new Sequential(
                new Unflatten(1, 1, side, side),
                new Conv2d(1, 16, 3, 1, 1), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 3, 1, 1), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(32 * pooled * pooled, classes));
    }

    /** The image side for {@code features} pixel columns; a usage error when they are not a square image. */
    static int side(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        if (side * side != features || side < MIN_SIDE) {
            throw new UsageError("--model cnn needs square images of at least " + MIN_SIDE + "×" + MIN_SIDE
                    + " pixels, one column per pixel; " + features + " feature column" + (features == 1 ? " is" : "s are")
                    + " not (digits has 64 = 8×8); use --model mlp for tabular data");
        }
        return side;
    }
}
