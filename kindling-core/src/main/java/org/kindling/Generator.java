package org.kindling;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.kindling.internal.random.Checks;
import org.kindling.internal.random.Distributions;
import org.kindling.internal.random.Mt19937;

/**
 * A pseudo-random generator that reproduces PyTorch 1.13's CPU random stream bit for bit: the same
 * seed gives the same {@code rand}, {@code randn}, {@code uniform_}, {@code normal_} and
 * {@code randperm} values as {@code torch.manual_seed(seed)} followed by the same calls.
 *
 * <p>The engine is PyTorch's Mersenne Twister ({@code at::mt19937}); float32 normals with 16 or
 * more elements follow the AVX2 kernel that PyTorch selects on every x86-64 CPU with AVX2 and FMA.
 * PyTorch itself produces other values on CPUs without AVX2 and on non-x86 builds, and
 * {@code uniform_} with bounds other than [0, 1) and float32 normals of 16+ elements could differ
 * in the last bit from a PyTorch compiled with other compiler settings (parity README §7.4).
 *
 * <p>Every method locks the generator, as PyTorch locks its generator for each op, so one
 * generator can be shared between threads; prefer the bulk methods in hot loops.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.Generator.html">torch.Generator</a>
 */
public final class Generator {
    /** PyTorch's {@code default_rng_seed_val}, the seed of a generator that was never seeded. */
    public static final long DEFAULT_SEED = 67280421310721L;

    /** PyTorch's {@code randperm_cpu} switches to another algorithm at {@code UINT32_MAX / 20}. */
    private static final int RANDPERM_SMALL_LIMIT = (int) (0xFFFFFFFFL / 20);

    /** {@code sizeof(CPUGeneratorImplState)} on x86-64, the length of {@code torch.get_rng_state()}. */
    private static final int STATE_BYTES = 5056;
    private static final int STATE_WORDS_AT = 24;
    private static final int NORMAL_Y_AT = 5024;
    private static final int NORMAL_IS_VALID_AT = 5040;
    private static final int FLOAT_NORMAL_AT = 5048;
    private static final int FLOAT_NORMAL_IS_VALID_AT = 5052;

    private static final Generator DEFAULT = new Generator();

    private final Mt19937 engine;
    // CPUGeneratorImpl::next_double_normal_sample_: the sine half of the last Box-Muller pair.
    private boolean hasCachedNormal;
    private double cachedNormal;
    // next_float_normal_sample_: no CPU kernel here uses it; kept so state() round-trips torch's bytes.
    private boolean hasCachedFloatNormal;
    private float cachedFloatNormal;

    /** Creates a generator seeded with {@link #DEFAULT_SEED}. */
    public Generator() {
        this(DEFAULT_SEED);
    }

    /** Creates a generator as {@code torch.Generator().manual_seed(seed)} does. */
    public Generator(long seed) {
        engine = new Mt19937(seed);
    }

    /** Returns the process-wide generator, the one {@link Kindling#manualSeed(long)} reseeds. */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /**
     * Reseeds as {@code torch.manual_seed(seed)}: only the low 32 bits reach the engine (so
     * {@code 2^32 + 5} and {@code 5} give the same stream) and any cached normal is dropped.
     *
     * @return this generator
     */
    public synchronized Generator manualSeed(long seed) {
        engine.seed(seed);
        hasCachedNormal = false;
        hasCachedFloatNormal = false;
        return this;
    }

    /** Returns the seed last set, all 64 bits, as {@code torch.initial_seed()} does. */
    public synchronized long initialSeed() {
        return engine.seedValue();
    }

    /** Returns the next raw 32-bit engine output ({@code random()}), unsigned in an int. */
    public synchronized int nextU32() {
        return engine.nextInt();
    }

    /** Returns {@code random64()}: two 32-bit outputs, the first one in the high half. */
    public synchronized long nextU64() {
        return Distributions.nextLong(engine);
    }

    /** Returns what int64 {@code Tensor.random_()} without bounds draws: {@code random64() mod 2^63}. */
    public synchronized long nextLong63() {
        return Distributions.nextLong(engine) & Long.MAX_VALUE;
    }

    /** Returns a uniform float in [0, 1) from 24 bits of one engine output. */
    public synchronized float nextFloat() {
        return Distributions.unitFloat(engine);
    }

