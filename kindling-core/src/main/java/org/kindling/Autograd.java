package org.kindling;

/**
 * Switches gradient recording on and off for the current thread, like {@code torch.no_grad()}.
 *
 * <pre>{@code
 * try (var g = Autograd.noGrad()) {
 *     prediction = model.forward(x);   // no graph is recorded
 * }
 * }</pre>
 * Scopes nest and restore the previous state on close. Each thread has its own state.
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {}

    /** True when ops record a graph on this thread ({@code torch.is_grad_enabled()}). */
    public static boolean isGradEnabled() {
        return ENABLED.get()[0];
    }

    /** Disables recording until the returned scope closes. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Enables recording until the returned scope closes, even inside {@link #noGrad()}. */
    public static Scope enableGrad() {
        return set(true);
    }

    /** Sets recording on or off until the returned scope closes ({@code torch.set_grad_enabled}). */
    public static Scope setGradEnabled(boolean enabled) {
        return set(enabled);
    }

    private static Scope set(boolean enabled) {
        boolean[] state = ENABLED.get();
        Scope scope = new Scope(state, state[0]);
        state[0] = enabled;
        return scope;
    }

    /** Restores the previous grad mode when closed; use with try-with-resources. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] state;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] state, boolean previous) {
            this.state = state;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                state[0] = previous;
            }
        }
    }
}
