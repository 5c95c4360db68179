package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * In-register 16 x 16 float transposes for the transposing packs (512-bit vectors only): four
 * rounds of two-vector shuffles instead of 256 scalar loads and stores, which made packing a
 * transposed B cost about 15% of a large GEMM. Written out by hand, row by row (the two halves are the
 * same pattern on other lanes): every row must stay a local, since an array of vectors would live in memory.
 */
final class Transpose16 {
    /** Whether these kernels apply (16 float lanes). */
    static final boolean ENABLED = L == 16;

    private static final VectorShuffle<Float> LO8 = shuffle(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23});
    private static final VectorShuffle<Float> HI8 = shuffle(new int[] {8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31});
    private static final VectorShuffle<Float> LO4 = shuffle(new int[] {0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27});
    private static final VectorShuffle<Float> HI4 = shuffle(new int[] {4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31});
    private static final VectorShuffle<Float> LO2 = shuffle(new int[] {0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29});
    private static final VectorShuffle<Float> HI2 = shuffle(new int[] {2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31});
    private static final VectorShuffle<Float> LO1 = shuffle(new int[] {0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30});
    private static final VectorShuffle<Float> HI1 = shuffle(new int[] {1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31});

    private Transpose16() {}

    private static VectorShuffle<Float> shuffle(int[] lanes) {
        // Indexes 16..31 wrap to exceptional ones, which rearrange(shuffle, v) takes from v.
        return ENABLED ? VectorShuffle.fromArray(S, lanes, 0) : null;
    }

    /** dst[d + q*dstLd + r] = src[s + r*ld + q] for r, q < 16. */
    static void full(float[] src, int s, int ld, float[] dst, int d, int dstLd) {
        FloatVector r0 = FloatVector.fromArray(S, src, s + 0 * ld);
        FloatVector r1 = FloatVector.fromArray(S, src, s + 1 * ld);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * ld);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * ld);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * ld);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * ld);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * ld);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * ld);
        FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * ld);
        FloatVector r9 = FloatVector.fromArray(S, src, s + 9 * ld);
        FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * ld);
        FloatVector r11 = FloatVector.fromArray(S, src, s + 11 * ld);
        FloatVector r12 = FloatVector.fromArray(S, src, s + 12 * ld);
        FloatVector r13 = FloatVector.fromArray(S, src, s + 13 * ld);
        FloatVector r14 = FloatVector.fromArray(S, src, s + 14 * ld);
        FloatVector r15 = FloatVector.fromArray(S, src, s + 15 * ld);
        FloatVector t8_0 = r0.rearrange(LO8, r8), t8_8 = r0.rearrange(HI8, r8);
        FloatVector t8_1 = r1.rearrange(LO8, r9), t8_9 = r1.rearrange(HI8, r9);
        FloatVector t8_2 = r2.rearrange(LO8, r10), t8_10 = r2.rearrange(HI8, r10);
        FloatVector t8_3 = r3.rearrange(LO8, r11), t8_11 = r3.rearrange(HI8, r11);
        FloatVector t8_4 = r4.rearrange(LO8, r12), t8_12 = r4.rearrange(HI8, r12);
        FloatVector t8_5 = r5.rearrange(LO8, r13), t8_13 = r5.rearrange(HI8, r13);
        FloatVector t8_6 = r6.rearrange(LO8, r14), t8_14 = r6.rearrange(HI8, r14);
        FloatVector t8_7 = r7.rearrange(LO8, r15), t8_15 = r7.rearrange(HI8, r15);
        FloatVector t4_0 = t8_0.rearrange(LO4, t8_4), t4_4 = t8_0.rearrange(HI4, t8_4);
        FloatVector t4_1 = t8_1.rearrange(LO4, t8_5), t4_5 = t8_1.rearrange(HI4, t8_5);
        FloatVector t4_2 = t8_2.rearrange(LO4, t8_6), t4_6 = t8_2.rearrange(HI4, t8_6);
        FloatVector t4_3 = t8_3.rearrange(LO4, t8_7), t4_7 = t8_3.rearrange(HI4, t8_7);
        FloatVector t4_8 = t8_8.rearrange(LO4, t8_12), t4_12 = t8_8.rearrange(HI4, t8_12);
        FloatVector t4_9 = t8_9.rearrange(LO4, t8_13), t4_13 = t8_9.rearrange(HI4, t8_13);
        FloatVector t4_10 = t8_10.rearrange(LO4, t8_14), t4_14 = t8_10.rearrange(HI4, t8_14);
        FloatVector t4_11 = t8_11.rearrange(LO4, t8_15), t4_15 = t8_11.rearrange(HI4, t8_15);
        FloatVector t2_0 = t4_0.rearrange(LO2, t4_2), t2_2 = t4_0.rearrange(HI2, t4_2);
        FloatVector t2_1 = t4_1.rearrange(LO2, t4_3), t2_3 = t4_1.rearrange(HI2, t4_3);
        FloatVector t2_4 = t4_4.rearrange(LO2, t4_6), t2_6 = t4_4.rearrange(HI2, t4_6);
        FloatVector t2_5 = t4_5.rearrange(LO2, t4_7), t2_7 = t4_5.rearrange(HI2, t4_7);
        FloatVector t2_8 = t4_8.rearrange(LO2, t4_10), t2_10 = t4_8.rearrange(HI2, t4_10);
        FloatVector t2_9 = t4_9.rearrange(LO2, t4_11), t2_11 = t4_9.rearrange(HI2, t4_11);
        FloatVector t2_12 = t4_12.rearrange(LO2, t4_14), t2_14 = t4_12.rearrange(HI2, t4_14);
        FloatVector t2_13 = t4_13.rearrange(LO2, t4_15), t2_15 = t4_13.rearrange(HI2, t4_15);
        FloatVector t1_0 = t2_0.rearrange(LO1, t2_1), t1_1 = t2_0.rearrange(HI1, t2_1);
        FloatVector t1_2 = t2_2.rearrange(LO1, t2_3), t1_3 = t2_2.rearrange(HI1, t2_3);
        FloatVector t1_4 = t2_4.rearrange(LO1, t2_5), t1_5 = t2_4.rearrange(HI1, t2_5);
        FloatVector t1_6 = t2_6.rearrange(LO1, t2_7), t1_7 = t2_6.rearrange(HI1, t2_7);
        FloatVector t1_8 = t2_8.rearrange(LO1, t2_9), t1_9 = t2_8.rearrange(HI1, t2_9);
        FloatVector t1_10 = t2_10.rearrange(LO1, t2_11), t1_11 = t2_10.rearrange(HI1, t2_11);
        FloatVector t1_12 = t2_12.rearrange(LO1, t2_13), t1_13 = t2_12.rearrange(HI1, t2_13);
        FloatVector t1_14 = t2_14.rearrange(LO1, t2_15), t1_15 = t2_14.rearrange(HI1, t2_15);
        t1_0.intoArray(dst, d + 0 * dstLd);
        t1_1.intoArray(dst, d + 1 * dstLd);
        t1_2.intoArray(dst, d + 2 * dstLd);
        t1_3.intoArray(dst, d + 3 * dstLd);
        t1_4.intoArray(dst, d + 4 * dstLd);
        t1_5.intoArray(dst, d + 5 * dstLd);
        t1_6.intoArray(dst, d + 6 * dstLd);
        t1_7.intoArray(dst, d + 7 * dstLd);
        t1_8.intoArray(dst, d + 8 * dstLd);
        t1_9.intoArray(dst, d + 9 * dstLd);
        t1_10.intoArray(dst, d + 10 * dstLd);
        t1_11.intoArray(dst, d + 11 * dstLd);
        t1_12.intoArray(dst, d + 12 * dstLd);
        t1_13.intoArray(dst, d + 13 * dstLd);
        t1_14.intoArray(dst, d + 14 * dstLd);
        t1_15.intoArray(dst, d + 15 * dstLd);
    }

    /** dst[d + q*dstLd + r] = src[s + r*ld + q] for r < 12, q < 16 (12-row slivers of packed A). */
    static void rows12(float[] src, int s, int ld, float[] dst, int d, int dstLd) {
        VectorMask<Float> m = S.indexInRange(0, 12);
        FloatVector r0 = FloatVector.fromArray(S, src, s + 0 * ld);
        FloatVector r1 = FloatVector.fromArray(S, src, s + 1 * ld);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * ld);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * ld);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * ld);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * ld);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * ld);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * ld);
        FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * ld);
        FloatVector r9 = FloatVector.fromArray(S, src, s + 9 * ld);
        FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * ld);
        FloatVector r11 = FloatVector.fromArray(S, src, s + 11 * ld);
        FloatVector r12 = FloatVector.zero(S);
        FloatVector r13 = FloatVector.zero(S);
        FloatVector r14 = FloatVector.zero(S);
        FloatVector r15 = FloatVector.zero(S);
        FloatVector t8_0 = r0.rearrange(LO8, r8), t8_8 = r0.rearrange(HI8, r8);
        FloatVector t8_1 = r1.rearrange(LO8, r9), t8_9 = r1.rearrange(HI8, r9);
        FloatVector t8_2 = r2.rearrange(LO8, r10), t8_10 = r2.rearrange(HI8, r10);
        FloatVector t8_3 = r3.rearrange(LO8, r11), t8_11 = r3.rearrange(HI8, r11);
        FloatVector t8_4 = r4.rearrange(LO8, r12), t8_12 = r4.rearrange(HI8, r12);
        FloatVector t8_5 = r5.rearrange(LO8, r13), t8_13 = r5.rearrange(HI8, r13);
        FloatVector t8_6 = r6.rearrange(LO8, r14), t8_14 = r6.rearrange(HI8, r14);
        FloatVector t8_7 = r7.rearrange(LO8, r15), t8_15 = r7.rearrange(HI8, r15);
        FloatVector t4_0 = t8_0.rearrange(LO4, t8_4), t4_4 = t8_0.rearrange(HI4, t8_4);
        FloatVector t4_1 = t8_1.rearrange(LO4, t8_5), t4_5 = t8_1.rearrange(HI4, t8_5);
        FloatVector t4_2 = t8_2.rearrange(LO4, t8_6), t4_6 = t8_2.rearrange(HI4, t8_6);
        FloatVector t4_3 = t8_3.rearrange(LO4, t8_7), t4_7 = t8_3.rearrange(HI4, t8_7);
        FloatVector t4_8 = t8_8.rearrange(LO4, t8_12), t4_12 = t8_8.rearrange(HI4, t8_12);
        FloatVector t4_9 = t8_9.rearrange(LO4, t8_13), t4_13 = t8_9.rearrange(HI4, t8_13);
        FloatVector t4_10 = t8_10.rearrange(LO4, t8_14), t4_14 = t8_10.rearrange(HI4, t8_14);
        FloatVector t4_11 = t8_11.rearrange(LO4, t8_15), t4_15 = t8_11.rearrange(HI4, t8_15);
        FloatVector t2_0 = t4_0.rearrange(LO2, t4_2), t2_2 = t4_0.rearrange(HI2, t4_2);
        FloatVector t2_1 = t4_1.rearrange(LO2, t4_3), t2_3 = t4_1.rearrange(HI2, t4_3);
        FloatVector t2_4 = t4_4.rearrange(LO2, t4_6), t2_6 = t4_4.rearrange(HI2, t4_6);
        FloatVector t2_5 = t4_5.rearrange(LO2, t4_7), t2_7 = t4_5.rearrange(HI2, t4_7);
        FloatVector t2_8 = t4_8.rearrange(LO2, t4_10), t2_10 = t4_8.rearrange(HI2, t4_10);
        FloatVector t2_9 = t4_9.rearrange(LO2, t4_11), t2_11 = t4_9.rearrange(HI2, t4_11);
        FloatVector t2_12 = t4_12.rearrange(LO2, t4_14), t2_14 = t4_12.rearrange(HI2, t4_14);
        FloatVector t2_13 = t4_13.rearrange(LO2, t4_15), t2_15 = t4_13.rearrange(HI2, t4_15);
        FloatVector t1_0 = t2_0.rearrange(LO1, t2_1), t1_1 = t2_0.rearrange(HI1, t2_1);
        FloatVector t1_2 = t2_2.rearrange(LO1, t2_3), t1_3 = t2_2.rearrange(HI1, t2_3);
        FloatVector t1_4 = t2_4.rearrange(LO1, t2_5), t1_5 = t2_4.rearrange(HI1, t2_5);
        FloatVector t1_6 = t2_6.rearrange(LO1, t2_7), t1_7 = t2_6.rearrange(HI1, t2_7);
        FloatVector t1_8 = t2_8.rearrange(LO1, t2_9), t1_9 = t2_8.rearrange(HI1, t2_9);
        FloatVector t1_10 = t2_10.rearrange(LO1, t2_11), t1_11 = t2_10.rearrange(HI1, t2_11);
        FloatVector t1_12 = t2_12.rearrange(LO1, t2_13), t1_13 = t2_12.rearrange(HI1, t2_13);
        FloatVector t1_14 = t2_14.rearrange(LO1, t2_15), t1_15 = t2_14.rearrange(HI1, t2_15);
        t1_0.intoArray(dst, d + 0 * dstLd, m);
        t1_1.intoArray(dst, d + 1 * dstLd, m);
        t1_2.intoArray(dst, d + 2 * dstLd, m);
        t1_3.intoArray(dst, d + 3 * dstLd, m);
        t1_4.intoArray(dst, d + 4 * dstLd, m);
        t1_5.intoArray(dst, d + 5 * dstLd, m);
        t1_6.intoArray(dst, d + 6 * dstLd, m);
        t1_7.intoArray(dst, d + 7 * dstLd, m);
        t1_8.intoArray(dst, d + 8 * dstLd, m);
        t1_9.intoArray(dst, d + 9 * dstLd, m);
        t1_10.intoArray(dst, d + 10 * dstLd, m);
        t1_11.intoArray(dst, d + 11 * dstLd, m);
        t1_12.intoArray(dst, d + 12 * dstLd, m);
        t1_13.intoArray(dst, d + 13 * dstLd, m);
        t1_14.intoArray(dst, d + 14 * dstLd, m);
        t1_15.intoArray(dst, d + 15 * dstLd, m);
    }
}
