package org.kindling.internal.ops;

import org.kindling.DType;
import org.kindling.Tensor;
import org.kindling.autograd.Node;
import org.kindling.autograd.SavedTensor;
import org.kindling.internal.kernels.Gemm;
import org.kindling.internal.kernels.LinearKernels;
import org.kindling.internal.kernels.Unary;
import org.kindling.internal.kernels.UnaryOp;
import org.kindling.internal.shape.Shapes;

/**
 * The fused linear layer {@code y = x Wᵀ + b}: one GEMM with the bias broadcast into the output,
 * and a backward that computes only the gradients needed (the first layer's input needs none).
 * Shapes: x [..., in], W [out, in], b [out] → [..., out].
 */
public final class LinearOp {
    private LinearOp() {}

    public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        return apply(x, weight, bias, false);
    }

    /**
     * {@code relu(x Wᵀ + b)} as one op: the activation is applied as the output is written, and its
     * mask is applied to the gradient before the linear backward, so the pre-activation is never
     * stored. Same values and gradients as {@code linear} then {@code relu}.
     */
    public static Tensor applyRelu(Tensor x, Tensor weight, Tensor bias) {
        return apply(x, weight, bias, true);
    }

    private static Tensor apply(Tensor x, Tensor weight, Tensor bias, boolean relu) {
        int[] xs = x.shape(), ws = weight.shape();
        if (ws.length != 2) throw new IllegalArgumentException("linear: weight must be 2-D [out, in], got " + Shapes.format(ws));
        if (xs.length == 0) throw new IllegalArgumentException("linear: input must have at least 1 dimension, got a 0-dim tensor");
        int in = ws[1], outF = ws[0];
        if (xs[xs.length - 1] != in) {
            throw new IllegalArgumentException("linear: shapes " + Shapes.format(xs) + " and " + Shapes.format(ws)
                    + " cannot be multiplied (" + xs[xs.length - 1] + " != " + in + "; input's last dim must equal in_features)");
        }
        if (bias != null && (bias.dim() != 1 || bias.shape()[0] != outF)) {
            throw new IllegalArgumentException("linear: bias must have shape [" + outF + "], got " + Shapes.format(bias.shape()));
        }
        MatMul.checkFloatPair("linear", x, weight);
        if (bias != null && bias.dtype() != x.dtype()) MatMul.checkFloatPair("linear", x, bias);
        int rows = Shapes.outer(xs, xs.length - 1);
        int[] outShape = xs.clone();
        outShape[outShape.length - 1] = outF;
        boolean tracked = Ops.tracked(x, weight, bias);
        Tensor out = Ops.output(x.dtype(), outShape, tracked, x, weight);
        Tensor x2 = Ops.contiguousData(x);
        Tensor w = Ops.contiguousData(weight);
        forward(x2, w, bias, out, rows, in, outF, relu);
        if (tracked) {
            LinearBackward fn = new LinearBackward(relu);
            if (bias != null) fn.connect(out, true, x, weight, bias);
            else fn.connect(out, true, x, weight);
            if (fn.needsGrad(0)) fn.weight = fn.save(weight);
            if (fn.needsGrad(1)) fn.input = fn.save(x);
            if (relu) fn.output = fn.save(out);
        }
        return out;
    }

    /** out[rows, outF] = x[rows, in] · Wᵀ (+ b): fused for narrow inputs, else the bias rows then GEMM onto them. */
    private static void forward(Tensor x, Tensor w, Tensor bias, Tensor out, int rows, int in, int outF, boolean relu) {
        Tensor b = bias == null ? null : Ops.contiguousData(bias);
        if (x.dtype() == DType.FLOAT32 && in > 0 && in <= LinearKernels.NARROW_IN) {
            LinearKernels.forwardNarrow(Ops.floats(x), x.storageOffset(), rows, in, Ops.floats(w), w.storageOffset(),
                    b == null ? null : Ops.floats(b), b == null ? 0 : b.storageOffset(), Ops.floats(out), 0, outF,
                    LinearKernels.Workspace.get().floats(in * outF), relu);
            return;
        }
        gemmForward(x, w, b, out, rows, in, outF);
        if (relu) {
            int n = rows * outF;
            if (out.dtype() == DType.FLOAT32) Unary.forward(UnaryOp.RELU, 0, Ops.floats(out), 0, Ops.floats(out), 0, n);
            else Unary.forward(UnaryOp.RELU, 0, Ops.doubles(out), 0, Ops.doubles(out), 0, n);
        }
    }

    private static void gemmForward(Tensor x, Tensor w, Tensor b, Tensor out, int rows, int in, int outF) {
        if (b != null) fillRows(Ops.array(b), b.storageOffset(), Ops.array(out), rows, outF);
        float beta = b == null ? 0f : 1f;
        if (x.dtype() == DType.FLOAT32) {
            Gemm.sgemm(false, true, rows, outF, in, 1f, Ops.floats(x), x.storageOffset(), in,
                    Ops.floats(w), w.storageOffset(), in, beta, Ops.floats(out), 0, outF);
        } else {
            Gemm.dgemm(false, true, rows, outF, in, 1.0, Ops.doubles(x), x.storageOffset(), in,
                    Ops.doubles(w), w.storageOffset(), in, beta, Ops.doubles(out), 0, outF);
        }
    }

    /** Copies the bias into every row of {@code dst}, doubling the filled block each time (log2(rows) copies). */
    private static void fillRows(Object src, int srcOffset, Object dst, int rows, int width) {
        if (rows == 0 || width == 0) return;
        System.arraycopy(src, srcOffset, dst, 0, width);
        for (int done = 1; done < rows; done *= 2) {
            System.arraycopy(dst, 0, dst, done * width, Math.min(done, rows - done) * width);
        }
    }

    static final class LinearBackward extends Node {
        private final boolean relu;
        SavedTensor input, weight, output;
        /** The output of a relu applied to this op's output, handed over by that relu's backward. */
        private Tensor deferredReluOutput;

        LinearBackward(boolean relu) {
            this.relu = relu;
        }

        @Override
        public String name() {
            return relu ? "ReluBackward0" : inputCount() == 3 ? "AddmmBackward0" : "MmBackward0";
        }

        @Override
        protected Tensor[] backward(Tensor g) {
            int[] gs = g.shape();
            int outF = gs[gs.length - 1], in = inputShape(1)[1];
            // Explicit row counts: with zero features, reshape(-1, 0) is ambiguous (PyTorch refuses it too).
            int rows = Shapes.outer(gs, gs.length - 1);
            boolean narrowWeight = needsGrad(1) && g.dtype() == DType.FLOAT32 && in > 0 && in <= LinearKernels.NARROW_IN;
            Tensor mask = relu ? output.get() : deferredReluOutput;
            deferredReluOutput = null;
            if (mask != null && (needsGrad(0) || !narrowWeight)) { // the fused weight kernel can apply the mask itself
                g = reluMask(g, mask);
                mask = null;
            }
            Tensor g2 = g.reshape(rows, outF);
            Tensor[] grads = new Tensor[inputCount()];
            boolean wantBias = grads.length == 3 && needsGrad(2);
            if (needsGrad(0)) grads[0] = inputGrad(g2, weight.get(), outF).reshape(inputShape(0));
            if (narrowWeight) {
                Tensor x = input.get();
                weightAndBiasNarrow(Ops.contiguousData(g2), mask == null ? null : Ops.contiguousData(mask.reshape(rows, outF)),
                        Ops.contiguousData(x.reshape(rows, in)), in, outF, grads, wantBias);
                return grads;
            }
            if (needsGrad(1)) {
                Tensor x = input.get();
                grads[1] = g2.t().mm(x.reshape(rows, in));
            }
            if (wantBias) grads[2] = g2.sum(0);
            return grads;
        }

        /**
         * Whether a relu applied to this op's output may leave its mask to this node: true when that
         * relu is the output's only consumer, nobody retains the output's gradient, and the narrow
         * weight-gradient kernel can fold the mask in (the first layer, whose input needs no gradient).
         * This is the container-free form of {@link #applyRelu}'s fusion, for backward.
         */
        boolean foldsReluMask(Tensor g) {
            int in = inputShape(1)[1];
            return !relu && consumerCount() == 1 && !retainsOutputGrad() && !needsGrad(0) && needsGrad(1)
                    && g.dtype() == DType.FLOAT32 && in > 0 && in <= LinearKernels.NARROW_IN;
        }

        /** Called by the relu's backward instead of masking: {@code y} is the relu's saved output. */
        void deferReluMask(Tensor y) {
            deferredReluOutput = y;
        }

        /** {@code g · (y > 0)}: into g itself when only this node sees it. */
        private Tensor reluMask(Tensor g, Tensor y) {
            Tensor gc = Ops.contiguousData(g);
            Tensor dx = gradientIsExclusive() ? g : Ops.output(g.dtype(), g.shape(), false, gc, y);
            int n = g.numel();
            if (g.dtype() == DType.FLOAT32) {
                Unary.backward(UnaryOp.RELU, 0, Ops.floats(gc), gc.storageOffset(), Ops.floats(y), y.storageOffset(),
                        Ops.floats(dx), 0, n);
            } else {
                Unary.backward(UnaryOp.RELU, 0, Ops.doubles(gc), gc.storageOffset(), Ops.doubles(y), y.storageOffset(),
                        Ops.doubles(dx), 0, n);
            }
            return dx;
        }

        /** {@code g · W}; for a layer with few outputs, the fused narrow kernel (W's rows are what it streams). */
        private static Tensor inputGrad(Tensor g2, Tensor w, int outF) {
            if (g2.dtype() != DType.FLOAT32 || outF == 0 || outF > LinearKernels.NARROW_IN) return g2.mm(w);
            Tensor g = Ops.contiguousData(g2), wc = Ops.contiguousData(w);
            int rows = g.size(0), in = wc.size(1);
            Tensor dx = Ops.output(DType.FLOAT32, new int[] {rows, in}, false, g, wc);
            LinearKernels.forwardNarrowTransposed(Ops.floats(g), g.storageOffset(), rows, outF, Ops.floats(wc),
                    wc.storageOffset(), Ops.floats(dx), 0, in);
            return dx;
        }

        /** Weight (and bias) gradients of a narrow layer in one pass over the output gradient (masked by y > 0 if given). */
        private static void weightAndBiasNarrow(Tensor g, Tensor y, Tensor x, int in, int outF, Tensor[] grads, boolean bias) {
            Tensor gw = Ops.output(DType.FLOAT32, new int[] {outF, in}, false, g, x);
            Tensor gb = bias ? Ops.output(DType.FLOAT32, new int[] {outF}, false, g, x) : null;
            LinearKernels.weightGradNarrow(Ops.floats(g), g.storageOffset(), y == null ? null : Ops.floats(y),
                    y == null ? 0 : y.storageOffset(), Ops.floats(x), x.storageOffset(), g.size(0), in, outF,
                    Ops.floats(gw), 0, bias ? Ops.floats(gb) : null, 0, LinearKernels.Workspace.get());
            grads[1] = gw;
            if (bias) grads[2] = gb;
        }
    }
}
