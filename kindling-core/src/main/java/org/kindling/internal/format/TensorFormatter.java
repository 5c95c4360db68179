package org.kindling.internal.format;

import org.kindling.DType;
import org.kindling.Tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code repr(tensor)} exactly as PyTorch prints it (torch/_tensor_str.py with default print
 * options: 4 decimals, line width 80, summarizing above 1000 elements with 3 edge items).
 */
public final class TensorFormatter {
    private static final int PRECISION = 4, LINE_WIDTH = 80, THRESHOLD = 1000, EDGE_ITEMS = 3;

    private TensorFormatter() {}

    public static String format(Tensor t) {
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (t.numel() == 0) {
            if (t.dim() != 1) suffixes.add("size=" + pythonTuple(t.shape()));
            if (t.dtype() != DType.FLOAT32) suffixes.add("dtype=torch." + t.dtype().pytorchName());
            body = "[]";
        } else {
            if (t.dtype() == DType.FLOAT64) suffixes.add("dtype=torch.float64");
            boolean summarize = t.numel() > THRESHOLD;
            double[] values = t.toDoubleArray();
            Formatter f = new Formatter(t.dtype(), summarize ? summarized(t) : values);
            body = tensorString(values, t.shape(), 0, 0, indent, summarize, f);
        }
        if (t.gradFn() != null) suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        else if (t.requiresGrad()) suffixes.add("requires_grad=True");
        return addSuffixes(prefix + body, suffixes, indent);
    }

    private static String pythonTuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String addSuffixes(String s, List<String> suffixes, int indent) {
        StringBuilder out = new StringBuilder(s);
        int lastLineLength = s.length() - s.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                out.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                out.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return out.append(')').toString();
    }

    /** Renders the sub-tensor at {@code offset} with dims {@code dim..}; row-major {@code values}. */
    private static String tensorString(double[] values, int[] shape, int dim, int offset, int indent, boolean summarize,
                                       Formatter f) {
        int rank = shape.length - dim;
        if (rank == 0) return f.format(values[offset]);
        int size = shape[dim];
        int stride = 1;
        for (int i = dim + 1; i < shape.length; i++) stride *= shape[i];
        boolean cut = summarize && size > 2 * EDGE_ITEMS;
        if (rank == 1) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                if (cut && i == EDGE_ITEMS) {
                    items.add(" ...");
                    i = size - EDGE_ITEMS - 1;
                    continue;
                }
                items.add(f.format(values[offset + i]));
            }
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (f.width + 2));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < items.size(); i += perLine) {
                lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
            }
            return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
        }
        List<String> slices = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (cut && i == EDGE_ITEMS) {
                slices.add("...");
                i = size - EDGE_ITEMS - 1;
                continue;
            }
            slices.add(tensorString(values, shape, dim + 1, offset + i * stride, indent + 1, summarize, f));
        }
        return "[" + String.join("," + "\n".repeat(rank - 1) + " ".repeat(indent + 1), slices) + "]";
    }

    /** The values PyTorch looks at to choose a format when summarizing: the edge items of every dim. */
    private static double[] summarized(Tensor t) {
        List<Double> out = new ArrayList<>();
        collectEdges(t.toDoubleArray(), t.shape(), 0, 0, out);
        double[] d = new double[out.size()];
        for (int i = 0; i < d.length; i++) d[i] = out.get(i);
        return d;
    }

    private static void collectEdges(double[] v, int[] shape, int dim, int offset, List<Double> out) {
        if (dim == shape.length) {
            out.add(v[offset]);
            return;
        }
        int stride = 1;
        for (int i = dim + 1; i < shape.length; i++) stride *= shape[i];
        for (int i = 0; i < shape[dim]; i++) {
            if (shape[dim] > 2 * EDGE_ITEMS && i == EDGE_ITEMS) i = shape[dim] - EDGE_ITEMS;
            collectEdges(v, shape, dim + 1, offset + i * stride, out);
        }
    }

    /** PyTorch's _Formatter: integer mode, scientific mode or fixed 4 decimals, padded to one width. */
    private static final class Formatter {
        private final DType dtype;
        private boolean intMode = true, sciMode;
        private int width = 1;

        Formatter(DType dtype, double[] values) {
            this.dtype = dtype;
            if (!dtype.isFloatingPoint()) {
                for (double v : values) width = Math.max(width, plain(v).length());
                return;
            }
            double min = Double.POSITIVE_INFINITY, max = 0;
            List<Double> finite = new ArrayList<>();
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    finite.add(v);
                    min = Math.min(min, Math.abs(v));
                    max = Math.max(max, Math.abs(v));
                }
            }
            if (finite.isEmpty()) return;
            for (double v : finite) {
                if (v != Math.ceil(v)) {
                    intMode = false;
                    break;
                }
            }
            if (intMode) {
                sciMode = max / min > 1000 || max > 1e8;
                for (double v : finite) width = Math.max(width, sciMode ? sci(v).length() : fixed(v, 0).length() + 1);
            } else {
                sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
                for (double v : finite) width = Math.max(width, sciMode ? sci(v).length() : fixed(v, PRECISION).length());
            }
        }

        String format(double v) {
            String s;
            if (!dtype.isFloatingPoint()) {
                s = plain(v);
            } else if (Double.isNaN(v)) {
                s = "nan";
            } else if (Double.isInfinite(v)) {
                s = v > 0 ? "inf" : "-inf";
            } else if (sciMode) {
                s = sci(v);
            } else if (intMode) {
                s = fixed(v, 0) + ".";
            } else {
                s = fixed(v, PRECISION);
            }
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }

        private String plain(double v) {
            if (dtype == DType.BOOL) return v != 0 ? "True" : "False";
            return Long.toString((long) v);
        }

        /** Python's '{:.Nf}': exact binary value, round half to even. */
        private static String fixed(double v, int decimals) {
            String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            return s.startsWith("-") && new BigDecimal(s).signum() == 0 ? s : s; // Python keeps "-0.0000"
        }

        /** Python's '{:.4e}': mantissa with 4 decimals, exponent with sign and at least two digits. */
        private static String sci(double v) {
            if (v == 0) return "0.0000e+00";
            BigDecimal d = new BigDecimal(v).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            int exponent = d.precision() - d.scale() - 1;
            BigDecimal mantissa = d.movePointLeft(exponent).setScale(PRECISION, RoundingMode.HALF_EVEN);
            String e = Integer.toString(Math.abs(exponent));
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
    }
}
