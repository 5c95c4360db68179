package org.kindling.cli;

import org.kindling.Autograd;
import org.kindling.Tensor;

/** How many rows a classifier gets right: the largest logit's index against the class index. */
final class Accuracy {
    /** Names of the per-epoch accuracies in metrics.jsonl. */
    static final String TRAIN = "accuracy", VALIDATION = "val_accuracy";

    private Accuracy() {}

    /** Rows of {@code logits} [N, C] whose argmax equals {@code classes} [N] (int64). */
    static long correct(Tensor logits, Tensor classes) {
        try (var g = Autograd.noGrad()) {
            long[] predicted = logits.detach().argmax(1, false).toLongArray();
            long[] truth = classes.toLongArray();
            long n = 0;
            for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) n++;
            return n;
        }
    }
}
