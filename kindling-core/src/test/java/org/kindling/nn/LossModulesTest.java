package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss modules against PyTorch 1.13.1: every value below was printed by the snippet above it
 * ({@code repr(v.item())} or {@code v.tolist()}), and is compared at 1e-6 (float32 sums need not
 * add in the same order).
 */
class LossModulesTest {
    private static final double TOL = 1e-6;

    /** {@code logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 2.0], [0.3, 0.3, 0.3], [-2.0, 1.0, 0.0]])}. */
    private static Tensor logits() {
        return Tensor.of(new float[][] {{1, 2, 0.5f}, {0.1f, -1, 2}, {0.3f, 0.3f, 0.3f}, {-2, 1, 0}});
    }

    /** {@code tgt = torch.tensor([1, 2, -100, 0])}. */
    private static final Tensor IGNORING = Tensor.of(1L, 2L, -100L, 0L);
    /** {@code tgt2 = torch.tensor([1, 2, 1, 0])}. */
    private static final Tensor PLAIN = Tensor.of(1L, 2L, 1L, 0L);
    /** {@code w = torch.tensor([0.5, 2.0, 1.5])}. */
    private static final Tensor CLASS_WEIGHT = Tensor.of(0.5f, 2f, 1.5f);

    private static void assertLoss(double expected, Tensor loss) {
        assertEquals(0, loss.dim());
        assertEquals(expected, loss.itemDouble(), TOL);
    }

    private static void assertLosses(double[] expected, Tensor loss) {
        assertArrayEquals(expected, loss.toDoubleArray(), TOL);
    }

    @Test
    void reprsAreBareClassNames() {
        // repr(nn.MSELoss()), repr(nn.L1Loss()), ... for each class
        List<Loss> losses = List.of(new MSELoss(), new L1Loss(), new HuberLoss(), new SmoothL1Loss(), new BCELoss(),
                new BCEWithLogitsLoss(), new CrossEntropyLoss(), new NLLLoss());
        List<String> reprs = List.of("MSELoss()", "L1Loss()", "HuberLoss()", "SmoothL1Loss()", "BCELoss()",
                "BCEWithLogitsLoss()", "CrossEntropyLoss()", "NLLLoss()");
        for (int i = 0; i < losses.size(); i++) {
            assertEquals(reprs.get(i), losses.get(i).toString());
            assertEquals(Reduction.MEAN, losses.get(i).reduction());
            assertEquals(List.of(), losses.get(i).parameters());
        }
        assertEquals(Reduction.SUM, new MSELoss(Reduction.SUM).reduction());
        assertThrows(UnsupportedOperationException.class, () -> new MSELoss().forward(Tensor.zeros(1)));
        assertThrows(IllegalArgumentException.class, () -> new MSELoss(null));
    }

    /*
     * a = torch.tensor([0.0, 0.5, 2.0, -3.0]); b = torch.tensor([0.1, 2.0, 0.0, -3.5])
     * for red in ['mean', 'sum', 'none']: nn.HuberLoss(reduction=red, delta=0.5)(a, b), nn.SmoothL1Loss(reduction=red, beta=0.5)(a, b),
     *                                       nn.MSELoss(reduction=red)(a, b), nn.L1Loss(reduction=red)(a, b)
     */
    @Test
    void regressionLosses() {
        Tensor a = Tensor.of(0f, 0.5f, 2f, -3f);
        Tensor b = Tensor.of(0.1f, 2f, 0f, -3.5f);
        assertLoss(0.4074999988079071, new HuberLoss(Reduction.MEAN, 0.5).forward(a, b));
        assertLoss(1.6299999952316284, new HuberLoss(Reduction.SUM, 0.5).forward(a, b));
        assertLosses(new double[] {0.005000000353902578, 0.625, 0.875, 0.125}, new HuberLoss(Reduction.NONE, 0.5).forward(a, b));
        assertLoss(0.8149999976158142, new SmoothL1Loss(Reduction.MEAN, 0.5).forward(a, b));
        assertLoss(3.259999990463257, new SmoothL1Loss(Reduction.SUM, 0.5).forward(a, b));
        assertLosses(new double[] {0.010000000707805157, 1.25, 1.75, 0.25}, new SmoothL1Loss(Reduction.NONE, 0.5).forward(a, b));
        assertLoss(1.627500057220459, new MSELoss().forward(a, b));
        assertLoss(6.510000228881836, new MSELoss(Reduction.SUM).forward(a, b));
        assertLosses(new double[] {0.010000000707805157, 2.25, 4.0, 0.25}, new MSELoss(Reduction.NONE).forward(a, b));
        assertLoss(1.024999976158142, new L1Loss().forward(a, b));
        assertLoss(4.099999904632568, new L1Loss(Reduction.SUM).forward(a, b));
        assertLosses(new double[] {0.10000000149011612, 1.5, 2.0, 0.5}, new L1Loss(Reduction.NONE).forward(a, b));
        // Defaults delta = beta = 1: HuberLoss and SmoothL1Loss agree there.
        assertLoss(new HuberLoss().forward(a, b).itemDouble(), new SmoothL1Loss().forward(a, b));
    }

