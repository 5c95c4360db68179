package org.kindling;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Creation, views, values, errors and printing of {@link Tensor}. */
class TensorTest {
    @Test
    void createsFromJavaArraysOfOneToFourDims() {
        assertArrayEquals(new int[] {3}, Tensor.of(1f, 2f, 3f).shape());
        assertArrayEquals(new int[] {2, 2}, Tensor.of(new float[][] {{1, 2}, {3, 4}}).shape());
        assertArrayEquals(new int[] {2, 1, 2}, Tensor.of(new float[][][] {{{1, 2}}, {{3, 4}}}).shape());
        assertArrayEquals(new int[] {1, 1, 1, 2}, Tensor.of(new float[][][][] {{{{1, 2}}}}).shape());
        assertEquals(DType.FLOAT32, Tensor.of(new double[][] {{1}}).dtype(), "Python floats: the default dtype");
        assertEquals(DType.FLOAT64, Tensor.of(DType.FLOAT64, new double[][] {{1}}).dtype());
        assertEquals(DType.INT64, Tensor.of(1L, 2L).dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4}, Tensor.of(new float[][] {{1, 2}, {3, 4}}).toFloatArray());
    }

    @Test
    void raggedRowsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("expected sequence of length 2 at row 1"), e.getMessage());
    }

    @Test
    void factories() {
        assertArrayEquals(new float[] {0, 0, 0, 0}, Tensor.zeros(2, 2).toFloatArray());
        assertArrayEquals(new float[] {7, 7}, Tensor.full(7, 2).toFloatArray());
        assertArrayEquals(new long[] {0, 1, 2}, Tensor.arange(3).toLongArray());
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, Tensor.arange(0, 1.5, 0.5).toFloatArray());
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f}, Tensor.linspace(-1, 1, 5).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, Tensor.eye(2, 3).toFloatArray());
        Tensor x = Tensor.of(DType.FLOAT64, new double[][] {{1, 2}});
        assertEquals(DType.FLOAT64, x.onesLike().dtype());
        assertArrayEquals(new int[] {1, 2}, x.zerosLike().shape());
    }

    @Test
    void viewsShareStorage() {
        Tensor x = Tensor.arange(0, 6, 1).reshape(2, 3);
        Tensor t = x.t();
        Tensor row = x.select(0, 1);
        Tensor cols = x.narrow(1, 1, 2);
        Tensor e = x.narrow(0, 0, 1).expand(4, 3);
        x.fillInPlace(5);
        for (Tensor v : List.of(t, row, cols, e)) {
            for (float f : v.toFloatArray()) assertEquals(5f, f);
        }
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(new int[] {1, 3}, t.strides());
        assertFalse(t.isContiguous());
        assertTrue(t.contiguous().isContiguous());
    }

    @Test
    void viewOfANonContiguousTensorNeedsReshape() {
        Tensor t = Tensor.arange(0, 6, 1).reshape(2, 3).t();
        var e = assertThrows(IllegalArgumentException.class, () -> t.view(6));
        assertTrue(e.getMessage().contains("Use reshape(...) instead"), e.getMessage());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.reshape(6).toFloatArray());
    }

    @Test
    void shapeOps() {
        Tensor x = Tensor.zeros(2, 1, 3);
        assertArrayEquals(new int[] {2, 3}, x.squeeze().shape());
        assertArrayEquals(new int[] {2, 3}, x.squeeze(1).shape());
        assertArrayEquals(new int[] {2, 1, 3}, x.squeeze(0).shape());
        assertArrayEquals(new int[] {1, 2, 1, 3}, x.unsqueeze(0).shape());
        assertArrayEquals(new int[] {2, 1, 3, 1}, x.unsqueeze(-1).shape());
        assertArrayEquals(new int[] {6}, x.flatten().shape());
        assertArrayEquals(new int[] {3, 2, 1}, x.permute(2, 0, 1).shape());
        assertArrayEquals(new int[] {2, 4, 3}, x.expand(2, 4, -1).shape());
        assertArrayEquals(new int[] {3, 2}, Tensor.zeros(3, 1).expand(3, 2).shape());
    }

    @Test
    void slicingAndIndexing() {
        Tensor x = Tensor.arange(0, 10, 1);
        assertArrayEquals(new float[] {2, 5, 8}, x.slice(0, 2, 10, 3).toFloatArray());
        assertArrayEquals(new float[] {7, 8, 9}, x.slice(0, -3, Integer.MAX_VALUE, 1).toFloatArray());
        Tensor m = Tensor.arange(0, 6, 1).reshape(2, 3);
        assertArrayEquals(new float[] {2, 0, 5, 3}, m.indexSelect(1, Tensor.of(2L, 0L)).toFloatArray());
        assertArrayEquals(new float[] {1, 5}, m.gather(1, Tensor.of(new long[][] {{1}, {2}})).toFloatArray());
        assertEquals(4.0, m.get(1, 1));
        assertEquals(5.0, m.get(-1, -1));
    }

    @Test
    void catAndStack() {
        Tensor a = Tensor.of(new float[][] {{1, 2}}), b = Tensor.of(new float[][] {{3, 4}});
        assertArrayEquals(new int[] {2, 2}, Tensor.cat(List.of(a, b), 0).shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, Tensor.cat(List.of(a, b), 1).toFloatArray());
        assertArrayEquals(new int[] {1, 2, 2}, Tensor.stack(List.of(a, b), 1).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.cat(List.of(a, Tensor.zeros(1, 3)), 0));
        assertTrue(e.getMessage().contains("Expected size 2 but got size 3 for tensor number 1"), e.getMessage());
    }

    @Test
    void comparisonsWhereAndClamp() {
        Tensor x = Tensor.of(-1f, 0f, 2f);
        assertEquals(DType.BOOL, x.gt(0).dtype());
        assertArrayEquals(new float[] {0, 0, 1}, x.gt(0).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0}, x.le(Tensor.of(0f)).toFloatArray());
        assertArrayEquals(new float[] {9, 9, 2}, Tensor.where(x.gt(0), x, Tensor.scalar(9f)).toFloatArray());
        assertArrayEquals(new float[] {-0.5f, 0, 0.5f}, x.clamp(-0.5, 0.5).toFloatArray());
        assertArrayEquals(new float[] {0, 0, 2}, x.maximum(Tensor.zeros(3)).toFloatArray());
        assertEquals(2L, x.argmax().itemLong());
        assertArrayEquals(new long[] {1, 0}, Tensor.of(new float[][] {{1, 3}, {5, 2}}).argmax(1, false).toLongArray());
    }

    @Test
    void typePromotion() {
        assertEquals(DType.FLOAT64, Tensor.of(1f).add(Tensor.of(DType.FLOAT64, 1.0)).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(1f).add(Tensor.scalar(1.0)).dtype(), "0-dim operand does not widen");
        assertEquals(DType.INT64, Tensor.of(1L).add(2).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(1L).add(0.5).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(3L).div(2).dtype());
        assertEquals(1.5f, Tensor.of(3L).div(2).item());
        assertEquals(DType.INT64, Tensor.of(1f, 0f).gt(0).sum().dtype());
    }

    @Test
    void itemAndConversions() {
        assertEquals(2.5f, Tensor.scalar(2.5f).item());
        assertEquals(7L, Tensor.of(7L).itemLong());
        assertThrows(IllegalStateException.class, () -> Tensor.of(1f, 2f).item());
        assertArrayEquals(new long[] {1, -1}, Tensor.of(1.9f, -1.9f).toLong().toLongArray());
        assertTrue(Tensor.of(1f, 2f).allClose(Tensor.of(1f, 2.000001f), 1e-5, 0));
        assertFalse(Tensor.of(1f, 2f).allClose(Tensor.of(1f, 2.1f)));
    }

    @Test
    void errorsNameTheOpAndTheValues() {
        var mm = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul: shapes [2, 3] and [4, 5] cannot be multiplied (3 != 4)", mm.getMessage());
        var bc = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast together (dim 1: 3 vs 4)", bc.getMessage());
        var dim = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(2));
        assertEquals("sum: dim 2 is out of range for a tensor of 2 dimensions (expected -2 to 1)", dim.getMessage());
        var dt = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2).mm(Tensor.zeros(DType.FLOAT64, 2, 2)));
        assertTrue(dt.getMessage().contains("float32 != float64"), dt.getMessage());
        var rs = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, -1));
        assertEquals("reshape: shape [4, -1] is invalid for input of size 6", rs.getMessage());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([1.5000, 2.2500])", Tensor.of(1.5f, 2.25f).toString());
        assertEquals("tensor([1.5000, 2.2500], requires_grad=True)", Tensor.of(1.5f, 2.25f).requiresGrad(true).toString());
        assertEquals("tensor([3.0000, 4.5000], grad_fn=<MulBackward0>)", Tensor.of(1.5f, 2.25f).requiresGrad(true).mul(2).toString());
        assertEquals("tensor([1.5000, 2.2500], dtype=torch.float64)", Tensor.of(DType.FLOAT64, 1.5, 2.25).toString());
        assertEquals("tensor([1, 2, 3])", Tensor.of(1L, 2L, 3L).toString());
        assertEquals("tensor([ True, False])", Tensor.of(1f, 0f).gt(0.5).toString());
        assertEquals("tensor(3.5000)", Tensor.scalar(3.5f).toString());
        assertEquals("tensor([])", Tensor.zeros(0).toString());
        assertEquals("tensor([], size=(0, 3))", Tensor.zeros(0, 3).toString());
        assertEquals("tensor([1.0000e-05, 1.0000e+00])", Tensor.of(1e-5f, 1f).toString());
        assertEquals("tensor([-0.5000,  1.2500])", Tensor.of(-0.5f, 1.25f).toString());
        assertEquals("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])",
                Tensor.arange(0, 2000, 1).toString());
    }
}
