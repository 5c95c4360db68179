package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("report.html");
        Files.writeString(target, "old");
        ChartFiles.writeTextAtomically(target, "new content");
        assertEquals("new content", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aFailureMidWriteKeepsTheOldFileWhole() throws IOException {
        Path target = dir.resolve("loss.png");
        Files.writeString(target, "the previous plot");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () ->
                ChartFiles.writeAtomically(target, out -> {
                    out.write("half of a new pl".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().contains("loss.png") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("the previous plot", Files.readString(target));
        assertEquals(List.of(target), listing(), "the temporary file must be removed");
    }

    @Test
    void createsMissingDirectories() throws IOException {
        Path target = dir.resolve("a/b/c.svg");
        ChartFiles.writeTextAtomically(target, "<svg/>");
        assertEquals("<svg/>", Files.readString(target));
    }

    @Test
    void newFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return; // Nothing to compare on this file system.
        }
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("plot.png");
        ChartFiles.writeTextAtomically(target, "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(target));
    }
}
