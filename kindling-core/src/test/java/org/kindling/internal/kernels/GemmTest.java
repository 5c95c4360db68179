package org.kindling.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kindling.internal.AllocationMeter;
import org.kindling.internal.kernels.vector.VectorGemmPaths;
import org.kindling.internal.parallel.Parallel;

class GemmTest {
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {1f, 1f}, {-0.5f, 0.75f}, {2.5f, 0f}, {1f, -1f}};
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** A kernel entry point with the sgemm signature. */
    private interface Sgemm {
        void run(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }

    private static void assertKernel(String name, Sgemm kernel, GemmCase g) {
        float[] c = g.freshC();
        kernel.run(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb,
                g.beta, c, g.cOff, g.ldc);
        assertNull(g.verify(c), () -> name + " failed for " + g + ": " + g.verify(c));
    }

    /** Every transpose, offset, padding and alpha/beta combination for one (m, n, k). */
    private static List<GemmCase> variants(int m, int n, int k, long seed) {
        List<GemmCase> cases = new ArrayList<>();
        int v = 0;
        for (int t = 0; t < 4; t++) {
            for (int layout = 0; layout < 2; layout++) {
                float[] ab = ALPHA_BETA[(int) ((seed + v) % ALPHA_BETA.length)];
                cases.add(new GemmCase((t & 1) != 0, (t & 2) != 0, m, n, k, ab[0], ab[1],
                        layout * 3, layout * 5, seed * 31 + v));
                v++;
            }
        }
        return cases;
    }

    private static final int[] EDGES = {0, 1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 32, 33, 47};

    @Test
    void dispatchScalarAndReferenceAgreeWithExactResultOnSmallShapes() {
        int count = 0;
        for (int m : EDGES) {
            for (int n : EDGES) {
                for (int k : new int[] {0, 1, 2, 7, 16, 33}) {
                    for (GemmCase g : variants(m, n, k, 1000L * m + 10L * n + k)) {
                        assertKernel("sgemm", Gemm::sgemm, g);
                        assertKernel("sgemmScalar", GemmOracles::scalar, g);
                        assertKernel("sgemmReference", GemmOracles::reference, g);
                        count++;
                    }
                }
            }
        }
        assertEquals(EDGES.length * EDGES.length * 6 * 8, count);
    }

    @Test
    void tutorialAndWorkloadShapesAreCorrectOnEveryPath() {
        int[][] shapes = {
            {1000, 64, 1}, {1000, 1, 64}, {64, 1, 1000}, {1, 64, 1000}, {1000, 64, 64},
            {32, 64, 13}, {32, 64, 64}, {32, 1, 64}, {13, 64, 32}, {64, 64, 32}, {16, 64, 13},
            {128, 512, 256}, {128, 10, 512}, {10, 512, 128}, {256, 512, 128}, {100, 100, 100},
        };
        for (int[] s : shapes) {
            for (GemmCase g : variants(s[0], s[1], s[2], s[0] * 7919L + s[1] * 31L + s[2])) {
                assertKernel("sgemm", Gemm::sgemm, g);
                assertKernel("sgemmScalar", GemmOracles::scalar, g);
            }
        }
    }

    @Test
    void vectorKernelsForcedOnEveryShapeMatchExactResult() {
        // The build runs tests with --add-modules=jdk.incubator.vector; the kernels may be called
        // directly even when -Dkindling.vector=false turned them off for dispatch.
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no Vector API module");
        System.out.println("GemmTest: dispatch uses " + (VectorSupport.AVAILABLE ? VectorSupport.BITS + "-bit vectors" : "plain loops"));
        // Edges of the micro-tile (12 or 6 rows, 32 or 16 columns), of KC (256), NC (512) and MC.
        int[] ms = {1, 2, 5, 6, 11, 12, 13, 25, 37};
        int[] ns = {1, 3, 15, 16, 17, 31, 32, 33, 65};
        int[] ks = {1, 2, 9, 31, 32, 33, 257};
        int count = 0;
        for (int m : ms) {
            for (int n : ns) {
                for (int k : ks) {
                    for (GemmCase g : variants(m, n, k, 77L * m + 13L * n + k)) {
                        assertKernel("packed", VectorGemmPaths::packedSerial, g);
                        assertKernel("unpacked", VectorGemmPaths::unpacked, g);
                        count++;
                    }
                }
            }
        }
        assertEquals(ms.length * ns.length * ks.length * 8, count);
        // Beyond NC (512 columns), MB (2064 rows) and NB (2048 columns) blocks, and several KC slices.
        for (int[] s : new int[][] {{30, 530, 20}, {2100, 20, 9}, {50, 33, 520}, {13, 2100, 5}}) {
            for (GemmCase g : variants(s[0], s[1], s[2], s[0] + s[1] + s[2])) {
                assertKernel("packed", VectorGemmPaths::packedSerial, g);
                assertKernel("sgemm", Gemm::sgemm, g);
            }
        }
    }

    @Test
    void randomShapesAgreeAcrossPathsWithOneAndTwoThreads() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int threads = 1; threads <= Math.min(2, Runtime.getRuntime().availableProcessors()); threads++) {
            Parallel.setThreads(threads);
            for (int trial = 0; trial < 40; trial++) {
                int m = 1 + rnd.nextInt(trial < 20 ? 70 : 260);
                int n = 1 + rnd.nextInt(trial < 20 ? 70 : 260);
                int k = 1 + rnd.nextInt(trial < 20 ? 70 : 300);
                for (GemmCase g : variants(m, n, k, rnd.nextLong() & 0xffff)) {
                    assertKernel("sgemm threads=" + threads, Gemm::sgemm, g);
                }
            }
            // Large enough for the threaded packed path, split along M (m >= n) and along N.
            for (int[] s : new int[][] {{300, 130, 40}, {60, 400, 70}, {128, 512, 256}}) {
                for (GemmCase g : variants(s[0], s[1], s[2], threads * 1000L + s[0])) {
                    assertKernel("sgemm threads=" + threads, Gemm::sgemm, g);
                }
            }
        }
    }

    @Test
    void stridedVectorOperandsOfMatrixVectorProducts() {
        // n == 1 with B a strided column, and m == 1 with A a strided (transposed) row: ld > 1 both.
        for (int k : new int[] {1, 5, 40, 5000}) {
            GemmCase col = new GemmCase(false, false, 9, 1, k, 1.5f, 0.5f, 2, 6, k);
            assertKernel("sgemm n=1", Gemm::sgemm, col);
            GemmCase row = new GemmCase(true, true, 1, 9, k, -1f, 0f, 1, 4, k + 1);
            assertKernel("sgemm m=1", Gemm::sgemm, row);
        }
    }

    @Test
    void alphaZeroOrEmptyKDoesNotReadAOrB() {
        float[] a = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1f, 2f, 3f, 4f};
        Gemm.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, a, 0, 2, 2f, c, 0, 2);
        assertEquals(List.of(2f, 4f, 6f, 8f), List.of(c[0], c[1], c[2], c[3]));
        Gemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0, 2);
        assertEquals(List.of(0f, 0f, 0f, 0f), List.of(c[0], c[1], c[2], c[3]));
    }

    @Test
    void broadcastRowsWithZeroLeadingDimension() {
        // lda = 0: every row of A is the same stored row (a broadcast view).
        GemmCase full = new GemmCase(false, false, 40, 37, 20, 1f, 0f, 0, 0, 5);
        float[] row = java.util.Arrays.copyOf(full.a, 20);
        float[] c = new float[40 * 37];
        Gemm.sgemm(false, false, 40, 37, 20, 1f, row, 0, 0, full.b, full.bOff, full.ldb, 0f, c, 0, 37);
        float[] expected = new float[40 * 37];
        GemmOracles.reference(false, false, 40, 37, 20, 1f, row, 0, 0, full.b, full.bOff, full.ldb, 0f, expected, 0, 37);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], c[i], 1e-5f * 20, "index " + i);
        }
    }

    @Test
    void dgemmMatchesIndependentLoopForEveryTranspose() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            int m = 7, n = 5, k = 9, lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 3;
            double[] a = rnd.doubles(1 + (ta ? k : m) * lda).toArray();
            double[] b = rnd.doubles(2 + (tb ? n : k) * ldb).toArray();
            double[] c = rnd.doubles(m * ldc).toArray();
            double[] c0 = c.clone();
            for (int i = 0; i < m; i++) {
                c[i * ldc] = Double.NaN;   // beta = 0 must overwrite, not read
            }
            Gemm.dgemm(ta, tb, m, n, k, 0.5, a, 1, lda, b, 2, ldb, 0.0, c, 0, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (ta ? a[1 + p * lda + i] : a[1 + i * lda + p]) * (tb ? b[2 + j * ldb + p] : b[2 + p * ldb + j]);
                    }
                    assertEquals(0.5 * s, c[i * ldc + j], 1e-12, "t=" + t + " (" + i + ", " + j + ")");
                }
            }
            double[] c2 = c0.clone();
            Gemm.dgemm(ta, tb, m, n, k, 1.0, a, 1, lda, b, 2, ldb, 2.0, c2, 0, ldc);
            assertEquals(2.0 * c0[0] + 2.0 * c[0], c2[0], 1e-12);
        }
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirValues() {
        float[] x = new float[12];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        assertEquals("sgemm: dimensions must be >= 0, got m=-1, n=2, k=2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 3, 2, 2, 1f, x, 7, 2, x, 0, 2, 0f, x, 0, 2));
        assertEquals("sgemm: a has length 12 but A [3, 2] (stored, transA=false) at aOffset=7 with lda=2 needs 13",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(true, true, 2, 3, 4, 1f, x, 0, 2, x, 1, 4, 0f, x, 0, 3));
        assertEquals("sgemm: b has length 12 but B [3, 4] (stored, transB=true) at bOffset=1 with ldb=4 needs 13",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, x, 0, 2));
        assertEquals("sgemm: ldc=2 must be >= n=3 (rows of C would overlap)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(true, false, 2, 2, 2, 1f, x, -1, 2, x, 0, 2, 0f, x, 0, 2));
        assertEquals("sgemm: aOffset=-1 must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 9, 2));
        assertEquals("sgemm: c has length 12 but C [2, 2] at cOffset=9 with ldc=2 needs 13", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 2, null, 0, 2, 0f, x, 0, 2));
        assertEquals("sgemm: array b for B [2, 2] (stored, transB=false) is null", npe.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.dgemm(false, false, 2, 2, 2, 1.0, new double[4], 0, -2, new double[4], 0, 2, 0.0,
                        new double[4], 0, 2));
        assertEquals("dgemm: lda=-2 must be >= 0", e.getMessage());
    }

    @Test
    void warmedUpKernelCallsAllocateNothing() {
        Parallel.setThreads(1);
        // The tutorial shapes (every transpose used by Linear forward/backward) plus one packed shape.
        int[][] shapes = {{1000, 64, 1}, {1000, 1, 64}, {64, 1, 1000}, {1, 64, 1000}, {32, 64, 13},
                          {32, 64, 64}, {64, 64, 32}, {64, 96, 64}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                GemmCase g = new GemmCase((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0f, 0, 1, 9);
                assertZeroAllocation(g);
            }
        }
    }

    private static void assertZeroAllocation(GemmCase g) {
        float[] c = g.freshC();
        long allocated = AllocationMeter.warmAllocation(() -> Gemm.sgemm(g.transA, g.transB, g.m, g.n, g.k, 1f, g.a, g.aOff,
                g.lda, g.b, g.bOff, g.ldb, 0f, c, 0, g.ldc), 100, 30);
        assertEquals(0, allocated, "bytes allocated by 100 warmed-up calls, " + g);
    }
}