    /** Returns a uniform double in [0, 1) from 53 bits of {@code random64()}. */
    public synchronized double nextDouble() {
        return Distributions.unitDouble(engine);
    }

    /**
     * Returns one sample of {@code at::normal_distribution<double>}: the cached sine sample if one
     * is pending, else a fresh Box-Muller pair (4 engine outputs) whose sine half is cached.
     * Float32 casts of it match torch exactly; the last bit of the double itself is unverified
     * (fused {@code * std + mean} assumed, Java's log/sin/cos instead of glibc's).
     */
    public synchronized double nextNormal(double mean, double std) {
        Checks.normalStd(std);
        return normalSample(mean, std);
    }

    private double normalSample(double mean, double std) {
        // NOTE: PyTorch writes these as x * std + mean; fused here on the assumption that GCC contracts
        // them as it does in uniform_. Float32 results cannot tell the difference (they round a
        // double that is off by at most one ulp); float64 results are unverified.
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return Math.fma(cachedNormal, std, mean);
        }
        double u1 = Distributions.unitDouble(engine);
        double u2 = Distributions.unitDouble(engine);
        double r = Math.sqrt(-2.0 * StrictMath.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * StrictMath.sin(theta);
        hasCachedNormal = true;
        return Math.fma(r * StrictMath.cos(theta), std, mean);
    }

    /**
     * Fills {@code dst[offset, offset + length)} like float32 {@code tensor.uniform_(from, to)};
     * {@code torch.rand} is {@code uniform(dst, 0, n, 0, 1)}. Consumes one engine output per value.
     */
    public synchronized void uniform(float[] dst, int offset, int length, double from, double to) {
        Objects.requireNonNull(dst, "dst");
        Checks.range("uniform", dst.length, offset, length);
        Checks.uniformBounds(from, to, false);
        Distributions.uniform(engine, dst, offset, length, (float) from, (float) to);
    }

    /**
     * Fills {@code dst[offset, offset + length)} like float64 {@code tensor.uniform_(from, to)};
     * consumes two engine outputs per value. Bounds other than [0, 1) are computed with a fused
     * multiply-add like the float32 kernel; that contraction is unverified for float64.
     */
    public synchronized void uniform(double[] dst, int offset, int length, double from, double to) {
        Objects.requireNonNull(dst, "dst");
        Checks.range("uniform", dst.length, offset, length);
        Checks.uniformBounds(from, to, true);
        Distributions.uniform(engine, dst, offset, length, from, to);
    }

    /**
     * Fills {@code dst[offset, offset + length)} like float32 {@code tensor.normal_(mean, std)};
     * {@code torch.randn} is {@code normal(dst, 0, n, 0, 1)}. Fewer than 16 values come one by one
     * from {@link #nextNormal} (using and refilling the cached sample); 16 or more come from the AVX2
     * Box-Muller kernel, which consumes {@code length} outputs plus 16 more when
     * {@code length % 16 != 0}, and neither reads nor clears the cache.
     */
    public synchronized void normal(float[] dst, int offset, int length, double mean, double std) {
        Objects.requireNonNull(dst, "dst");
        Checks.range("normal", dst.length, offset, length);
        Checks.normalStd(std);
        if (length < 16) {
            for (int i = offset, end = offset + length; i < end; i++) {
                dst[i] = (float) normalSample(mean, std);
            }
        } else {
            Distributions.normalFillAvx2(engine, dst, offset, length, (float) mean, (float) std);
        }
    }

    /**
     * Fills {@code dst[offset, offset + length)} like float64 {@code tensor.normal_(mean, std)}:
     * fewer than 16 values as {@link #nextNormal}; 16 or more with PyTorch's scalar
     * {@code normal_fill<double>} (two engine outputs per uniform, same blocking as the float32
     * kernel). Unverified: no float64 fixtures exist, the final {@code * std + mean} is assumed
     * fused, and Java's log/sin/cos may differ from glibc's in the last bit in rare cases.
     */
    public synchronized void normal(double[] dst, int offset, int length, double mean, double std) {
        Objects.requireNonNull(dst, "dst");
        Checks.range("normal", dst.length, offset, length);
        Checks.normalStd(std);
        if (length < 16) {
            for (int i = offset, end = offset + length; i < end; i++) {
                dst[i] = normalSample(mean, std);
            }
        } else {
            Distributions.normalFill(engine, dst, offset, length, mean, std);
        }
    }

