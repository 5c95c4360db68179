package org.kindling.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}, for writing bodies passed to {@link AtomicFiles#write}. */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes the value, for example by writing to it. */
    void accept(T value) throws IOException;
}
