package org.kindling.internal.random;

/**
 * The 32-bit Mersenne Twister exactly as PyTorch's {@code at::mt19937} runs it, including its
 * {@code left}/{@code next} bookkeeping so that a state can be exchanged with
 * {@code torch.get_rng_state()}.
 *
 * <p>Not thread-safe; {@link org.kindling.Generator} locks around it. Unsigned 32-bit values are
 * held in {@code int}s: the arithmetic wraps modulo 2^32 exactly like C's {@code uint32_t}.
 *
 * <p>PyTorch source: {@code aten/src/ATen/core/MT19937RNGEngine.h}.
 */
public final class Mt19937 {
    /** Number of 32-bit words in the state (MERSENNE_STATE_N). */
    public static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private long seed;
    // PyTorch's counters: a draw first decrements left and regenerates the state when it reaches 0,
    // then reads state[next++]. After seeding left == 1 and next == 0, so the first draw twists.
    private int left;
    private int next;

    /** Creates an engine seeded with {@code seed} (only the low 32 bits reach the state). */
    public Mt19937(long seed) {
        seed(seed);
    }

    /** Re-seeds with {@code init_genrand} on the low 32 bits; the full value is kept as the seed. */
    public void seed(long seed) {
        this.seed = seed;
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = state[i - 1];
            state[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        left = 1;
        next = 0;
    }

    /** Returns the next output, an unsigned 32-bit value held in an int. */
    public int nextInt() {
        if (--left == 0) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        int[] s = state;
        for (int i = 0; i < N; i++) {
            int y = (s[i] & UPPER_MASK) | (s[i + 1 < N ? i + 1 : 0] & LOWER_MASK);
            int v = s[i + M < N ? i + M : i + M - N] ^ (y >>> 1);
            s[i] = (y & 1) != 0 ? v ^ MATRIX_A : v;
        }
        left = N;
        next = 0;
    }

    /** Returns the seed last given to {@link #seed} or {@link #restore}, all 64 bits. */
    public long seedValue() {
        return seed;
    }

    /** Returns PyTorch's {@code left_} counter. */
    public int left() {
        return left;
    }

    /** Returns PyTorch's {@code next_} index. */
    public int next() {
        return next;
    }

    /** Returns state word {@code i} (an unsigned 32-bit value held in an int). */
    public int word(int i) {
        return state[i];
    }

    /**
     * Replaces the whole engine state; {@code words} must hold {@link #N} values.
     *
     * @throws IllegalArgumentException if the counters could make a draw read past the state
     *     (PyTorch's own check, {@code is_valid}, plus the bound that keeps reads in range)
     */
    public void restore(long seed, int left, int next, int[] words) {
        if (words.length != N) {
            throw new IllegalArgumentException("mt19937 state needs " + N + " words, got " + words.length);
        }
        // left counts the draws until the next regeneration, next is the word they start from:
        // the left - 1 draws before the twist read state[next .. next + left - 2].
        if (left < 1 || left > N || next < 0 || next > N || next + left - 1 > N) {
            throw new IllegalArgumentException(
                    "invalid mt19937 state: left=" + left + ", next=" + next
                            + " (need 1 <= left <= " + N + ", 0 <= next and next + left - 1 <= " + N + ")");
        }
        this.seed = seed;
        this.left = left;
        this.next = next;
        System.arraycopy(words, 0, state, 0, N);
    }
}
