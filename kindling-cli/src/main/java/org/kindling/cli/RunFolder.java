package org.kindling.cli;

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

    Path report() {
        return dir.resolve("report.html");
    }
}
