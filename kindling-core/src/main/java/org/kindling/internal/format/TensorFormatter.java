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
            body = tensorString(values, t.shape(), indent, summarize, f);
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

    /**
     * Renders row-major {@code values} of {@code shape}. Built bottom-up (rows first, then each dim's brackets
     * around groups of the level below) rather than by recursion per dim, so no rank overflows the stack.
     */
    private static String tensorString(double[] values, int[] shape, int indent, boolean summarize, Formatter f) {
        int rank = shape.length;
        if (rank == 0) return f.format(values[0]);
        int[][] shown = shownIndices(shape, summarize);
        int[] strides = strides(shape);
        int last = rank - 1;
        List<String> level = new ArrayList<>();
        for (int offset : offsets(shown, strides, last)) {
            level.add(row(values, offset, shape[last], cut(shape, last, summarize), indent + last, f));
        }
        for (int dim = last - 1; dim >= 0; dim--) {
            int group = shown[dim].length;
            String separator = "," + "\n".repeat(rank - dim - 1) + " ".repeat(indent + dim + 1);
            List<String> next = new ArrayList<>(level.size() / group);
            for (int i = 0; i < level.size(); i += group) {
                List<String> slices = new ArrayList<>(level.subList(i, i + group));
                if (cut(shape, dim, summarize)) slices.add(EDGE_ITEMS, "...");
                next.add("[" + String.join(separator, slices) + "]");
            }
            level = next;
        }
        return level.get(0);
    }

    /** One innermost row, wrapped to the line width like PyTorch's _vector_str. */
    private static String row(double[] values, int offset, int size, boolean cut, int indent, Formatter f) {
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

    private static boolean cut(int[] shape, int dim, boolean summarize) {
        return summarize && shape[dim] > 2 * EDGE_ITEMS;
    }

    /** Per dim, the indices printed: all of them, or the edge items when summarizing. */
    private static int[][] shownIndices(int[] shape, boolean summarize) {
        int[][] shown = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            int size = shape[d];
            if (cut(shape, d, summarize)) {
                shown[d] = new int[2 * EDGE_ITEMS];
                for (int i = 0; i < EDGE_ITEMS; i++) {
                    shown[d][i] = i;
                    shown[d][EDGE_ITEMS + i] = size - EDGE_ITEMS + i;
                }
            } else {
                shown[d] = new int[size];
                for (int i = 0; i < size; i++) shown[d][i] = i;
            }
        }
        return shown;
    }

    private static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** Row-major offsets of every combination of shown indices of dims {@code 0..dims-1}. */
    private static int[] offsets(int[][] shown, int[] strides, int dims) {
        int count = 1;
        for (int d = 0; d < dims; d++) count *= shown[d].length;
        int[] out = new int[count];
        int[] at = new int[dims];
        for (int k = 0; k < count; k++) {
            int offset = 0;
            for (int d = 0; d < dims; d++) offset += shown[d][at[d]] * strides[d];
            out[k] = offset;
            for (int d = dims - 1; d >= 0 && ++at[d] == shown[d].length; d--) at[d] = 0; // odometer
        }
        return out;
    }

    /** The values PyTorch looks at to choose a format when summarizing: the edge items of every dim. */
    private static double[] summarized(Tensor t) {
        double[] values = t.toDoubleArray();
        int[] shape = t.shape();
        int[] offsets = offsets(shownIndices(shape, true), strides(shape), shape.length);
        double[] d = new double[offsets.length];
        for (int i = 0; i < d.length; i++) d[i] = values[offsets[i]];
        return d;
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
