package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** BatchNorm1d/2d and LayerNorm: reprs, state-dict keys, train/eval behaviour, values from PyTorch 1.13. */
class NormalizationModulesTest {
    private static Tensor input() {
        return Tensor.of(new float[][][][] {
            {{{1, 2}, {3, 4}}, {{-1, 0.5f}, {2, -3}}},
            {{{0, 1}, {-2, 5}}, {{1.5f, 2.5f}, {-0.5f, 0}}}});
    }

    @Test
    void reprsMatchTorch() {
        assertEquals("BatchNorm1d(5, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm1d(5).toString());
        assertEquals("BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)",
                new BatchNorm2d(3, 1e-5, 0.1, false, false).toString());
        assertEquals("BatchNorm2d(3, eps=1e-05, momentum=None, affine=True, track_running_stats=True)",
                new BatchNorm2d(3, 1e-5, null, true, true).toString());
        assertEquals("LayerNorm((6,), eps=1e-05, elementwise_affine=True)", new LayerNorm(6).toString());
        assertEquals("LayerNorm((3, 4), eps=1e-05, elementwise_affine=False)",
                new LayerNorm(new int[] {3, 4}, 1e-5, false).toString());
    }

    @Test
    void stateDictKeysMatchTorch() {
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(new BatchNorm2d(3).stateDict().keySet()));
        assertTrue(new BatchNorm2d(3, 1e-5, 0.1, false, false).stateDict().isEmpty());
        assertEquals(List.of("weight", "bias"), List.copyOf(new LayerNorm(3).stateDict().keySet()));
        BatchNorm2d bn = new BatchNorm2d(3);
        assertEquals(2, bn.parameters().size()); // running statistics are buffers, not parameters
        assertEquals(DType.INT64, bn.stateDict().get("num_batches_tracked").dtype());
        assertEquals(0, bn.stateDict().get("num_batches_tracked").dim());
    }

    /**
     * x = the 2×2×2×2 input above; bn = nn.BatchNorm2d(2); bn(x); bn(x*2+1)
     * → running_mean [0.6075000166893005, 0.17249999940395355], running_var [3.2950000762939453,
     * 2.3849997520446777], num_batches_tracked 2; bn.eval(); bn(x).flatten()[:4] → [0.2162276804447174,
     * 0.767126202583313, 1.318024754524231, 1.868923306465149], num_batches_tracked still 2.
     */
    @Test
    void trainingUpdatesRunningStatisticsAndEvalUsesThem() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.forward(input());
        bn.forward(input().mul(2).add(1));
        assertArrayEquals(new float[] {0.6075000166893005f, 0.17249999940395355f}, bn.runningMean().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {3.2950000762939453f, 2.3849997520446777f}, bn.runningVar().toFloatArray(), 1e-6f);
        assertEquals(2, bn.numBatchesTracked().itemLong());
        bn.eval();
        float[] y = bn.forward(input()).toFloatArray();
        assertArrayEquals(new float[] {0.2162276804447174f, 0.767126202583313f, 1.318024754524231f, 1.868923306465149f},
                java.util.Arrays.copyOf(y, 4), 1e-6f);
        assertEquals(2, bn.numBatchesTracked().itemLong());
    }

    /** bn = nn.BatchNorm2d(2, momentum=None); bn(x); bn(x*2+1) → running_mean [3.125, 0.875], running_var [12.678571701049805, 8.035714149475098]. */
    @Test
    void momentumNoneAveragesCumulatively() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, null, true, true);
        bn.forward(input());
        bn.forward(input().mul(2).add(1));
        assertArrayEquals(new float[] {3.125f, 0.875f}, bn.runningMean().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {12.678571701049805f, 8.035714149475098f}, bn.runningVar().toFloatArray(), 1e-5f);
    }

    @Test
    void stateDictRoundTripCarriesRunningStatisticsAndBatchCount() {
        BatchNorm2d trained = new BatchNorm2d(2);
        trained.forward(input());
        BatchNorm2d fresh = new BatchNorm2d(2);
        fresh.loadStateDict(trained.stateDict());
        assertTrue(fresh.runningMean().equalValues(trained.runningMean()));
        assertTrue(fresh.runningVar().equalValues(trained.runningVar()));
        assertEquals(1, fresh.numBatchesTracked().itemLong());
        fresh.eval();
        trained.eval();
        assertTrue(fresh.forward(input()).equalValues(trained.forward(input())));
    }

    @Test
    void withoutRunningStatisticsEvalStillNormalizesWithTheBatch() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, false, false);
        Tensor train = bn.forward(input());
        bn.eval();
        assertTrue(bn.forward(input()).allClose(train));
        assertNull(bn.runningMean());
    }

    @Test
    void batchNormGradientsReachWeightAndBias() {
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.forward(Tensor.randn(4, 3)).mul(Tensor.of(1f, 2f, 3f)).sum().backward();
        assertNotNull(bn.weight().grad());
        assertArrayEquals(new float[] {4, 8, 12}, bn.bias().grad().toFloatArray(), 1e-5f);
    }

    @Test
    void badInputsAreNamedWithTheirShapes() {
        assertEquals("expected 4D input (got 3D input)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2).forward(Tensor.ones(2, 2, 3))).getMessage());
        assertEquals("expected 2D or 3D input (got 4D input)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(2).forward(Tensor.ones(2, 2, 3, 3))).getMessage());
        String channels = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(4, 5))).getMessage();
        assertTrue(channels.contains("[3]") && channels.contains("[4, 5]"), channels);
        String single = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(1, 3))).getMessage();
        assertTrue(single.contains("more than 1 value per channel") && single.contains("[1, 3]"), single);
        String ln = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(4).forward(Tensor.ones(2, 3))).getMessage();
        assertTrue(ln.contains("[4]") && ln.contains("[2, 3]"), ln);
    }

    /**
     * ln = nn.LayerNorm(4); weight [1, 2, 0.5, -1], bias [0, 0.1, 0.2, 0.3];
     * ln(torch.tensor([[1., 2., 3., 5.], [-1., 0., 0., 4.]])).
     */
    @Test
    void layerNormValuesMatchTorch() {
        LayerNorm ln = new LayerNorm(4);
        try (var g = org.kindling.Autograd.noGrad()) {
            ln.weight().copyInPlace(Tensor.of(1f, 2f, 0.5f, -1f));
            ln.bias().copyInPlace(Tensor.of(0f, 0.1f, 0.2f, 0.3f));
        }
        float[] y = ln.forward(Tensor.of(new float[][] {{1, 2, 3, 5}, {-1, 0, 0, 4}})).toFloatArray();
        assertArrayEquals(new float[] {-1.183213233947754f, -0.9141827821731567f, 0.2845152020454407f, -1.2212741374969482f,
            -0.9113211631774902f, -0.681132435798645f, 0.004716888070106506f, -1.3924534320831299f}, y, 1e-6f);
    }
}
