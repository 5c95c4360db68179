package org.kindling.cli;

/**
 * A problem with what the user asked for that only shows once the data is read (a class column with one
 * class, {@code --model cnn} on columns that are not an image, an unknown label): exit code 2, like the
 * usage errors picocli finds in the options.
 */
final class UsageError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
