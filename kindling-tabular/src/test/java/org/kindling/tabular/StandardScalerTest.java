package org.kindling.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Tensor;

class StandardScalerTest {
    private static Tensor diabetesFeatures() throws URISyntaxException {
        Path file = Path.of(StandardScalerTest.class.getResource("/org/kindling/tabular/datasets/diabetes.csv").toURI());
        return Csv.read(file, "progression").features();
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(expected - actual) <= relative * Math.abs(expected),
                what + ": expected " + expected + " but was " + actual);
    }

    // scikit-learn 1.2.1 (Debian's python3-sklearn), on the float32 features of diabetes.csv:
    //   s = StandardScaler().fit(X[:300]); s.mean_, s.scale_, s.transform(X[300:303]), s.inverse_transform(...)
    private static final double[] SKLEARN_MEAN = {48.13333333333333, 1.4633333333333334, 26.189333299001056,
            94.24323338826497, 187.66, 114.39033315022786, 50.348333333333336, 3.9902000029881797, 4.611536324818929,
            90.65666666666667};
    private static final double[] SKLEARN_SCALE = {13.39709752977197, 0.4986537431480449, 4.31584897378558,
            13.586499574179992, 34.03700535201846, 30.036130539463883, 13.372839285490402, 1.283671803231916,
            0.5026469716665742, 11.463803421591319};
    private static final float[] SKLEARN_TRANSFORM = {
            0.36326277256011963f, -0.9291684627532959f, 1.6244004964828491f, -0.8518187999725342f,
            -0.048770446330308914f, -0.2527066469192505f, -0.32516157627105713f, 0.03879493102431297f,
            0.9956563711166382f, 0.9894912838935852f,
            -0.009952404536306858f, 1.0762311220169067f, -0.48410701751708984f, 1.15973699092865f,
            0.6269646883010864f, 0.6728454232215881f, 0.5721796751022339f, 0.00763434823602438f,
            -0.4075150191783905f, 0.8150290846824646f,
            0.288619726896286f, -0.9291684627532959f, 0.767095148563385f, 0.7424110770225525f,
            0.6857242584228516f, 0.6129174828529358f, -0.10082625597715378f, 0.2491290420293808f,
            0.7402089834213257f, 0.6405669450759888f};
    private static final float[] SKLEARN_INVERSE = {53, 1, 33.20000076293945f, 82.66999816894531f, 186,
            106.80000305175781f, 46, 4.039999961853027f, 5.111999988555908f, 102, 48, 2, 24.100000381469727f, 110, 209,
            134.60000610351562f, 58, 4, 4.406700134277344f, 100, 52, 1, 29.5f, 104.33000183105469f, 211,
            132.8000030517578f, 49, 4.309999942779541f, 4.98360013961792f, 98};

    @Test
    void matchesScikitLearnOnTheDiabetesTrainingRows() throws Exception {
        Tensor x = diabetesFeatures();
        StandardScaler scaler = StandardScaler.fit(x.narrow(0, 0, 300));
        double[] mean = scaler.mean().toDoubleArray();
        double[] scale = scaler.scale().toDoubleArray();
        for (int c = 0; c < 10; c++) {
            // NumPy sums pairwise, this class left to right: the statistics may differ in the last bits.
            assertClose(SKLEARN_MEAN[c], mean[c], 1e-14, "mean " + c);
            assertClose(SKLEARN_SCALE[c], scale[c], 1e-13, "scale " + c);
        }
        Tensor z = scaler.transform(x.narrow(0, 300, 3));
        assertEquals(DType.FLOAT32, z.dtype());
        assertArrayEquals(new int[] {3, 10}, z.shape());
        // The float32 results are rounded after the subtraction and after the division, as NumPy's
        // in-place ops do; they match scikit-learn's exactly.
        assertArrayEquals(SKLEARN_TRANSFORM, z.toFloatArray());
        assertArrayEquals(SKLEARN_INVERSE, scaler.inverseTransform(z).toFloatArray());
    }

    @Test
    void transformedTrainingColumnsHaveZeroMeanAndUnitPopulationStd() throws Exception {
        Tensor x = diabetesFeatures().toDouble();
        StandardScaler scaler = StandardScaler.fit(x);
        double[] z = scaler.transform(x).toDoubleArray();
        int n = x.size(0);
        for (int c = 0; c < 10; c++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += z[r * 10 + c];
            }
            double mean = sum / n;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                squares += (z[r * 10 + c] - mean) * (z[r * 10 + c] - mean);
            }
            assertEquals(0.0, mean, 1e-13, "column " + c);
            assertEquals(1.0, Math.sqrt(squares / n), 1e-13, "population std, column " + c);
        }
    }

    @Test
    void smallExampleByHand() {
        Tensor x = Tensor.of(DType.FLOAT64, new double[][] {{1, 10}, {2, 10}, {3, 10}, {6, 10}});
        StandardScaler scaler = StandardScaler.fit(x);
        // mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5; the second column is constant.
        assertArrayEquals(new double[] {3, 10}, scaler.mean().toDoubleArray());
        assertArrayEquals(new double[] {Math.sqrt(3.5), 1}, scaler.scale().toDoubleArray());
        assertArrayEquals(new double[] {-2 / Math.sqrt(3.5), 0, 3 / Math.sqrt(3.5), 0},
                scaler.transform(Tensor.of(DType.FLOAT64, new double[][] {{1, 10}, {6, 10}})).toDoubleArray());
        assertEquals(DType.FLOAT64, scaler.transform(x).dtype());
        assertEquals(2, scaler.features());
    }

    @Test
    void nearlyConstantColumnsGetScaleOneLikeScikitLearn() {
        // StandardScaler().fit([[0.1, 1], [0.1, 2], [0.1, 4]]): the first mean is 0.10000000000000002
        // (0.1 + 0.1 + 0.1 rounds up), its variance is within rounding error of 0, so its scale is 1;
        // transform([[0.1, 3]]) == [-1.3877787807814457e-17, 0.5345224838248487].
        StandardScaler scaler = StandardScaler.fit(Tensor.of(DType.FLOAT64, new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 4}}));
        assertArrayEquals(new double[] {0.10000000000000002, 2.3333333333333335}, scaler.mean().toDoubleArray());
        assertArrayEquals(new double[] {1.0, 1.247219128924647}, scaler.scale().toDoubleArray());
        assertArrayEquals(new double[] {-1.3877787807814457e-17, 0.5345224838248487},
                scaler.transform(Tensor.of(DType.FLOAT64, new double[][] {{0.1, 3}})).toDoubleArray());
        assertArrayEquals(new double[] {1}, StandardScaler.fit(Tensor.of(DType.FLOAT64, new double[][] {{5}})).scale().toDoubleArray(),
                "one row: variance 0");
    }

    @Test
    void inverseTransformUndoesTransform() throws Exception {
        Tensor x = diabetesFeatures();
        StandardScaler scaler = StandardScaler.fit(x.narrow(0, 0, 354));
        Tensor back = scaler.inverseTransform(scaler.transform(x));
        assertTrue(back.allClose(x, 1e-6, 1e-5));
        Tensor x64 = x.toDouble();
        assertTrue(StandardScaler.fit(x64).inverseTransform(StandardScaler.fit(x64).transform(x64)).allClose(x64, 1e-14, 1e-12));
    }

    @Test
    void inputsAreNotModified() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 5}});
        StandardScaler scaler = StandardScaler.fit(x);
        scaler.transform(x);
        scaler.inverseTransform(x);
        assertArrayEquals(new float[] {1, 2, 3, 5}, x.toFloatArray());
    }

    @Test
    void stateDictRoundTripsExactly() throws Exception {
        Tensor x = diabetesFeatures();
        StandardScaler scaler = StandardScaler.fit(x.narrow(0, 0, 300));
        Map<String, Tensor> state = scaler.stateDict();
        assertEquals(List.of("mean", "scale"), List.copyOf(state.keySet()));
        assertEquals(DType.FLOAT64, state.get("mean").dtype());
        assertArrayEquals(new int[] {10}, state.get("scale").shape());
        StandardScaler restored = StandardScaler.fromStateDict(state);
        assertArrayEquals(scaler.transform(x).toFloatArray(), restored.transform(x).toFloatArray());
        assertArrayEquals(scaler.mean().toDoubleArray(), restored.mean().toDoubleArray());

        // A float32 checkpoint restores the rounded statistics.
        Map<String, Tensor> f32 = new LinkedHashMap<>();
        state.forEach((k, v) -> f32.put(k, v.toFloat()));
        StandardScaler fromF32 = StandardScaler.fromStateDict(f32);
        assertArrayEquals(state.get("scale").toFloat().toDoubleArray(), fromF32.scale().toDoubleArray());
    }

    @Test
    void badStateDictsAreRejected() {
        Tensor ok = Tensor.of(1.0, 2.0);
        assertEquals("StandardScaler.fromStateDict: missing key 'scale' (have [mean])",
                assertThrows(IllegalArgumentException.class, () -> StandardScaler.fromStateDict(Map.of("mean", ok))).getMessage());
        Map<String, Tensor> extra = new LinkedHashMap<>(Map.of("mean", ok, "scale", ok));
        extra.put("var", ok);
        assertEquals("StandardScaler.fromStateDict: unexpected key 'var' (expected mean and scale)",
                assertThrows(IllegalArgumentException.class, () -> StandardScaler.fromStateDict(extra)).getMessage());
        assertEquals("StandardScaler.fromStateDict: mean [2] and scale [3] must both have shape [F]",
                assertThrows(IllegalArgumentException.class,
                        () -> StandardScaler.fromStateDict(Map.of("mean", ok, "scale", Tensor.of(1.0, 1.0, 1.0)))).getMessage());
        assertEquals("StandardScaler.fromStateDict: feature 1 has mean 2.0 and scale 0.0; both must be finite and the scale positive",
                assertThrows(IllegalArgumentException.class,
                        () -> StandardScaler.fromStateDict(Map.of("mean", ok, "scale", Tensor.of(1.0, 0.0)))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fromStateDict(Map.of("mean", Tensor.of(1L, 2L), "scale", ok)));
    }

    @Test
    void badInputsAreRejectedWithShapes() {
        StandardScaler scaler = StandardScaler.fit(Tensor.zeros(4, 10));
        assertEquals("StandardScaler.transform: expected 10 features, got 9 (x has shape [2, 9])",
                assertThrows(IllegalArgumentException.class, () -> scaler.transform(Tensor.zeros(2, 9))).getMessage());
        assertEquals("StandardScaler.inverseTransform: expected x of shape [N, F], got [10]",
                assertThrows(IllegalArgumentException.class, () -> scaler.inverseTransform(Tensor.zeros(10))).getMessage());
        assertEquals("StandardScaler.fit: x has no rows (shape [0, 3])",
                assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(Tensor.zeros(0, 3))).getMessage());
        assertEquals("StandardScaler.fit: x[1, 0] is NaN; every value must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> StandardScaler.fit(Tensor.of(new float[][] {{1}, {Float.NaN}}))).getMessage());
        assertEquals("StandardScaler.fit: expected float32 or float64, got int64",
                assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(Tensor.of(new long[][] {{1}}))).getMessage());
    }
}
