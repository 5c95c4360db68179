package org.kindling.cli;

import org.kindling.train.TrainingLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Metrics logs of resumed runs. */
final class Logs {
    private Logs() {}

    /**
     * Reopens {@code file} for appending, keeping only records of the first {@code epochs} epochs:
     * a crash after the last checkpoint may have logged epochs that the resumed run repeats.
     */
    static TrainingLog truncatedTo(Path file, int epochs) {
        TrainingLog old = Files.exists(file) ? TrainingLog.read(file) : new TrainingLog();
        Path tmp = file.resolveSibling("." + file.getFileName() + ".resume.tmp");
        try (TrainingLog kept = TrainingLog.create(tmp)) {
            for (TrainingLog.Step s : old.steps()) {
                if (s.epoch() > epochs) continue;
                if (s.lr().isPresent()) kept.step(s.epoch(), s.step(), s.loss(), s.lr().getAsDouble());
                else kept.step(s.epoch(), s.step(), s.loss());
            }
            for (TrainingLog.Epoch e : old.epochs()) {
                if (e.epoch() > epochs) continue;
                if (e.valLoss().isPresent()) kept.epoch(e.epoch(), e.trainLoss(), e.valLoss().getAsDouble(), e.metrics());
                else kept.epoch(e.epoch(), e.trainLoss(), e.metrics());
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
        return TrainingLog.openForAppend(file);
    }
}
