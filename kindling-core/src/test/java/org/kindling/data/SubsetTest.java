package org.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.kindling.Tensor;

class SubsetTest {
    private static final Dataset<String> LETTERS = new Dataset<>() {
        @Override
        public int size() {
            return 5;
        }

        @Override
        public String get(int index) {
            return String.valueOf("abcde".charAt(index));
        }
    };

    @Test
    void readsTheDatasetThroughItsIndices() {
        Subset<String> s = new Subset<>(LETTERS, new int[] {4, 0, 4});
        assertEquals(3, s.size());
        assertEquals("e", s.get(0));
        assertEquals("a", s.get(1));
        assertEquals("e", s.get(2));
        assertEquals(4, s.index(2));
        assertSame(LETTERS, s.dataset());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
    }

    @Test
    void indicesAreCopiedBothWays() {
        int[] indices = {1, 2};
        Subset<String> s = new Subset<>(LETTERS, indices);
        indices[0] = 3;
        assertEquals("b", s.get(0));
        s.indices()[0] = 4;
        assertArrayEquals(new int[] {1, 2}, s.indices());
    }

    @Test
    void nestedSubsetsCompose() {
        Subset<String> inner = new Subset<>(new Subset<>(LETTERS, new int[] {3, 2, 1}), new int[] {2, 0});
        assertEquals("b", inner.get(0));
        assertEquals("d", inner.get(1));
    }

    @Test
    void outOfRangeIndicesFailEagerly() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> new Subset<>(LETTERS, new int[] {0, 5}));
        assertEquals("Subset: index 5 at position 1 is out of range for a dataset of size 5", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(LETTERS, new int[] {-1}));
    }

    @Test
    void subsetOfTensorDatasetReturnsRows() {
        TensorDataset data = new TensorDataset(Tensor.arange(0, 6, 1).reshape(3, 2));
        Subset<Tensor[]> s = new Subset<>(data, new int[] {2});
        assertArrayEquals(new float[] {4, 5}, s.get(0)[0].toFloatArray());
        assertEquals("Subset(size=1, of TensorDataset(size=3, shapes=[3, 2]))", s.toString());
    }
}
