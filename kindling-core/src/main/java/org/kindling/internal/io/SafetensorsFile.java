package org.kindling.internal.io;
import org.kindling.io.AtomicFiles;
import org.kindling.io.SafetensorsFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the safetensors format at the byte level, over {@link TensorEntry} rather than tensors.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N, N bytes of JSON header
 * ({@link SafetensorsHeader}), then the data buffer. Reading validates the whole header against the actual
 * file size before allocating anything it describes, so a corrupt, truncated or hostile file fails with a
 * {@link SafetensorsFormatException} naming the file, and can neither exhaust memory nor hang. Files are read
 * with bounded positional reads rather than memory-mapped: a mapping keeps the file locked on Windows (so an
 * atomic rewrite of a checkpoint just loaded would fail) and turns a file truncated by another process into a
 * JVM crash rather than an exception. I/O failures are rethrown as {@link UncheckedIOException}.
 */
public final class SafetensorsFile {
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final int COPY_CHUNK = 1 << 16;

    private SafetensorsFile() {}

    /**
     * The content of a file.
     *
     * @param metadata the {@code __metadata__} strings, or {@code null} when the file has none
     * @param tensors  the tensors in header order
     */
    public record Content(Map<String, String> metadata, Map<String, TensorEntry> tensors) {
        public Content {
            metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    /** Reads and validates only the header of a file. */
    public static SafetensorsHeader readHeader(Path file) {
        try (FileChannel ch = open(file)) {
            return readHeader(ch, file.toString());
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Reads a whole file: metadata and every tensor's bytes. */
    public static Content read(Path file) {
        try (FileChannel ch = open(file)) {
            return read(ch, file.toString());
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Reads and validates the header from a channel positioned anywhere; {@code source} names it in errors. */
    public static SafetensorsHeader readHeader(SeekableByteChannel channel, String source) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw SafetensorsHeader.fail(source, "file is " + size
                    + " bytes long, too short for the 8-byte header length (not a safetensors file?)");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, prefix, 0, source, "the header length");
        long n = prefix.getLong(0); // unsigned: a negative value here is at least 2^63
        if (n < 0 || n > size - 8) {
            throw SafetensorsHeader.fail(source, "header length " + Long.toUnsignedString(n)
                    + " extends past the end of the file (" + size + " bytes; truncated or not a safetensors file?)");
        }
        if (n > SafetensorsHeader.MAX_HEADER_LENGTH) {
            throw SafetensorsHeader.fail(source, "header length " + n + " exceeds the limit of "
                    + SafetensorsHeader.MAX_HEADER_LENGTH + " bytes (corrupt or not a safetensors file?)");
        }
        // The bytes become garbage once decoded: parsing a 100 MB header holds only the text.
        String text = SafetensorsHeader.decodeUtf8(source, readBytes(channel, (int) n, source));
        return SafetensorsHeader.parse(source, text, n, size - 8 - n);
    }

    /** Reads a whole file from a channel; {@code source} names it in errors. */
    public static Content read(SeekableByteChannel channel, String source) throws IOException {
        SafetensorsHeader header = readHeader(channel, source);
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        for (String name : header.tensors().keySet()) {
            tensors.put(name, readTensor(channel, source, header, name));
        }
        return new Content(header.metadata(), tensors);
    }

    /** Reads one tensor described by a header previously read from the same channel. */
    public static TensorEntry readTensor(SeekableByteChannel channel, String source, SafetensorsHeader header,
            String name) throws IOException {
        SafetensorsHeader.TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new IllegalArgumentException(source + ": no tensor named '" + name + "'");
        }
        if (info.byteSize() > MAX_ARRAY_LENGTH) {
            throw SafetensorsHeader.fail(source, "tensor '" + name + "' has " + info.byteSize()
                    + " bytes, more than a Java array can hold");
        }
        ByteBuffer data = ByteBuffer.allocate((int) info.byteSize());
        readFully(channel, data, header.dataStart() + info.begin(), source, "tensor '" + name + "'");
        return new TensorEntry(info.dtype(), info.shape(), data.flip());
    }

    /**
     * Writes a file atomically (see {@link AtomicFiles}): tensors are laid out in iteration order, the header
     * padded with spaces to a multiple of 8 bytes.
     *
     * @param metadata string metadata written as {@code __metadata__}, or {@code null} for none
     */
    public static void write(Path file, Map<String, String> metadata, Map<String, TensorEntry> tensors) {
        byte[] header = SafetensorsHeader.encode(metadata, tensors); // fail on bad input before touching the disk
        AtomicFiles.write(file, out -> writeEncoded(out, header, tensors));
    }

    /** Writes the file's bytes to a stream, which is left open. */
    public static void write(OutputStream out, Map<String, String> metadata, Map<String, TensorEntry> tensors)
            throws IOException {
        writeEncoded(out, SafetensorsHeader.encode(metadata, tensors), tensors);
    }

    private static void writeEncoded(OutputStream out, byte[] header, Map<String, TensorEntry> tensors)
            throws IOException {
        byte[] chunk = new byte[COPY_CHUNK];
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        out.write(chunk, 0, 8);
        out.write(header);
        for (TensorEntry t : tensors.values()) {
            ByteBuffer data = t.data();
            while (data.hasRemaining()) {
                int k = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, k);
                out.write(chunk, 0, k);
            }
        }
    }

    static UncheckedIOException ioFailure(Path file, IOException e) {
        String reason = switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return new UncheckedIOException(file + ": cannot read: " + reason, e);
    }

    private static FileChannel open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        // A FIFO or device would block or never end; only a regular file has a size to validate against.
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new SafetensorsFormatException(file + ": not a regular file");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    private static byte[] readBytes(SeekableByteChannel channel, int n, String source) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(n);
        readFully(channel, header, 8, source, "the header");
        return header.array();
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer dst, long position, String source,
            String what) throws IOException {
        channel.position(position);
        while (dst.hasRemaining()) {
            if (channel.read(dst) < 0) {
                throw SafetensorsHeader.fail(source, "file ended while reading " + what
                        + " (truncated or modified while being read?)");
            }
        }
    }
}
