package org.kindling.tensorboard;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name as Python's {@code socket.gethostname()} gives it, for event file names. */
final class Host {
    private static final String NAME = lookUp();

    private Host() {}

    static String name() {
        return NAME;
    }

    private static String lookUp() {
        // The kernel's name, what gethostname(2) returns, without InetAddress's DNS lookup (slow on some machines).
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) return name;
        } catch (IOException | SecurityException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
