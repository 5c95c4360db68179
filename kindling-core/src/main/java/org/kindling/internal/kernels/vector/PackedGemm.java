package org.kindling.internal.kernels.vector;

import static org.kindling.internal.kernels.vector.MicroKernels.MR;
import static org.kindling.internal.kernels.vector.MicroKernels.NR;
import static org.kindling.internal.kernels.vector.Species.L;
import static org.kindling.internal.kernels.vector.Species.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.kindling.internal.parallel.Parallel;

/**
 * Packed, cache-blocked SGEMM for large problems (Goto/BLIS style), optionally split over threads.
 *
 * <p>Loop order: for each KC-slice of k, up to NB columns of B are packed into NR-column slivers
 * and up to MB rows of A into MR-row slivers, so each operand is packed once for problems up to
 * about 2048 x 2048 (repacking A per column block cost several percent). Then, NC columns of packed
 * B at a time (they stay in L2), every A sliver (pulled into L1) sweeps across them through the
 * micro-kernel. C is scaled by beta on the first KC-slice and accumulated on the following ones.
 *
 * <p>Justified by K1 (GemmBenchmark.k1) and the W3/W4 rows of GemmBenchmark.shape
 * ({@code 128x512x256:NT} ... {@code 4096x1024x256:TN}), at 0.95-1.0x OpenBLAS on this machine.
 */
final class PackedGemm {
    /** Depth of one packed slice: an A sliver (MR x KC) stays in L1, a B block (KC x NC) in L2. */
    static final int KC = 256;
    /** Columns of packed B swept by all A slivers before moving on (a multiple of NR): fits L2. */
    static final int NC = 512;
    /** Rows of A packed at once (a multiple of MR); bounds the per-thread buffer (MB x KC floats). */
    static final int MB = MR * 172;
    /** Columns of B packed at once (a multiple of NC); bounds the per-thread buffer (KC x NB floats). */
    static final int NB = NC * 4;

    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private PackedGemm() {}

