package org.kindling.cli;

import org.kindling.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of a run folder, named once. */
record RunFolder(Path dir) {
    Path config() {
        return dir.resolve(RunConfig.FILE);
    }

    Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    Path model() {
        return dir.resolve("model.safetensors");
    }

    Path scaler() {
        return dir.resolve("scaler.safetensors");
    }

    Path checkpoint() {
        return dir.resolve("checkpoint.safetensors");
    }

    Path predictions() {
        return dir.resolve("predictions.csv");
    }

    Path classMetrics() {
        return dir.resolve("class-metrics.csv");
    }

    Path confusionMatrix() {
        return dir.resolve("confusion-matrix.csv");
    }

    Path report() {
        return dir.resolve("report.html");
    }

    /**
     * Removes what a killed earlier command left: temporary files of interrupted atomic writes, and the
     * metrics copy that resuming wrote before it appended in place. Only the project's own temp names.
     */
    void removeStaleTemporaryFiles() {
        AtomicFiles.deleteStaleTemporaryFiles(dir);
        try {
            Files.deleteIfExists(dir.resolve("." + metrics().getFileName() + ".resume.tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot remove a stale temporary file: " + e.getMessage(), e);
        }
    }
}
