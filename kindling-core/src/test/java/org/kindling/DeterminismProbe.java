package org.kindling;

import org.kindling.nn.Functional;
import org.kindling.nn.Linear;
import org.kindling.nn.Module;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.nn.Tanh;
import org.kindling.optim.Adam;
import org.kindling.optim.SGD;

import java.util.ArrayList;
import java.util.List;

/**
 * A short training run that touches every kind of kernel a small model uses (narrow and wide
 * Linear layers, matrix-vector products, sums, MSE, sin/exp/tanh, SGD with momentum and Adam), and
 * reports every loss and final weight as raw bits. {@link DeterminismTest} runs it in this JVM and,
 * through {@link #main}, in a forked JVM under {@code -Xint}: the two must print the same bits.
 */
public final class DeterminismProbe {
    private DeterminismProbe() {}

    /** Loss bits of every step, then the bits of every final parameter, one hex word per value. */
    public static List<String> run() {
        Kindling.manualSeed(3);
        Tensor x = Tensor.rand(96, 3).mul(4).sub(2);
        Tensor y = x.sin().sum(1, true).add(x.exp().mul(0.1).mean(1, true)).tanh();
        Module narrow = new Sequential(new Linear(3, 32), new ReLU(), new Linear(32, 1));
        Module wide = new Sequential(new Linear(3, 48), new Tanh(), new Linear(48, 40), new ReLU(), new Linear(40, 1));
        SGD sgd = new SGD(narrow.parameters(), SGD.options().lr(0.02).momentum(0.9));
        Adam adam = new Adam(wide.parameters(), 0.005);
        List<String> bits = new ArrayList<>();
        for (int step = 0; step < 12; step++) {
            Tensor l1 = Functional.mseLoss(narrow.forward(x), y);
            sgd.zeroGrad();
            l1.backward();
            sgd.step();
            Tensor l2 = Functional.mseLoss(wide.forward(x), y);
            adam.zeroGrad();
            l2.backward();
            adam.step();
            bits.add(Integer.toHexString(Float.floatToRawIntBits(l1.item())));
            bits.add(Integer.toHexString(Float.floatToRawIntBits(l2.item())));
        }
        for (Module m : List.of(narrow, wide)) {
            for (Tensor p : m.parameters()) {
                for (float v : p.toFloatArray()) bits.add(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
        }
        return bits;
    }

    public static void main(String[] args) {
        System.out.println(String.join(" ", run()));
    }
}
