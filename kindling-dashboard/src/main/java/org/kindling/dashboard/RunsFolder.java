package org.kindling.dashboard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that turns names from a request into paths: a run is a folder directly under the runs
 * folder, a file is a regular file directly in a run folder, and both must really be there once links
 * are followed. Everything else is "not found", so a request can never reach outside the runs folder.
 */
final class RunsFolder {
    /** File names served from a run folder: no separators, no leading dot (hides temp files), no control characters. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");

    private final Path root;

    /** @param root the runs folder; must exist */
    RunsFolder(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException(root + " is not a folder");
        }
    }

    Path root() {
        return root;
    }

    /** The run folders, by name; folders whose real location is outside the runs folder are left out. */
    List<String> runNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (run(name).isPresent()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** The folder of run {@code name} (one decoded path segment), if it is a run folder inside the runs folder. */
    Optional<Path> run(String name) {
        if (!isPlainSegment(name) || name.startsWith(".")) {
            return Optional.empty();
        }
        return inside(root, name).filter(Files::isDirectory);
    }

    /** File {@code name} of run {@code run}, if it is a regular file whose real location is in that run's folder. */
    Optional<Path> file(String run, String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return run(run).flatMap(dir -> inside(dir, name)).filter(Files::isRegularFile);
    }

    /** {@code parent/name} with links followed, if it exists and still sits directly in {@code parent}. */
    private Optional<Path> inside(Path parent, String name) {
        try {
            Path real = parent.resolve(name).toRealPath();
            Path realParent = parent.toRealPath();
            return real.getParent() != null && real.getParent().equals(realParent) && real.startsWith(root)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, unreadable, or not a valid path on this file system
        }
    }

    /** One path segment that names itself: not empty, not . or .., no separator or control character. */
    static boolean isPlainSegment(String s) {
        if (s.isEmpty() || s.length() > 255 || s.equals(".") || s.equals("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