    /** Splits the larger of m and n across the compute threads (each does its own packing). */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, boolean parallel) {
        int units = m >= n ? (m + MR - 1) / MR : (n + NR - 1) / NR;
        if (!parallel || Parallel.threads() == 1 || units < 2) {
            sgemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Job job = JOBS.get();
        job.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, m >= n);
        try {
            Parallel.forRange(units, job);
        } finally {
            job.clear();
        }
    }

    /** One thread: C[m, n] = alpha * op(A) · op(B) + beta * C. */
    static void sgemmSerial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        Scratch scratch = Scratch.get();
        int kcMax = Math.min(k, KC);
        float[] pa = scratch.a(Math.min(roundUp(m, MR), MB) * kcMax);
        float[] pb = scratch.b(kcMax * Math.min(roundUp(n, NR), NB));
        float[] tile = scratch.tile;
        for (int jb = 0; jb < n; jb += NB) {
            int nb = Math.min(NB, n - jb);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaNow = pc == 0 ? beta : 1f;
                packB(transB, b, bOff, ldb, pc, kc, jb, nb, pb);
                for (int ib = 0; ib < m; ib += MB) {
                    int mb = Math.min(MB, m - ib);
                    packA(transA, a, transA ? aOff + ib : aOff + ib * lda, lda, mb, pc, kc, pa);
                    // NC columns of packed B stay in L2 while every A sliver streams past them.
                    for (int jc = 0; jc < nb; jc += NC) {
                        int nc = Math.min(NC, nb - jc);
                        for (int ir = 0; ir < mb; ir += MR) {
                            int rows = Math.min(MR, mb - ir);
                            int ci = cOff + (ib + ir) * ldc + jb + jc;
                            for (int jr = 0; jr < nc; jr += NR) {
                                MicroKernels.kernel(kc, pa, ir * kc, pb, (jc + jr) * kc, tile, c, ci + jr, ldc,
                                        rows, Math.min(NR, nc - jr), alpha, betaNow);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Packs op(A)[0:m, pc:pc+kc] as slivers of MR rows: sliver s at s*MR*kc, element (r, p) at p*MR + r. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int m, int pc, int kc, float[] pa) {
        for (int ir = 0; ir < m; ir += MR) {
            int rows = Math.min(MR, m - ir);
            int dst = ir * kc;
            if (transA) {
                // A(i, p) = a[p*lda + i]: each k holds `rows` consecutive floats.
                VectorMask<Float> in = S.indexInRange(0, rows);
                VectorMask<Float> out = S.indexInRange(0, MR);
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(S, a, aOff + (pc + p) * lda + ir, in).intoArray(pa, dst + p * MR, out);
                }
            } else {
                // Transposing copy in blocks of 16 k-steps: each row contributes one cache line per
                // block and the block's writes stay in a few lines. Row-by-row order (writes strided
                // across the whole sliver) or k-by-k order (reads from `rows` streams a multiple of
                // 4 KiB apart, which alias in L1) were both slower.
                int src = aOff + ir * lda + pc;
                int start = 0;
                if (Transpose16.ENABLED && MR == 12 && rows == MR) {
                    for (; start + 16 <= kc; start += 16) {
                        Transpose16.rows12(a, src + start, lda, pa, dst + start * MR, MR);
                    }
                }
                for (int p0 = start; p0 < kc; p0 += 16) {
                    int p1 = Math.min(kc, p0 + 16);
                    for (int r = 0, s = src; r < rows; r++, s += lda) {
                        for (int p = p0, d = dst + p0 * MR + r; p < p1; p++, d += MR) {
                            pa[d] = a[s + p];
                        }
                    }
                    for (int r = rows; r < MR; r++) {
                        for (int p = p0, d = dst + p0 * MR + r; p < p1; p++, d += MR) {
                            pa[d] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as slivers of NR columns: sliver at jr*kc, element (p, j) at p*NR + j. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] pb) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int dst = jr * kc;
            if (!transB) {
                // B(p, j) = b[p*ldb + j]: rows are contiguous, copy two vectors per k.
                int src = bOff + pc * ldb + jc + jr;
                if (cols == NR) {
                    for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                        FloatVector.fromArray(S, b, src).intoArray(pb, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(pb, dst + L);
                    }
                } else {
                    VectorMask<Float> m0 = S.indexInRange(0, cols);
                    VectorMask<Float> m1 = S.indexInRange(L, cols);
                    for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                        FloatVector.fromArray(S, b, src, m0).intoArray(pb, dst);
                        FloatVector.fromArray(S, b, src + L, m1).intoArray(pb, dst + L);
                    }
                }
            } else {
                // B(p, j) = b[j*ldb + p]: a transposing copy in blocks of 16 k-steps (see packA).
                int src = bOff + (jc + jr) * ldb + pc;
                int start = 0;
                if (Transpose16.ENABLED && cols == NR) {
                    for (; start + 16 <= kc; start += 16) {
                        Transpose16.full(b, src + start, ldb, pb, dst + start * NR, NR);
                        Transpose16.full(b, src + 16 * ldb + start, ldb, pb, dst + start * NR + 16, NR);
                    }
                }
                for (int p0 = start; p0 < kc; p0 += 16) {
                    int p1 = Math.min(kc, p0 + 16);
                    for (int j = 0, s = src; j < cols; j++, s += ldb) {
                        for (int p = p0, d = dst + p0 * NR + j; p < p1; p++, d += NR) {
                            pb[d] = b[s + p];
                        }
                    }
                    for (int j = cols; j < NR; j++) {
                        for (int p = p0, d = dst + p0 * NR + j; p < p1; p++, d += NR) {
                            pb[d] = 0f;
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /** The arguments of one parallel call, reused per calling thread so a call allocates nothing. */
    private static final class Job implements Parallel.RangeTask {
        private boolean transA, transB, splitM;
        private int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        private float alpha, beta;
        private float[] a, b, c;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc, boolean splitM) {
            this.transA = transA; this.transB = transB; this.m = m; this.n = n; this.k = k;
            this.alpha = alpha; this.a = a; this.aOff = aOff; this.lda = lda;
            this.b = b; this.bOff = bOff; this.ldb = ldb;
            this.beta = beta; this.c = c; this.cOff = cOff; this.ldc = ldc; this.splitM = splitM;
        }

        void clear() {
            a = null; b = null; c = null;   // do not keep the caller's arrays alive
        }

        @Override
        public void run(int from, int to) {
            if (splitM) {
                int r0 = from * MR, r1 = Math.min(m, to * MR);
                sgemmSerial(transA, transB, r1 - r0, n, k, alpha, a, transA ? aOff + r0 : aOff + r0 * lda, lda,
                        b, bOff, ldb, beta, c, cOff + r0 * ldc, ldc);
            } else {
                int c0 = from * NR, c1 = Math.min(n, to * NR);
                sgemmSerial(transA, transB, m, c1 - c0, k, alpha, a, aOff, lda,
                        b, transB ? bOff + c0 * ldb : bOff + c0, ldb, beta, c, cOff + c0, ldc);
            }
        }
    }
}
