package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Gemm;
import org.kindling.internal.shape.Shapes;

/**
 * Matrix products. {@code mm} (2-D) and {@code bmm} (3-D, same batch) are primitives on the GEMM
 * kernel; {@code matmul}'s 1-D promotion and batch broadcasting are composed from views around
 * them, so their gradients come from the view ops.
 */
public final class MatMul {
    private MatMul() {}

    public static Tensor apply(Tensor a, Tensor b) {
        int ra = a.dim(), rb = b.dim();
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, but got "
                    + ra + "D and " + rb + "D tensors");
        }
        if (ra == 1 && rb == 1) return dot(a, b);
        if (ra == 2 && rb == 2) return mm(a, b);
        if (ra == 1) return apply(a.unsqueeze(0), b).squeeze(-2);
        if (rb == 1) return apply(a, b.unsqueeze(-1)).squeeze(-1);
        if (rb == 2) { // [..., n, k] @ [k, m]: fold the batch into rows, one big mm
            int[] s = a.shape();
            int k = s[s.length - 1];
            checkInner(a.shape(), b.shape(), k, b.shape()[0]);
            Tensor rows = mm(a.reshape(-1, k), b);
            int[] out = s.clone();
            out[out.length - 1] = b.shape()[1];
            return rows.reshape(out);
        }
        int[] sa = a.shape(), sb = b.shape();
        int n = sa[ra - 2], k = sa[ra - 1], k2 = sb[rb - 2], m = sb[rb - 1];
        checkInner(sa, sb, k, k2);
        int[] batchA = java.util.Arrays.copyOf(sa, ra - 2), batchB = java.util.Arrays.copyOf(sb, rb - 2);
        int[] batch = Shapes.broadcast("matmul", batchA, batchB);
        int count = Shapes.numel(batch);
        Tensor a3 = a.expand(concat(batch, n, k)).reshape(count, n, k);
        Tensor b3 = b.expand(concat(batch, k, m)).reshape(count, k, m);
        return bmm(a3, b3).reshape(concat(batch, n, m));
    }

    private static int[] concat(int[] batch, int x, int y) {
        int[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = x;
        out[batch.length + 1] = y;
        return out;
    }

    private static void checkInner(int[] sa, int[] sb, int k, int k2) {
        if (k != k2) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.format(sa) + " and " + Shapes.format(sb)
                    + " cannot be multiplied (" + k + " != " + k2 + ")");
        }
    }

    private static Tensor dot(Tensor a, Tensor b) {
        if (a.numel() != b.numel()) {
            throw new IllegalArgumentException("dot: 1D tensors expected to have the same size, but got sizes "
                    + Shapes.format(a.shape()) + " and " + Shapes.format(b.shape()));
        }
        return mm(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    }

    /** {@code [n, k] · [k, m]}. */
    public static Tensor mm(Tensor a, Tensor b) {
        int[] sa = a.shape(), sb = b.shape();
        if (sa.length != 2 || sb.length != 2) {
            throw new IllegalArgumentException("mm: expected 2-D tensors, got shapes " + Shapes.format(sa) + " and " + Shapes.format(sb));
        }
        checkInner(sa, sb, sa[1], sb[0]);
        checkFloatPair("mm", a, b);
        boolean tracked = Ops.tracked(a, b);
        Tensor out = Ops.output(a.dtype(), new int[] {sa[0], sb[1]}, tracked, a, b);
        gemm(a, b, out, 0, 0f);
        if (tracked) {
            MmBackward0 fn = new MmBackward0();
            fn.connect(out, true, a, b);
            if (fn.needsGrad(1)) fn.a = fn.save(a);
            if (fn.needsGrad(0)) fn.b = fn.save(b);
        }
        return out;
    }

    /** {@code [B, n, k] · [B, k, m]}. */
    public static Tensor bmm(Tensor a, Tensor b) {
        int[] sa = a.shape(), sb = b.shape();
        if (sa.length != 3 || sb.length != 3 || sa[0] != sb[0]) {
            throw new IllegalArgumentException("bmm: expected 3-D tensors with equal batch, got shapes "
                    + Shapes.format(sa) + " and " + Shapes.format(sb));
        }
        checkInner(sa, sb, sa[2], sb[1]);
        checkFloatPair("bmm", a, b);
        boolean tracked = Ops.tracked(a, b);
        Tensor out = Ops.output(a.dtype(), new int[] {sa[0], sa[1], sb[2]}, tracked, a, b);
        for (int i = 0; i < sa[0]; i++) gemm(a.select(0, i), b.select(0, i), out, i * sa[1] * sb[2], 0f);
        if (tracked) {
            BmmBackward0 fn = new BmmBackward0();
            fn.connect(out, true, a, b);
            fn.a = fn.save(a);
            fn.b = fn.save(b);
        }
        return out;
    }

    static void checkFloatPair(String op, Tensor a, Tensor b) {
        Ops.requireFloat(op, a);
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": expected m1 and m2 to have the same dtype, but got: "
                    + a.dtype().pytorchName() + " != " + b.dtype().pytorchName());
        }
    }

    /**
     * {@code out[outOffset..] = a · b} (2-D operands, any strides): row-major or transposed
     * operands go straight to GEMM; anything else is copied contiguous first.
     */
    static void gemm(Tensor a, Tensor b, Tensor out, int outOffset, float beta) {
        Operand x = Operand.of(a), y = Operand.of(b);
        int n = a.shape()[0], k = a.shape()[1], m = b.shape()[1];
        if (a.dtype() == DType.FLOAT32) {
            Gemm.sgemm(x.transposed, y.transposed, n, m, k, 1f, Ops.floats(x.t), x.t.storageOffset(), x.ld,
                    Ops.floats(y.t), y.t.storageOffset(), y.ld, beta, Ops.floats(out), outOffset, m);
        } else {
            Gemm.dgemm(x.transposed, y.transposed, n, m, k, 1.0, Ops.doubles(x.t), x.t.storageOffset(), x.ld,
                    Ops.doubles(y.t), y.t.storageOffset(), y.ld, beta, Ops.doubles(out), outOffset, m);
        }
    }

    /** A 2-D operand as GEMM sees it: its data, whether it is stored transposed, and the row stride. */
    record Operand(Tensor t, boolean transposed, int ld) {
        static Operand of(Tensor t) {
            int[] s = t.shape(), st = t.strides();
            if ((st[1] == 1 || s[1] == 1) && st[0] >= Math.max(1, s[1])) return new Operand(t, false, Math.max(st[0], 1));
            if ((st[0] == 1 || s[0] == 1) && st[1] >= Math.max(1, s[0])) return new Operand(t, true, Math.max(st[1], 1));
            Tensor c = Ops.contiguousData(t);
            return new Operand(c, false, Math.max(s[1], 1));
        }
    }

    static final class MmBackward0 extends Node {
        SavedTensor a, b;

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {
                needsGrad(0) ? mm(g, b.get().t()) : null,
                needsGrad(1) ? mm(a.get().t(), g) : null
            };
        }
    }

    static final class BmmBackward0 extends Node {
        SavedTensor a, b;

        @Override
        protected Tensor[] backward(Tensor g) {
            return new Tensor[] {
                needsGrad(0) ? bmm(g, b.get().transpose(1, 2)) : null,
                needsGrad(1) ? bmm(a.get().transpose(1, 2), g) : null
            };
        }
    }
}
