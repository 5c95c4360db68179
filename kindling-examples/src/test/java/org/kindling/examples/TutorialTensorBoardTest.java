package org.kindling.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TensorBoard tutorial learns as the plain one does and writes one record per value it logs. */
class TutorialTensorBoardTest {
    @TempDir
    Path dir;

    private static int records(Path file) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        while (in.hasRemaining()) {
            in.position(in.position() + 12 + Math.toIntExact(in.getLong(in.position())) + 4);
            n++;
        }
        return n;
    }

    @Test
    void writesTheLossEveryEpochAndHistogramsEvery10() throws Exception {
        double loss = TutorialTensorBoard.run(dir, 30, 0.05, 10);
        assertEquals(Tutorial.run(30, 0.05).losses().get(29), (float) loss, "the same training as the tutorial");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
        assertEquals(2, files.size(), "the writer's file and the hparams' file (run '.')");
        // header + model text + 30 losses + 4 histogram epochs (0, 10, 20, 29) × 4 parameters × (weight, grad)
        int main = Math.max(records(files.get(0)), records(files.get(1)));
        assertEquals(1 + 1 + 30 + 4 * 4 * 2, main);
        // header + experiment + session start + session end + the metric
        assertEquals(1 + 3 + 1, Math.min(records(files.get(0)), records(files.get(1))));
        assertTrue(Files.size(files.get(0)) > 0);
    }
}
