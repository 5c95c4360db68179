package org.kindling;

/** Library-wide settings and entry points, the counterpart of the top-level {@code torch} namespace. */
public final class Kindling {
    private Kindling() {}
}
