package org.kindling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** pow's fast paths against PyTorch 1.13's float32 bits; number in-place ops; dtype factories; int64 arange. */
class PowAndInPlaceTest {
    private static final float[] BASE = {1.1f, -2.3f, 3.7f, 0.3f, 12.345f};

    private static float[] abs(float[] v) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) out[i] = Math.abs(out[i]);
        return out;
    }

    /**
     * a = torch.tensor([1.1, -2.3, 3.7, 0.3, 12.345]); [float(v) for v in a.pow(e)] (a.abs() for
     * fractional e), torch 1.13.1. Exact bits for PyTorch's special cases (3, -2, 0.5, -0.5, -1).
     */
    @Test
    void powMatchesTorchBits() {
        assertPow(3, BASE, new float[] {1.3310000896453857f, -12.166999816894531f, 50.65300369262695f, 0.027000002562999725f, 1881.3660888671875f}, 0);
        assertPow(-2, BASE, new float[] {0.8264462351799011f, 0.18903592228889465f, 0.073046013712883f, 11.11111068725586f, 0.006561721675097942f}, 0);
        assertPow(0.5, abs(BASE), new float[] {1.0488088130950928f, 1.5165750980377197f, 1.9235384464263916f, 0.547722578048706f, 3.513545274734497f}, 0);
        assertPow(-0.5, abs(BASE), new float[] {0.9534626007080078f, 0.6593804955482483f, 0.5198752284049988f, 1.8257417678833008f, 0.2846128046512604f}, 0);
        assertPow(-1, BASE, new float[] {0.9090908765792847f, -0.43478262424468994f, 0.2702702581882477f, 3.3333332538604736f, 0.08100445568561554f}, 0);
        // powf elsewhere: within one float ulp
        assertPow(4, BASE, new float[] {1.4641001224517822f, 27.984098434448242f, 187.41610717773438f, 0.008100001141428947f, 23225.46484375f}, 1);
        assertPow(5, BASE, new float[] {1.610510230064392f, -64.3634262084961f, 693.4396362304688f, 0.002430000575259328f, 286718.375f}, 1);
        assertPow(-3, BASE, new float[] {0.7513147592544556f, -0.08218953758478165f, 0.019742166623473167f, 37.03703308105469f, 0.0005315286689437926f}, 1);
        assertPow(7, BASE, new float[] {1.9487173557281494f, -340.48248291015625f, 9493.1884765625f, 0.0002187000645790249f, 43695600.0f}, 1);
        assertPow(2.5, abs(BASE), new float[] {1.2690588235855103f, 8.022682189941406f, 26.333242416381836f, 0.049295034259557724f, 535.4608764648438f}, 1);
    }

    private static void assertPow(double e, float[] base, float[] expected, int ulps) {
        float[] got = Tensor.of(base).pow(e).toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertTrue(Math.abs(got[i] - expected[i]) <= ulps * Math.ulp(expected[i]),
                    "pow " + e + " [" + i + "]: expected " + expected[i] + ", got " + got[i]);
        }
    }

    @Test
    void powZeroAndOneAndDouble() {
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, Tensor.of(BASE).pow(0).toFloatArray());
        assertArrayEquals(BASE, Tensor.of(BASE).pow(1).toFloatArray());
        assertArrayEquals(new double[] {8, -27, 0.125}, Tensor.of(DType.FLOAT64, 2.0, -3.0, 0.5).pow(3).toDoubleArray());
        assertEquals(Math.pow(1.7, 6), Tensor.of(DType.FLOAT64, 1.7).pow(6).toDoubleArray()[0], 1e-15);
    }

    @Test
    void multipliedPowersKeepMathPowsEdgeCases() {
        float[] edge = {-0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -2f, Float.NaN};
        for (double e : new double[] {4, -3, 2.5, -1.5, 7}) {
            float[] got = Tensor.of(edge).pow(e).toFloatArray();
            for (int i = 0; i < edge.length; i++) {
                assertEquals((float) Math.pow(edge[i], e), got[i], "pow(" + edge[i] + ", " + e + ")");
            }
        }
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 10000; i++) { // within one float ulp of the correctly rounded power
            float v = (float) Math.exp(r.nextGaussian() * 3);
            for (double e : new double[] {4, 5, -3, 2.5, -1.5, 6.5}) {
                float expected = (float) Math.pow(v, e), got = Tensor.of(v).pow(e).toFloatArray()[0];
                assertTrue(Math.abs(got - expected) <= Math.ulp(expected), v + "^" + e + ": " + got + " vs " + expected);
            }
        }
    }

    @Test
    void powTensorBroadcastsAndNamesBothShapesOnMismatch() {
        Tensor r = Tensor.of(new float[][] {{1, 2}, {3, 4}}).pow(Tensor.of(2f, 0.5f));
        assertArrayEquals(new int[] {2, 2}, r.shape());
        assertArrayEquals(new float[] {1, (float) Math.sqrt(2), 9, 2}, r.toFloatArray(), 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(2, 3).pow(Tensor.ones(4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void numberInPlaceOps() {
        Tensor t = Tensor.of(1f, 2f, 4f);
        assertSame(t, t.addInPlace(1.5));
        assertArrayEquals(new float[] {2.5f, 3.5f, 5.5f}, t.toFloatArray());
        t.subInPlace(0.5).divInPlace(2);
        assertArrayEquals(new float[] {1f, 1.5f, 2.5f}, t.toFloatArray());
        Tensor strided = Tensor.of(DType.FLOAT64, new double[][] {{1, 2}, {3, 4}}).t();
        strided.addInPlace(10);
        assertArrayEquals(new double[] {11, 13, 12, 14}, strided.toDoubleArray());
        Tensor ints = Tensor.of(1L, 2L);
        ints.addInPlace(3);
        assertArrayEquals(new long[] {4, 5}, ints.toLongArray());
        assertThrows(IllegalArgumentException.class, () -> ints.divInPlace(2));
        Tensor leaf = Tensor.ones(2).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> leaf.addInPlace(1));
    }

    @Test
    void maskedFillInPlaceBroadcastsMaskAndRefusesWiderMask() {
        Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        t.maskedFillInPlace(Tensor.of(1L, 0L).ne(0), -1);
        assertArrayEquals(new float[] {-1, 2, -1, 4}, t.toFloatArray());
        Tensor column = Tensor.of(new float[][] {{1, 2}, {3, 4}}).t();
        column.maskedFillInPlace(Tensor.of(0L, 1L).ne(0), 9);
        assertArrayEquals(new float[] {1, 9, 2, 9}, column.toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(2).maskedFillInPlace(Tensor.ones(3, 2).ne(0), 0));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void likeFactoriesTakeADtypeAndArangeWithIntegersIsInt64() {
        Tensor x = Tensor.ones(2, 3);
        assertEquals(DType.FLOAT64, x.zerosLike(DType.FLOAT64).dtype());
        assertEquals(DType.INT64, x.onesLike(DType.INT64).dtype());
        assertArrayEquals(new long[] {7, 7, 7, 7, 7, 7}, x.fullLike(7, DType.INT64).toLongArray());
        assertArrayEquals(new int[] {2, 3}, x.randnLike(DType.FLOAT64).shape());
        assertEquals(DType.FLOAT64, x.randLike(DType.FLOAT64).dtype());
        Tensor r = Tensor.arange(2, 6);
        assertEquals(DType.INT64, r.dtype());
        assertArrayEquals(new long[] {2, 3, 4, 5}, r.toLongArray());
    }

    @Test
    void topkReturnsSortedValuesAndIndices() {
        Tensor.ValuesAndIndices r = Tensor.of(new float[][] {{3, 1, 4, 1.5f}, {9, 2, 6, 5}}).topk(2, 1, false);
        assertArrayEquals(new float[] {1, 1.5f, 2, 5}, r.values().toFloatArray());
        assertArrayEquals(new long[] {1, 3, 1, 3}, r.indices().toLongArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).topk(4, 1, true));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void reductionsOfTheSecondBatch() {
        Tensor x = Tensor.of(DType.FLOAT64, new double[][] {{1, 2, 3, 4}, {2, 2, 2, 2}});
        assertArrayEquals(new double[] {1.6666666666666667, 0}, x.var(1, true, false).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 0}, x.std(1, false, false).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1, 3, 6, 10, 2, 4, 6, 8}, x.cumsum(1).toDoubleArray());
        assertEquals(Math.log(4 * Math.exp(2)), x.logsumexp(1, false).toDoubleArray()[1], 1e-12);
        assertArrayEquals(new double[] {10, 8}, x.vectorNorm(1, 1, false).toDoubleArray());
        assertArrayEquals(new double[] {4, 2}, x.vectorNorm(Double.POSITIVE_INFINITY, 1, false).toDoubleArray());
        assertEquals(DType.INT64, Tensor.of(1L, 2L).cumsum(0).dtype());
        // PyTorch's defaults: unbiased, dim removed; topk largest
        assertTrue(x.var(1).equalValues(x.var(1, true, false)) && x.std(0).equalValues(x.std(0, true, false)));
        assertTrue(x.logsumexp(1).equalValues(x.logsumexp(1, false)));
        assertArrayEquals(new long[] {3, 0}, x.topk(1, 1).indices().toLongArray());
    }
}
