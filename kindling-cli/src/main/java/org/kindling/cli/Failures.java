package org.kindling.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one line a person can act on. */
final class Failures {
    private Failures() {}

    /** The message to print: the most specific one we have, made safe for a terminal by {@link UserText#message}. */
    static String describe(Throwable e) {
        return UserText.message(rawMessage(e));
    }

    private static String rawMessage(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            // A wrapper that says more than its cause ("data.csv: not UTF-8 text" over "Input length = 1") wins.
            if (u.getMessage() != null && !u.getMessage().equals(u.getCause().toString())) return u.getMessage();
            e = u.getCause();
        }
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file";
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** True for exceptions that point at a defect rather than at the input (no message, or an NPE). */
    static boolean isBug(Throwable e) {
        return e.getMessage() == null || e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof ArrayIndexOutOfBoundsException;
    }
}
