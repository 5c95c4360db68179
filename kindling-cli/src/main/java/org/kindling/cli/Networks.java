package org.kindling.cli;

import org.kindling.nn.Sequential;

/** The network a run configuration names: {@link Mlp} or {@link Cnn}; shared by training and predict. */
final class Networks {
    private Networks() {}

    /** A fresh network for {@code inputs} feature columns and {@code outputs} outputs (targets, or classes). */
    static Sequential build(RunConfig c, int inputs, int outputs) {
        return RunConfig.CNN.equals(c.modelKind()) ? Cnn.build(Cnn.side(inputs), outputs)
                : Mlp.build(inputs, c.hidden(), outputs, c.activation());
    }

    /** How many outputs the network of {@code c} has: one per class when classifying, else one per target. */
    static int outputs(RunConfig c) {
        return c.classifies() ? c.classes().size() : c.targets().size();
    }

    /** The network in a few words, for the training line and the report. */
    static String describe(RunConfig c, int inputs) {
        int out = outputs(c);
        if (RunConfig.CNN.equals(c.modelKind())) {
            int side = Cnn.side(inputs);
            return "cnn " + side + "×" + side + " → conv16 → conv32 → " + out;
        }
        return inputs + " → " + c.hidden() + " → " + out + " (" + c.activation() + ")";
    }
}
