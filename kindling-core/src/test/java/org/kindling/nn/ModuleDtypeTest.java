package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.DType;
import org.kindling.Kindling;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.optim.SGD;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code module.to(dtype)}, {@code double()}, {@code float()}: the same parameters, converted in place. */
class ModuleDtypeTest {
    @Test
    void toDoubleConvertsParametersInPlaceAndTrainsInFloat64() {
        Kindling.manualSeed(1);
        Sequential model = new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 1));
        List<Parameter> before = model.parameters();
        float[] w = before.get(0).toFloatArray();
        assertSame(model, model.toDouble());
        List<Parameter> after = model.parameters();
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), after.get(i), "the Parameter objects a program holds stay the same");
            assertEquals(DType.FLOAT64, after.get(i).dtype());
        }
        double[] wd = after.get(0).toDoubleArray();
        for (int i = 0; i < w.length; i++) assertEquals(w[i], wd[i], 0.0, "values convert exactly");
        assertEquals(DType.FLOAT64, model.stateDict().get("0.weight").dtype());

        Tensor x = Tensor.randn(5, 3).toDouble(), y = Tensor.randn(5, 1).toDouble();
        SGD opt = new SGD(model.parameters(), 0.1);
        Tensor loss = Functional.mseLoss(model.forward(x), y);
        loss.backward();
        opt.step();
        assertEquals(DType.FLOAT64, loss.dtype());
        assertEquals(DType.FLOAT64, after.get(0).grad().dtype());

        model.toFloat();
        assertEquals(DType.FLOAT32, after.get(0).dtype());
        assertEquals(DType.FLOAT32, after.get(0).grad().dtype(), "gradients follow their parameters");
        assertArrayEquals(new int[] {4, 3}, after.get(0).grad().shape());
    }

    @Test
    void integerDtypesAreRefusedAsInPyTorch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Linear(2, 2).to(DType.INT64));
        assertEquals("nn.Module.to only accepts floating point dtypes, but got desired dtype=torch.int64", e.getMessage());
    }
}
