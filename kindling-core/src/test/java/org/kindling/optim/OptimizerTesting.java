package org.kindling.optim;

import org.kindling.DType;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared test tools: deterministic parameters and gradients, and an independent float64 implementation of
 * the update equations of parity README §5, written from the README (not from the kernels) in plain Java.
 */
final class OptimizerTesting {
    private OptimizerTesting() {}

    static final int[][] SHAPES = {{3, 4}, {4}};

    /** Two parameters (shapes [3, 4] and [4]) with values in [-1, 1), rounded to {@code dtype}. */
    static List<Tensor> params(DType dtype, long seed) {
        Random r = new Random(seed);
        List<Tensor> out = new ArrayList<>();
        for (int[] shape : SHAPES) {
            double[] v = new double[numel(shape)];
            for (int i = 0; i < v.length; i++) v[i] = round(dtype, 2 * r.nextDouble() - 1);
            out.add(new Parameter(Tensor.fromArray(v, shape).to(dtype)));
        }
        return out;
    }

    /** The gradients of step {@code step}: values in [-1, 1) rounded to {@code dtype}, a function of seed and step only. */
    static double[][] grads(DType dtype, long seed, int step) {
        Random r = new Random(seed * 1000 + step);
        double[][] out = new double[SHAPES.length][];
        for (int k = 0; k < SHAPES.length; k++) {
            out[k] = new double[numel(SHAPES[k])];
            for (int i = 0; i < out[k].length; i++) out[k][i] = round(dtype, 2 * r.nextDouble() - 1);
        }
        return out;
    }

