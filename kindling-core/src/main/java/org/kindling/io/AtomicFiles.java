package org.kindling.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes files so that readers see either the old content or the complete new content, never a mix.
 *
 * <p>{@link #write} writes to a temporary file in the target's directory, forces it to disk, renames it over
 * the target with {@code ATOMIC_MOVE}, then forces the directory entry to disk where the platform allows
 * (Linux and macOS; on Windows opening a directory fails and that step is skipped). If the file system cannot
 * rename atomically ({@code AtomicMoveNotSupportedException}, e.g. some network file systems) it falls back to
 * a plain {@code REPLACE_EXISTING} move, which on such systems can leave a partial target if the machine
 * crashes during the move. Any failure before the rename, including an exception from the body, deletes the
 * temporary file and leaves the previous target untouched.
 *
 * <p>The new file gets default permissions (those of a newly created file), not the old file's; a symbolic
 * link at the target is replaced by a regular file.
 */
public final class AtomicFiles {
    private static final int BUFFER_SIZE = 1 << 16;
    private static final int NAME_ATTEMPTS = 16;
    private static final int MAX_NAME_PREFIX = 100;
    // ".<target name, at most 100 chars>.<16 hex digits>.tmp": the only names write() creates.
    private static final Pattern TEMP_NAME =
            Pattern.compile("\\.(.{1," + MAX_NAME_PREFIX + "})\\.[0-9a-f]{16}\\.tmp", Pattern.DOTALL);

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with what {@code body} writes to the stream it is given.
     *
     * <p>The stream is buffered; closing it inside {@code body} only flushes. Throws
     * {@link UncheckedIOException} for I/O errors (also those of {@code body}) and rethrows unchecked
     * exceptions from {@code body} unchanged.
     */
    public static void write(Path target, IOConsumer<? super OutputStream> body) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new IllegalArgumentException("AtomicFiles.write: " + target + " is not a file path");
        }
        Path temp = null;
        boolean moved = false;
        try {
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                String name = absolute.getFileName().toString();
                // Keep the temporary name within the usual 255-byte limit even for long target names.
                temp = dir.resolve("." + (name.length() > MAX_NAME_PREFIX ? name.substring(0, MAX_NAME_PREFIX) : name)
                        + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    temp = null; // someone else's file: never delete it
                    if (attempt + 1 >= NAME_ATTEMPTS) {
                        throw e;
                    }
                }
            }
            try (FileChannel ch = channel) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER_SIZE);
                body.accept(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len); // FilterOutputStream would write byte by byte
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush(); // the channel must stay open until it has been forced to disk
                    }
                });
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (!moved && temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // NOTE: the original failure matters more; a leftover dot-file is harmless.
                }
            }
        }
    }

    /**
     * Whether {@code fileName} is a temporary file of {@link #write}, which a process killed mid-write leaves
     * behind (hidden, next to its target).
     */
    public static boolean isTemporaryName(String fileName) {
        return TEMP_NAME.matcher(fileName).matches();
    }

    /**
     * Deletes the temporary files that writes in {@code dir} interrupted by a kill left behind, and returns
     * them. Only names {@link #write} makes are touched; call it when no write into {@code dir} is under way.
     */
    public static List<Path> deleteStaleTemporaryFiles(Path dir) {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (isTemporaryName(f.getFileName().toString()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                    deleted.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot remove stale temporary files: " + e.getMessage(), e);
        }
        return deleted;
    }

    /** Makes the rename durable; best effort, since not every platform can open a directory. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; its rename is durable through the journal.
        }
    }
}