    /**
     * Returns a random permutation of {@code 0 .. n-1} like {@code torch.randperm(n)}: a
     * Fisher-Yates shuffle drawing {@code random() % (n - i)} for {@code i = 0 .. n-2}.
     * For {@code n >= UINT32_MAX / 20} (214,748,364) PyTorch's {@code randperm_cpu} switches to an
     * inside-out shuffle on {@code random64()}; that branch follows PyTorch's source and is unverified.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public synchronized long[] randperm(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
        }
        long[] r = new long[n];
        if (n < RANDPERM_SMALL_LIMIT) {
            for (int i = 0; i < n; i++) {
                r[i] = i;
            }
            for (int i = 0; i < n - 1; i++) {
                int z = (int) ((engine.nextInt() & 0xFFFFFFFFL) % (n - i));
                long t = r[i];
                r[i] = r[i + z];
                r[i + z] = t;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int z = (int) Long.remainderUnsigned(Distributions.nextLong(engine), i + 1L);
                r[i] = r[z];
                r[z] = i;
            }
        }
        return r;
    }

    /**
     * Returns the full state in the byte layout of PyTorch 1.13's {@code torch.get_rng_state()} on
     * x86-64 (5056 bytes, little-endian {@code CPUGeneratorImplState}): seed, engine counters, the
     * 624 state words and the cached normal samples. {@link #setState} resumes the exact stream.
     */
    public synchronized byte[] state() {
        ByteBuffer b = ByteBuffer.allocate(STATE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, engine.seedValue());
        b.putInt(8, engine.left());
        b.putInt(12, 1); // seeded
        b.putLong(16, engine.next());
        for (int i = 0; i < Mt19937.N; i++) {
            b.putLong(STATE_WORDS_AT + 8 * i, engine.word(i) & 0xFFFFFFFFL);
        }
        if (hasCachedNormal) {
            b.putDouble(NORMAL_Y_AT, cachedNormal);
            b.putInt(NORMAL_IS_VALID_AT, 1);
        }
        if (hasCachedFloatNormal) {
            b.putFloat(FLOAT_NORMAL_AT, cachedFloatNormal);
            b.put(FLOAT_NORMAL_IS_VALID_AT, (byte) 1);
        }
        return b.array();
    }

    /**
     * Restores a state from {@link #state()} or from {@code torch.get_rng_state()} bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a valid 5056-byte generator state
     */
    public synchronized void setState(byte[] state) {
        Objects.requireNonNull(state, "state");
        if (state.length != STATE_BYTES) {
            throw new IllegalArgumentException("setState: expected a generator state of " + STATE_BYTES
                    + " bytes (torch.get_rng_state() layout), got " + state.length);
        }
        ByteBuffer b = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        int seeded = b.getInt(12);
        if (seeded != 1) {
            throw new IllegalArgumentException("setState: not a seeded generator state (seeded=" + seeded + ")");
        }
        long next = b.getLong(16);
        if (next < 0 || next > Mt19937.N) {
            throw new IllegalArgumentException("setState: invalid mt19937 index next=" + next);
        }
        int[] words = new int[Mt19937.N];
        for (int i = 0; i < Mt19937.N; i++) {
            long w = b.getLong(STATE_WORDS_AT + 8 * i);
            if ((w >>> 32) != 0) {
                throw new IllegalArgumentException("setState: state word " + i + " = " + Long.toUnsignedString(w)
                        + " does not fit in 32 bits");
            }
            words[i] = (int) w;
        }
        int normalValid = b.getInt(NORMAL_IS_VALID_AT);
        byte floatNormalValid = b.get(FLOAT_NORMAL_IS_VALID_AT);
        if ((normalValid & ~1) != 0 || (floatNormalValid & ~1) != 0) {
            throw new IllegalArgumentException("setState: invalid cached-normal flags (" + normalValid
                    + ", " + floatNormalValid + ")");
        }
        try {
            engine.restore(b.getLong(0), b.getInt(8), (int) next, words);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setState: " + e.getMessage(), e);
        }
        hasCachedNormal = normalValid == 1;
        cachedNormal = hasCachedNormal ? b.getDouble(NORMAL_Y_AT) : 0.0;
        hasCachedFloatNormal = floatNormalValid == 1;
        cachedFloatNormal = hasCachedFloatNormal ? b.getFloat(FLOAT_NORMAL_AT) : 0f;
    }
}