    static void setGrads(List<Tensor> params, double[][] grads) {
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            p.setGrad(Tensor.fromArray(grads[k], p.shape()).to(p.dtype()));
        }
    }

    /** Runs {@code steps} steps starting at step number {@code first} (1-based) with {@link #grads}. */
    static void run(Optimizer opt, List<Tensor> params, long seed, int first, int steps) {
        DType dtype = params.get(0).dtype();
        for (int t = first; t < first + steps; t++) {
            setGrads(params, grads(dtype, seed, t));
            opt.step();
        }
    }

    static double[][] values(List<Tensor> params) {
        double[][] out = new double[params.size()][];
        for (int k = 0; k < out.length; k++) out[k] = params.get(k).toDoubleArray();
        return out;
    }

    /** Copies of the parameters' current values, as new parameters. */
    static List<Tensor> copy(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        try (var g = org.kindling.Autograd.noGrad()) {
            for (Tensor p : params) out.add(new Parameter(p.clone()));
        }
        return out;
    }

    static void assertBitEqual(double[][] expected, double[][] actual) {
        for (int k = 0; k < expected.length; k++) assertArrayEquals(expected[k], actual[k], 0.0, "param " + k);
    }

    /** {@code |a - e| <= atol + rtol * |e|} everywhere. */
    static void assertClose(double[][] expected, double[][] actual, double rtol, double atol, String what) {
        for (int k = 0; k < expected.length; k++) {
            for (int i = 0; i < expected[k].length; i++) {
                double e = expected[k][i], a = actual[k][i];
                if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                    fail(what + ": param " + k + "[" + i + "] expected " + e + " got " + a);
                }
            }
        }
    }

    /**
     * Trains {@code total} steps uninterrupted, and separately {@code before} steps, saves, rebuilds a fresh
     * optimizer over copies of the parameters, loads and continues; both must end bit for bit equal.
     */
    static void assertResumesExactly(Function<List<Tensor>, Optimizer> make, DType dtype, int before, int total) {
        List<Tensor> straight = params(dtype, 7);
        Optimizer a = make.apply(straight);
        run(a, straight, 7, 1, total);

        List<Tensor> first = params(dtype, 7);
        Optimizer b = make.apply(first);
        run(b, first, 7, 1, before);
        OptimizerStateDict saved = b.stateDict();
        List<Tensor> fresh = copy(first);
        run(b, first, 99, 1, 3); // keeps training after the save: the saved dict must be a snapshot

        Optimizer c = make.apply(fresh);
        c.loadStateDict(saved);
        run(c, fresh, 7, before + 1, total - before);
        assertBitEqual(values(straight), values(fresh));
        assertTrue(total > before);
    }

    static double round(DType dtype, double v) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    // ------------------------------------------------------------------ reference equations (README §5), float64

    /** One optimizer's update, on flat double arrays, with state per parameter index. */
    abstract static class Reference {
        final Map<String, Object> hp;
        final Map<String, double[]> state = new HashMap<>();
        final Map<Integer, Integer> steps = new HashMap<>();

        Reference(Map<String, Object> hp) {
            this.hp = hp;
        }

        double d(String key) {
            return ((Number) hp.get(key)).doubleValue();
        }

        boolean b(String key) {
            return (Boolean) hp.get(key);
        }

        double[] buf(String name, int k, int n, double init) {
            return state.computeIfAbsent(name + k, x -> {
                double[] a = new double[n];
                java.util.Arrays.fill(a, init);
                return a;
            });
        }

        void step(double[][] p, double[][] g) {
            for (int k = 0; k < p.length; k++) {
                int t = steps.merge(k, 1, Integer::sum);
                for (int i = 0; i < p[k].length; i++) p[k][i] = update(k, i, t, p[k].length, p[k][i], g[k][i]);
            }
        }

        abstract double update(int k, int i, int t, int n, double p, double g);
    }

    static Reference sgd(Map<String, Object> hp) {
        return new Reference(hp) {
            @Override
            double update(int k, int i, int t, int n, double p, double g) {
                if (b("maximize")) g = -g;
                if (d("weight_decay") != 0) g = g + d("weight_decay") * p;
                if (d("momentum") != 0) {
                    double[] buf = buf("buf", k, n, 0);
                    buf[i] = t == 1 ? g : d("momentum") * buf[i] + (1 - d("dampening")) * g;
                    g = b("nesterov") ? g + d("momentum") * buf[i] : buf[i];
                }
                return p - d("lr") * g;
            }
        };
    }

    static Reference adam(Map<String, Object> hp, boolean decoupled) {
        return new Reference(hp) {
            @Override
            double update(int k, int i, int t, int n, double p, double g) {
                @SuppressWarnings("unchecked") List<Number> betas = (List<Number>) hp.get("betas");
                double b1 = betas.get(0).doubleValue(), b2 = betas.get(1).doubleValue(), wd = d("weight_decay");
                if (b("maximize")) g = -g;
                if (decoupled) p = p * (1 - d("lr") * wd);
                else if (wd != 0) g = g + wd * p;
                double[] m = buf("m", k, n, 0), v = buf("v", k, n, 0), vmax = buf("vmax", k, n, 0);
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double stepSize = d("lr") / (1 - Math.pow(b1, t));
                double vv = v[i];
                if (b("amsgrad")) {
                    vmax[i] = Math.max(vmax[i], v[i]);
                    vv = vmax[i];
                }
                double denom = Math.sqrt(vv) / Math.sqrt(1 - Math.pow(b2, t)) + d("eps");
                return p - stepSize * m[i] / denom;
            }
        };
    }

    static Reference rmsprop(Map<String, Object> hp) {
        return new Reference(hp) {
            @Override
            double update(int k, int i, int t, int n, double p, double g) {
                double a = d("alpha");
                if (b("maximize")) g = -g;
                if (d("weight_decay") != 0) g = g + d("weight_decay") * p;
                double[] sq = buf("sq", k, n, 0), ga = buf("ga", k, n, 0), buf = buf("buf", k, n, 0);
                sq[i] = a * sq[i] + (1 - a) * g * g;
                double avg;
                if (b("centered")) {
                    ga[i] = a * ga[i] + (1 - a) * g;
                    avg = Math.sqrt(sq[i] - ga[i] * ga[i]) + d("eps");
                } else {
                    avg = Math.sqrt(sq[i]) + d("eps");
                }
                if (d("momentum") > 0) {
                    buf[i] = d("momentum") * buf[i] + g / avg;
                    return p - d("lr") * buf[i];
                }
                return p - d("lr") * g / avg;
            }
        };
    }

    static Reference adagrad(Map<String, Object> hp) {
        return new Reference(hp) {
            @Override
            double update(int k, int i, int t, int n, double p, double g) {
                if (b("maximize")) g = -g;
                if (d("weight_decay") != 0) g = g + d("weight_decay") * p;
                double clr = d("lr") / (1 + (t - 1) * d("lr_decay"));
                double[] sum = buf("sum", k, n, d("initial_accumulator_value"));
                sum[i] = sum[i] + g * g;
                return p - clr * g / (Math.sqrt(sum[i]) + d("eps"));
            }
        };
    }

    /**
     * Runs {@code opt} over {@code steps} steps next to the reference and compares after every step. Float64
     * parameters must agree to 1e-12 (relative); float32 ones to the fixtures' 1e-5/1e-6.
     */
    static void assertMatchesReference(Function<List<Tensor>, Optimizer> make, Reference ref, DType dtype, int steps) {
        List<Tensor> params = params(dtype, 3);
        Optimizer opt = make.apply(params);
        double[][] expected = values(params);
        for (int t = 1; t <= steps; t++) {
            double[][] g = grads(dtype, 3, t);
            setGrads(params, g);
            opt.step();
            ref.step(expected, g);
            if (dtype == DType.FLOAT32) assertClose(expected, values(params), 1e-5, 1e-6, "step " + t);
            else assertClose(expected, values(params), 1e-12, 1e-15, "step " + t);
        }
    }
}
