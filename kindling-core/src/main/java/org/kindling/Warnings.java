package org.kindling;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where Kindling's warnings go, like Python's {@code warnings} module: a loss whose target shape
 * differs from its input's, initializing a zero-element tensor. Each distinct text is shown once
 * per process, as Python's default filter does. By default they are logged through
 * {@code System.Logger} ({@code org.kindling}, level WARNING); {@link #setHandler} sends them
 * elsewhere (a GUI, a test's list). Process-wide configuration: set it once, before training.
 */
public final class Warnings {
    private static final System.Logger LOG = System.getLogger("org.kindling");
    private static final Consumer<String> LOGGER = message -> LOG.log(System.Logger.Level.WARNING, message);
    private static final Set<String> SHOWN = ConcurrentHashMap.newKeySet();
    private static volatile Consumer<String> handler = LOGGER;

    private Warnings() {}

    /** Shows {@code message} unless the same text was shown before in this process. */
    public static void warn(String message) {
        if (SHOWN.add(message)) handler.accept(message);
    }

    /** Sends warnings to {@code newHandler} (null restores logging); returns the handler it replaces. */
    public static Consumer<String> setHandler(Consumer<String> newHandler) {
        Consumer<String> old = handler;
        handler = newHandler == null ? LOGGER : newHandler;
        return old;
    }

    /** Forgets which texts were shown, so each shows again (Python's {@code warnings.resetwarnings}). */
    public static void reset() {
        SHOWN.clear();
    }

}
