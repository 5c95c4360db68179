package org.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

class TensorDatasetTest {
    @Test
    void samplesAreRowsOfEveryTensor() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor y = Tensor.of(10f, 20f, 30f);
        TensorDataset data = new TensorDataset(x, y);
        assertEquals(3, data.size());
        assertEquals(2, data.width());
        Tensor[] sample = data.get(1);
        assertEquals(2, sample.length);
        assertArrayEquals(new float[] {3, 4}, sample[0].toFloatArray());
        assertEquals(0, sample[1].dim());
        assertEquals(20f, sample[1].item());
        assertThrows(IndexOutOfBoundsException.class, () -> data.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> data.get(-1));
    }

    @Test
    void getReturnsViewsLikePyTorchIndexing() {
        Tensor x = Tensor.zeros(2, 3);
        TensorDataset data = new TensorDataset(x);
        data.get(1)[0].fillInPlace(7);
        assertEquals(7.0, x.get(1, 2));
        assertEquals(0.0, x.get(0, 2));
        assertSame(x, data.tensors()[0], "a contiguous tensor is kept, not copied");
    }

    @Test
    void gatherRowsIsOneIndexSelectPerTensor() {
        Tensor x = Tensor.arange(0, 12, 1).reshape(4, 3);
        Tensor y = Tensor.arange(4);
        TensorDataset data = new TensorDataset(x, y);
        Tensor[] batch = data.gatherRows(Tensor.of(3L, 0L, 3L));
        assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2, 9, 10, 11}, batch[0].toFloatArray());
        assertArrayEquals(new long[] {3, 0, 3}, batch[1].toLongArray());
        assertThrows(IndexOutOfBoundsException.class, () -> data.gatherRows(Tensor.of(4L)));
    }

    @Test
    void nonContiguousTensorsAreStoredContiguously() {
        Tensor t = Tensor.arange(0, 6, 1).reshape(2, 3).t(); // [3, 2], not contiguous
        assertFalse(t.isContiguous());
        TensorDataset data = new TensorDataset(t);
        Tensor stored = data.tensors()[0];
        assertNotSame(t, stored);
        assertTrue(stored.isContiguous());
        assertTrue(stored.equalValues(t));
        assertArrayEquals(new float[] {1, 4}, data.get(1)[0].toFloatArray());
    }

    @Test
    void sizeMismatchNamesBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(442, 10), Tensor.zeros(440, 1)));
        assertEquals("TensorDataset: size mismatch between tensors: tensor 0 has 442 rows (shape [442, 10]), tensor 1 "
                + "has 440 rows (shape [440, 1]); the first dimensions must be equal", e.getMessage());
    }

    @Test
    void badTensorListsAreRejected() {
        assertEquals("TensorDataset: at least one tensor is required",
                assertThrows(IllegalArgumentException.class, TensorDataset::new).getMessage());
        assertEquals("TensorDataset: tensor 1 is 0-dimensional; every tensor needs a first dimension of samples",
                assertThrows(IllegalArgumentException.class,
                        () -> new TensorDataset(Tensor.zeros(3), Tensor.scalar(1f))).getMessage());
        assertThrows(NullPointerException.class, () -> new TensorDataset(Tensor.zeros(3), null));
    }

    @Test
    void toStringShowsSizeAndShapes() {
        assertEquals("TensorDataset(size=4, shapes=[4, 2], [4])",
                new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(4)).toString());
    }
}
