package org.kindling.tensorboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python with given modules for the tests that compare against TensorBoard's reader and PyTorch's writer:
 * the one named by {@code -Dkindling.tensorboard.python=PATH}, else the one named by the environment variable {@code KINDLING_TENSORBOARD_PYTHON}, else
 * {@code python3}. The build never needs it: the tests that do skip when none has the modules.
 */
final class Python {
    static final String PROPERTY = "kindling.tensorboard.python";
    static final String ENVIRONMENT = "KINDLING_TENSORBOARD_PYTHON";

    private Python() {}

    /** The first candidate that imports every module, if any. */
    static Optional<String> with(String... modules) {
        List<String> candidates = new ArrayList<>();
        String given = System.getProperty(PROPERTY, "");
        if (!given.isBlank()) candidates.add(given);
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) candidates.add(fromEnvironment);
        candidates.add("python3");
        String imports = "import " + String.join(", ", modules);
        for (String python : candidates) {
            if (python.contains("/") && !Files.isExecutable(Path.of(python))) continue;
            try {
                Result r = run(List.of(python, "-c", imports), 120);
                if (r.exitCode == 0) return Optional.of(python);
            } catch (UncheckedIOException e) {
                // not installed: try the next one
            }
        }
        return Optional.empty();
    }

    /** Why the tests that need {@code modules} were skipped. */
    static String missing(String... modules) {
        return "no Python with " + String.join(" and ", modules) + " (tried -D" + PROPERTY
                + ", $" + ENVIRONMENT + ", python3); create one with: python3 -m venv V && V/bin/pip install "
                + String.join(" ", modules) + ", then pass -D" + PROPERTY + "=V/bin/python";
    }

    record Result(int exitCode, String out, String err) {}

    /** Runs the command, returning its exit code and output; fails after {@code timeoutSeconds}. */
    static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("kindling-python", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a script from this package's test resources, copied to {@code dir}; fails on a non-zero exit. */
    static String runScript(String python, String script, Path dir, String... args) {
        try (var in = Python.class.getResourceAsStream(script)) {
            if (in == null) throw new AssertionError("missing test resource " + script);
            Path copy = dir.resolve(script);
            Files.copy(in, copy);
            List<String> command = new ArrayList<>(List.of(python, copy.toString()));
            command.addAll(List.of(args));
            Result r = run(command, 300);
            if (r.exitCode != 0) throw new AssertionError(String.join(" ", command) + " failed:\n" + r.err);
            return r.out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
