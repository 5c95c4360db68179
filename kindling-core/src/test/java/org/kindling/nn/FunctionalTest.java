package org.kindling.nn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.Warnings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Functional's module-level behaviour: the loss-shape warning (text from PyTorch 1.13.1), strict
 * mode, and the shape rules of the binary cross-entropies. Warnings are shown once per distinct
 * text, so each test uses shapes of its own.
 */
class FunctionalTest {
    private final List<String> warnings = new ArrayList<>();
    private Consumer<String> savedSink;

    @BeforeEach
    void captureWarnings() {
        savedSink = Warnings.setHandler(warnings::add);
    }

    @AfterEach
    void restore() {
        Warnings.setHandler(savedSink);
        Functional.setStrictLossShapes(false);
    }

    private static String pytorchWarning(String target, String input) {
        return "Using a target size (torch.Size([" + target + "])) that is different to the input size (torch.Size([" + input
                + "])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.";
    }

    /*
     * x = torch.tensor([[0.5], [1.5], [-1.0]]); y = torch.tensor([1.0, 2.0, 0.0])
     * with warnings.catch_warnings(record=True) as w: v = F.mse_loss(x, y)   # likewise l1_loss, smooth_l1_loss, huber_loss
     * -> 2.1666667461395264, 1.2222222089767456, 0.7777777910232544, 0.7777777910232544, each with the UserWarning
     * 'Using a target size (torch.Size([3])) that is different to the input size (torch.Size([3, 1])). This will likely
     *  lead to incorrect results due to broadcasting. Please ensure they have the same size.'
     */
    @Test
    void mismatchedShapesWarnWithPyTorchsTextAndBroadcast() {
        Tensor x = Tensor.of(new float[][] {{0.5f}, {1.5f}, {-1}});
        Tensor y = Tensor.of(1f, 2f, 0f);
        assertEquals(2.1666667461395264, Functional.mseLoss(x, y).itemDouble(), 1e-6);
        assertEquals(List.of(pytorchWarning("3", "3, 1")), warnings);
        assertEquals(1.2222222089767456, Functional.l1Loss(x, y).itemDouble(), 1e-6);
        assertEquals(0.7777777910232544, Functional.smoothL1Loss(x, y, Reduction.MEAN, 1).itemDouble(), 1e-6);
        assertEquals(0.7777777910232544, Functional.huberLoss(x, y, Reduction.MEAN, 1).itemDouble(), 1e-6);
        assertArrayEquals(new int[] {3, 3}, Functional.mseLoss(x, y, Reduction.NONE).shape());
    }

    /** Python's default filter shows a warning once per distinct text; a loop must not flood the log. */
    @Test
    void eachDistinctWarningIsShownOnce() {
        MSELoss loss = new MSELoss();
        for (int i = 0; i < 3; i++) loss.forward(Tensor.zeros(5, 1), Tensor.zeros(5));
        for (int i = 0; i < 3; i++) loss.forward(Tensor.zeros(6, 1), Tensor.zeros(6));
        assertEquals(List.of(pytorchWarning("5", "5, 1"), pytorchWarning("6", "6, 1")), warnings);
    }

    @Test
    void strictModeThrowsInstead() {
        Functional.setStrictLossShapes(true);
        assertTrue(Functional.isStrictLossShapes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MSELoss().forward(Tensor.zeros(7, 1), Tensor.zeros(7)));
        assertEquals("mse_loss: " + pytorchWarning("7", "7, 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L1Loss().forward(Tensor.zeros(7, 1), Tensor.zeros(7)));
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss().forward(Tensor.zeros(7, 1), Tensor.zeros(7)));
        assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss().forward(Tensor.zeros(7, 1), Tensor.zeros(7)));
        assertEquals(0.0, new MSELoss().forward(Tensor.zeros(7), Tensor.zeros(7)).itemDouble()); // equal shapes still work
        assertEquals(List.of(), warnings);
        Functional.setStrictLossShapes(false);
        assertFalse(Functional.isStrictLossShapes());
        new MSELoss().forward(Tensor.zeros(7, 1), Tensor.zeros(7));
        assertEquals(List.of(pytorchWarning("7", "7, 1")), warnings);
    }

    /*
     * F.binary_cross_entropy(p, y) with p [3, 1], y [3] -> ValueError: Using a target size (torch.Size([3])) that is
     *     different to the input size (torch.Size([3, 1])) is deprecated. Please ensure they have the same size.
     * F.binary_cross_entropy_with_logits(x, y) -> ValueError: Target size (torch.Size([3])) must be the same as input size (torch.Size([3, 1]))
     */
    @Test
    void binaryCrossEntropiesRefuseMismatchedShapes() {
        Tensor p = Tensor.of(new float[][] {{0.2f}, {0.7f}, {0.9f}});
        Tensor y = Tensor.of(1f, 2f, 0f);
        assertEquals("Using a target size (torch.Size([3])) that is different to the input size (torch.Size([3, 1])) is "
                        + "deprecated. Please ensure they have the same size.",
                assertThrows(IllegalArgumentException.class, () -> new BCELoss().forward(p, y)).getMessage());
        assertEquals("Target size (torch.Size([3])) must be the same as input size (torch.Size([3, 1]))",
                assertThrows(IllegalArgumentException.class, () -> new BCEWithLogitsLoss().forward(p, y)).getMessage());
        assertEquals(List.of(), warnings);
    }

    @Test
    void layers() {
        Tensor x = Tensor.of(new float[][] {{1, 2}});
        Tensor w = Tensor.of(new float[][] {{1, 0}, {0.5f, -1}});
        assertArrayEquals(new float[] {1, -1.5f}, Functional.linear(x, w, null).toFloatArray());
        assertArrayEquals(new float[] {2, -0.5f}, Functional.linear(x, w, Tensor.of(1f, 1f)).toFloatArray());
        assertSame(x, Functional.dropout(x, 0.5, false));
        assertSame(x, Functional.dropout(x, 0.5, false, new Generator(1)));
        assertArrayEquals(new float[] {0.26894143f, 0.7310586f}, Functional.softmax(x, 1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.02f, 2f}, Functional.leakyRelu(Tensor.of(-2f, 2f), 0.01).toFloatArray(), 1e-7f);
    }

    @Test
    void torchSizeFormat() {
        assertEquals("torch.Size([256, 1])", Functional.torchSize(new int[] {256, 1}));
        assertEquals("torch.Size([])", Functional.torchSize(new int[0]));
    }
}
