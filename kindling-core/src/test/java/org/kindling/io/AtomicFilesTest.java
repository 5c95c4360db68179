package org.kindling.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void staleTemporaryFilesOfInterruptedWritesAreRemovedAndNothingElse() throws IOException {
        Path target = dir.resolve("checkpoint.safetensors");
        AtomicFiles.write(target, out -> out.write(1));
        Path stale = dir.resolve(".checkpoint.safetensors.0123456789abcdef.tmp");
        Files.writeString(stale, "half a checkpoint");
        List<Path> others = List.of(dir.resolve(".checkpoint.safetensors.tmp"), dir.resolve("notes.0123456789abcdef.tmp"),
                dir.resolve(".x.0123456789ABCDEF.tmp"), dir.resolve(".hidden"));
        for (Path f : others) {
            Files.writeString(f, "not ours");
        }
        assertTrue(AtomicFiles.isTemporaryName(stale.getFileName().toString()));
        assertEquals(List.of(stale), AtomicFiles.deleteStaleTemporaryFiles(dir));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(target));
        for (Path f : others) {
            assertTrue(Files.exists(f), f + " is not a temporary file of AtomicFiles");
        }
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path target = dir.resolve("model.safetensors");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target));
        AtomicFiles.write(target, out -> out.write("second, longer".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second, longer", Files.readString(target));
        AtomicFiles.write(target, out -> {});
        assertEquals(0, Files.size(target));
        assertEquals(List.of(Path.of("model.safetensors")), listing());
    }

    @Test
    void largeBodiesWrittenInPiecesArriveWhole() throws IOException {
        Path target = dir.resolve("big.bin");
        byte[] expected = new byte[3_000_001];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 31 + (i >> 8));
        }
        AtomicFiles.write(target, out -> {
            out.write(expected, 0, 10);
            for (int i = 10; i < 1000; i++) {
                out.write(expected[i]);
            }
            out.write(expected, 1000, expected.length - 1000);
            out.close(); // closing inside the body must not lose data or break the fsync
        });
        assertArrayEquals(expected, Files.readAllBytes(target));
    }

    @Test
    void exceptionInBodyKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "old content");
        IllegalStateException crash = new IllegalStateException("NaN loss");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1 << 20]); // more than the buffer, so part of it reached the temporary file
            throw crash;
        }));
        assertSame(crash, thrown);
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of(Path.of("model.safetensors")), listing());
    }

    @Test
    void ioExceptionInBodyIsWrappedAndKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("log.csv");
        Files.writeString(target, "old");
        IOException disk = new IOException("disk full");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write('x');
                    throw disk;
                }));
        assertSame(disk, e.getCause());
        assertEquals(target + ": cannot write: disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(Path.of("log.csv")), listing());
    }

    @Test
    void errorsInBodyAlsoCleanUp() throws IOException {
        Path target = dir.resolve("x.bin");
        assertThrows(StackOverflowError.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new StackOverflowError("simulated");
        }));
        assertFalse(Files.exists(target));
        assertTrue(listing().isEmpty());
    }

    @Test
    void missingDirectoryFailsWithoutCreatingAnything() {
        Path target = dir.resolve("no/such/dir/file.bin");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {}));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void longTargetNamesStillGetATemporaryFile() throws IOException {
        Path target = dir.resolve("m".repeat(240) + ".bin");
        AtomicFiles.write(target, out -> out.write('z'));
        assertEquals("z", Files.readString(target));
        assertEquals(List.of(target.getFileName()), listing());
    }

    @Test
    void relativeTargetsResolveAgainstTheWorkingDirectory() throws IOException {
        Path relative = Path.of("target", "atomic-files-test-" + ProcessHandle.current().pid() + ".txt");
        try {
            AtomicFiles.write(relative, out -> out.write('k'));
            assertEquals("k", Files.readString(relative));
        } finally {
            Files.deleteIfExists(relative);
        }
    }
}