    /*
     * F.huber_loss(x, x, delta=0.0)    -> RuntimeError: huber_loss does not support non-positive values for delta.
     * F.smooth_l1_loss(x, x, beta=-1.0) -> RuntimeError: smooth_l1_loss does not support negative values for beta.
     * F.smooth_l1_loss(x, 2 * x, beta=0.0) is the L1 loss.
     */
    @Test
    void hyperparametersAreValidated() {
        assertEquals("huber_loss does not support non-positive values for delta.",
                assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Reduction.MEAN, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Reduction.MEAN, -1));
        assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss(Reduction.MEAN, -1));
        Tensor x = Tensor.of(1f, -2f);
        assertLoss(new L1Loss().forward(x, x.mul(2)).itemDouble(), new SmoothL1Loss(Reduction.MEAN, 0).forward(x, x.mul(2)));
        // nn.CrossEntropyLoss(label_smoothing=1.5)(...) -> RuntimeError: label_smoothing must be between 0.0 and 1.0. Got: 1.5
        assertEquals("label_smoothing must be between 0.0 and 1.0. Got: 1.5",
                assertThrows(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss(null, -100, Reduction.MEAN, 1.5)).getMessage());
    }

    /*
     * p = torch.tensor([[0.2, 0.9], [0.7, 0.01], [0.5, 0.999]]); t = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
     * bw = torch.tensor([2.0, 0.5])
     * nn.BCELoss(weight=bw, reduction=red)(p, t); nn.BCELoss(reduction=red)(p, t); nn.BCEWithLogitsLoss(reduction=red)(torch.logit(p), t)
     */
    @Test
    void binaryCrossEntropy() {
        Tensor p = Tensor.of(new float[][] {{0.2f, 0.9f}, {0.7f, 0.01f}, {0.5f, 0.999f}});
        Tensor t = Tensor.of(new float[][] {{0, 1}, {1, 0}, {1, 1}});
        Tensor bw = Tensor.of(2f, 0.5f);
        assertLoss(0.43402281403541565, new BCELoss(bw, Reduction.MEAN).forward(p, t));
        assertLoss(2.6041369438171387, new BCELoss(bw, Reduction.SUM).forward(p, t));
        assertLosses(new double[] {0.4462870657444, 0.05268027260899544, 0.7133499383926392, 0.005025163292884827,
                1.3862943649291992, 0.0005002437392249703}, new BCELoss(bw, Reduction.NONE).forward(p, t));
        assertLoss(0.2315628081560135, new BCELoss().forward(p, t));
        assertLoss(1.3893768787384033, new BCELoss(Reduction.SUM).forward(p, t));
        assertLosses(new double[] {0.2231435328722, 0.10536054521799088, 0.3566749691963196, 0.010050326585769653,
                0.6931471824645996, 0.0010004874784499407}, new BCELoss(Reduction.NONE).forward(p, t));
        // torch.logit(p), printed as float32
        Tensor logit = Tensor.of(new float[][] {{-1.3862944f, 2.1972244f}, {0.84729785f, -4.59512f}, {0.0f, 6.906768f}});
        assertLoss(0.23156285285949707, new BCEWithLogitsLoss().forward(logit, t));
        assertLoss(1.3893771171569824, new BCEWithLogitsLoss(Reduction.SUM).forward(logit, t));
        assertLosses(new double[] {0.2231435477733612, 0.10536056011915207, 0.3566749691963196, 0.010050286538898945,
                0.6931471824645996, 0.0010004997020587325}, new BCEWithLogitsLoss(Reduction.NONE).forward(logit, t));
    }

    /* for red in ['mean', 'sum', 'none']: nn.CrossEntropyLoss(reduction=red)(logits, tgt2); nn.NLLLoss(reduction=red)(F.log_softmax(logits, 1), tgt2) */
    @Test
    void crossEntropyAndNll() {
        double[] none = {0.4643687903881073, 0.1817845106124878, 1.0986123085021973, 3.3490121364593506};
        assertLoss(1.273444414138794, new CrossEntropyLoss().forward(logits(), PLAIN));
        assertLoss(5.093777656555176, new CrossEntropyLoss(Reduction.SUM).forward(logits(), PLAIN));
        assertLosses(none, new CrossEntropyLoss(Reduction.NONE).forward(logits(), PLAIN));
        Tensor logp = logits().logSoftmax(1);
        assertLoss(1.273444414138794, new NLLLoss().forward(logp, PLAIN));
        assertLoss(5.093777656555176, new NLLLoss(Reduction.SUM).forward(logp, PLAIN));
        assertLosses(none, new NLLLoss(Reduction.NONE).forward(logp, PLAIN));
        // nn.CrossEntropyLoss()(logits[0], torch.tensor(1)) -> 0.4643687903881073 (unbatched)
        assertLoss(0.4643687903881073, new CrossEntropyLoss().forward(Tensor.of(1f, 2f, 0.5f), Tensor.scalar(1L)));
    }

    /*
     * nn.CrossEntropyLoss(weight=w, ignore_index=-100, reduction=red)(logits, tgt)
     * nn.CrossEntropyLoss(weight=w, ignore_index=2, reduction=red)(logits, tgt2)
     * nn.NLLLoss(weight=w, ignore_index=-100, reduction=red)(F.log_softmax(logits, 1), tgt)
     */
    @Test
    void classWeightsAndIgnoredTargets() {
        double[] none = {0.9287375807762146, 0.2726767659187317, 0.0, 1.6745060682296753};
        assertLoss(0.7189801335334778, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.MEAN, 0).forward(logits(), IGNORING));
        assertLoss(2.875920534133911, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.SUM, 0).forward(logits(), IGNORING));
        assertLosses(none, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.NONE, 0).forward(logits(), IGNORING));
        assertLoss(1.0667707920074463, new CrossEntropyLoss(CLASS_WEIGHT, 2, Reduction.MEAN, 0).forward(logits(), PLAIN));
        assertLoss(4.800468444824219, new CrossEntropyLoss(CLASS_WEIGHT, 2, Reduction.SUM, 0).forward(logits(), PLAIN));
        assertLosses(new double[] {0.9287375807762146, 0.0, 2.1972246170043945, 1.6745060682296753},
                new CrossEntropyLoss(CLASS_WEIGHT, 2, Reduction.NONE, 0).forward(logits(), PLAIN));
        Tensor logp = logits().logSoftmax(1);
        assertLoss(0.7189801335334778, new NLLLoss(CLASS_WEIGHT, -100, Reduction.MEAN).forward(logp, IGNORING));
        assertLoss(2.875920534133911, new NLLLoss(CLASS_WEIGHT, -100, Reduction.SUM).forward(logp, IGNORING));
        assertLosses(none, new NLLLoss(CLASS_WEIGHT, -100, Reduction.NONE).forward(logp, IGNORING));
        // nn.CrossEntropyLoss()(logits[:1], torch.tensor([-100])) -> nan (0 / 0)
        assertTrue(Double.isNaN(new CrossEntropyLoss().forward(Tensor.of(new float[][] {{1, 2, 0.5f}}), Tensor.of(-100L)).itemDouble()));
    }

    /*
     * nn.CrossEntropyLoss(weight=w, ignore_index=-100, reduction=red, label_smoothing=0.1)(logits, tgt)
     * nn.CrossEntropyLoss(reduction=red, label_smoothing=0.2)(logits, tgt2)
     * nn.CrossEntropyLoss(label_smoothing=0.1)(logits, tgt) -> 1.3583884239196777 (1.13 divides by the 3 kept targets)
     */
    @Test
    void labelSmoothing() {
        assertLoss(0.7860876321792603, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.MEAN, 0.1).forward(logits(), IGNORING));
        assertLoss(3.144350528717041, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.SUM, 0.1).forward(logits(), IGNORING));
        assertLosses(new double[] {0.9894463419914246, 0.5013136863708496, 0.0, 1.6535903215408325},
                new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.NONE, 0.1).forward(logits(), IGNORING));
        assertLoss(1.3134443759918213, new CrossEntropyLoss(null, -100, Reduction.MEAN, 0.2).forward(logits(), PLAIN));
        assertLoss(5.253777503967285, new CrossEntropyLoss(null, -100, Reduction.SUM, 0.2).forward(logits(), PLAIN));
        assertLosses(new double[] {0.6310354471206665, 0.5084512233734131, 1.0986123085021973, 3.015678882598877},
                new CrossEntropyLoss(null, -100, Reduction.NONE, 0.2).forward(logits(), PLAIN));
        assertLoss(1.3583884239196777, new CrossEntropyLoss(null, -100, Reduction.MEAN, 0.1).forward(logits(), IGNORING));
    }

    /*
     * l = logits.clone().requires_grad_()
     * nn.CrossEntropyLoss(weight=w, label_smoothing=0.1)(l, tgt).backward(); l.grad.tolist()
     * nn.CrossEntropyLoss(label_smoothing=0.1)(l, tgt).backward(); l.grad.tolist()
     */
    @Test
    void labelSmoothingGradients() {
        Tensor l = logits().requiresGrad(true);
        new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.MEAN, 0.1).forward(l, IGNORING).backward();
        assertArrayEquals(new double[] {0.10759153962135315, -0.16287635266780853, 0.0552847795188427,
                0.04207902029156685, -0.0012728185392916203, -0.04080619663000107, 0, 0, 0,
                -0.1115451380610466, 0.08620192110538483, 0.025343237444758415}, l.grad().toDoubleArray(), TOL);
        Tensor u = logits().requiresGrad(true);
        new CrossEntropyLoss(null, -100, Reduction.MEAN, 0.1).forward(u, IGNORING).backward();
        assertArrayEquals(new double[] {0.065963514149189, -0.1016005426645279, 0.035637013614177704,
                0.03045804426074028, 0.002726056380197406, -0.03318410739302635, 0, 0, 0,
                -0.29940474033355713, 0.22401705384254456, 0.07538770884275436}, u.grad().toDoubleArray(), TOL);
    }

    /*
     * x3 = torch.tensor([[[1.0, 0.0], [2.0, -1.0], [0.5, 0.5]], [[0.0, 1.0], [1.0, 1.0], [-1.0, 2.0]]])   # [N=2, C=3, d=2]
     * t3 = torch.tensor([[1, 2], [0, -100]])
     * for ls in [0.0, 0.3]: nn.CrossEntropyLoss(weight=w, label_smoothing=ls)(x3, t3), nn.CrossEntropyLoss(label_smoothing=ls)(x3, t3)
     */
    @Test
    void spatialTargets() {
        Tensor x3 = Tensor.of(new float[][][] {{{1, 0}, {2, -1}, {0.5f, 0.5f}}, {{0, 1}, {1, 1}, {-1, 2}}});
        Tensor t3 = Tensor.of(new long[][] {{1, 2}, {0, -100}});
        assertLoss(0.634684145450592, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.MEAN, 0).forward(x3, t3));
        assertLoss(0.8253684043884277, new CrossEntropyLoss().forward(x3, t3));
        assertLoss(0.8293894529342651, new CrossEntropyLoss(CLASS_WEIGHT, -100, Reduction.MEAN, 0.3).forward(x3, t3));
        assertLoss(0.9753684401512146, new CrossEntropyLoss(null, -100, Reduction.MEAN, 0.3).forward(x3, t3));
    }
}
