package org.kindling.tabular;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a plain numeric CSV file, found without parsing it: its header, and its data split into
 * chunks that start and end at line breaks, with the line and row each chunk starts at. Plain means
 * nothing that can make a line break part of a field or make byte counts differ from character counts:
 * no double quote, no byte outside ASCII after the header, no lone carriage return. Such a file can be
 * parsed chunk by chunk, in parallel or in sequence, by {@link ChunkParser}; any other file is read by
 * {@link CsvParser}, character by character.
 */
final class ChunkedCsv {
    /** Bytes per chunk: large enough to amortize a read, small enough that a buffer per thread is cheap. */
    static final int CHUNK = 4 << 20;
    /** A chunk grows to the next line break; a line this long is no numeric row, so the general reader words the error. */
    private static final int MAX_CHUNK = 64 << 20;

    final Path file;
    final String source;
    final char delimiter;
    final List<String> header;
    /** 1-based line of the header. */
    final int headerLine;
    /** Byte offsets: chunk i is [starts[i], starts[i + 1]). */
    final long[] starts;
    /** Per chunk, filled by {@link #count}: its first line number and first row index. */
    final int[] firstLine;
    final long[] firstRow;
    long rows;

    private ChunkedCsv(Path file, String source, char delimiter, List<String> header, int headerLine, long[] starts) {
        this.file = file;
        this.source = source;
        this.delimiter = delimiter;
        this.header = header;
        this.headerLine = headerLine;
        this.starts = starts;
        this.firstLine = new int[chunks()];
        this.firstRow = new long[chunks()];
    }

    int chunks() {
        return starts.length - 1;
    }

    int chunkLength(int i) {
        return (int) (starts[i + 1] - starts[i]);
    }

    /**
     * Splits {@code file} into chunks and counts its lines and rows, reading it once with
     * {@code threads} threads; returns null when the file is not plain (the general reader handles it,
     * and words any error).
     */
    static ChunkedCsv open(Path file, String source, char delimiter, int threads) throws IOException {
        return open(file, source, delimiter, threads, CHUNK);
    }

    /** {@link #open(Path, String, char, int)} with chunks of about {@code chunk} bytes (tests use tiny ones). */
    static ChunkedCsv open(Path file, String source, char delimiter, int threads, int chunk) throws IOException {
        if (delimiter > 0x7F) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] head = new byte[(int) Math.min(size, CHUNK)];
            readFully(channel, head, 0, head.length, 0);
            int at = 0;
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                at = 3;
            }
            int line = 1;
            while (at < head.length && (head[at] == '\n' || head[at] == '\r')) { // blank lines before the header
                if (head[at] == '\r' && (at + 1 >= head.length || head[at + 1] != '\n')) {
                    return null;
                }
                if (head[at] == '\n') {
                    line++;
                }
                at++;
            }
            int end = at;
            while (end < head.length && head[end] != '\n') {
            // A quote or a lone carriage return in the header: the general reader.
                if (head[end] == '"' || (head[end] == '\r' && end + 1 < head.length && head[end + 1] != '\n')) {
                    return null;
                }
                end++;
            }
            if (at == end || (end == head.length && head.length < size)) {
                return null; // empty, or a header longer than a chunk: the general reader says what is wrong
            }
            int textEnd = end > at && head[end - 1] == '\r' ? end - 1 : end;
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, at, textEnd - at)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
            CsvParser parser = new CsvParser(new StringReader(text), source, delimiter);
            if (!parser.next()) {
                return null;
            }
            List<String> header = List.copyOf(parser.fields());
            long dataStart = Math.min(size, end + 1L);
            long[] starts = boundaries(channel, dataStart, size, chunk);
            if (starts == null) {
                return null;
            }
            ChunkedCsv layout = new ChunkedCsv(file, source, delimiter, header, line, starts);
            return layout.count(channel, threads) ? layout : null;
        }
    }

    /** Chunk starts: every {@link #CHUNK} bytes, each moved to just after the next line feed; the last entry is the size. */
    private static long[] boundaries(FileChannel channel, long dataStart, long size, int chunk) throws IOException {
        List<Long> starts = new ArrayList<>();
        starts.add(dataStart);
        byte[] window = new byte[1 << 16];
        long next = dataStart + chunk;
        while (next < size) {
            long at = next;
            long found = -1;
            while (found < 0 && at < size) {
                int n = (int) Math.min(window.length, size - at);
                readFully(channel, window, 0, n, at);
                for (int i = 0; i < n; i++) {
                    if (window[i] == '\n') {
                        found = at + i + 1;
                        break;
                    }
                }
                at += n;
            }
            if (found < 0 || found >= size) {
                break;
            }
            if (found - starts.get(starts.size() - 1) > MAX_CHUNK) {
                return null;
            }
            starts.add(found);
            next = found + chunk;
        }
        if (size - starts.get(starts.size() - 1) > MAX_CHUNK) {
            return null;
        }
        starts.add(size);
        long[] out = new long[starts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = starts.get(i);
        }
        return out;
    }

    /** Counts each chunk's lines and non-blank rows; false when some chunk is not plain. */
    private boolean count(FileChannel channel, int threads) {
        int n = chunks();
        int[] lines = new int[n];
        long[] rowCounts = new long[n];
        boolean[] plain = new boolean[n];
        Workers.run(n, threads, CHUNK, (i, buffer) -> {
            int length = chunkLength(i);
            byte[] b = buffer.get(length);
            readFully(channel, b, 0, length, starts[i]);
            plain[i] = countChunk(b, length, lines, rowCounts, i);
        });
        int line = headerLine + 1;
        long row = 0;
        for (int i = 0; i < n; i++) {
            if (!plain[i]) {
                return false;
            }
            firstLine[i] = line;
            firstRow[i] = row;
            line += lines[i];
            row += rowCounts[i];
            if (line < 0) {
                return false; // more lines than an int counts: the general reader fails on size first
            }
        }
        rows = row;
        return true;
    }

    // Eight bytes at a time: line feeds counted with bit tricks, a blank line being a line feed right after
    // another (or at the chunk's start). A word with a quote, a carriage return or a non-ASCII byte sends the
    // chunk to the byte-by-byte count, which handles CRLF and rejects the rest.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGHS = 0x8080808080808080L;

    /** The high bit of each byte of {@code x} that is zero, exactly (no borrow between bytes). */
    private static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    private static boolean countChunk(byte[] b, int length, int[] lines, long[] rowCounts, int chunk) {
        int lineCount = 0;
        long blank = 0;
        boolean afterLineFeed = true; // the chunk starts a line
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long v = (long) LONGS.get(b, i);
            if (((v & HIGHS) | zeroBytes(v ^ ('"' * ONES)) | zeroBytes(v ^ ('\r' * ONES))) != 0) {
                return countBytes(b, length, lines, rowCounts, chunk);
            }
            long lineFeeds = zeroBytes(v ^ ('\n' * ONES));
            lineCount += Long.bitCount(lineFeeds);
            blank += Long.bitCount(lineFeeds & ((lineFeeds << 8) | (afterLineFeed ? 0x80L : 0)));
            afterLineFeed = lineFeeds < 0; // the top byte's high bit
        }
        for (; i < length; i++) {
            byte c = b[i];
            if (c == '"' || c < 0 || c == '\r') {
                return countBytes(b, length, lines, rowCounts, chunk);
            }
            if (c == '\n') {
                lineCount++;
                if (afterLineFeed) {
                    blank++;
                }
            }
            afterLineFeed = c == '\n';
        }
        long rowCount = lineCount - blank;
        if (!afterLineFeed) { // a last line without a line break
            lineCount++;
            rowCount++;
        }
        lines[chunk] = lineCount;
        rowCounts[chunk] = rowCount;
        return true;
    }

    private static boolean countBytes(byte[] b, int length, int[] lines, long[] rowCounts, int chunk) {
        int lineCount = 0;
        long rowCount = 0;
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            byte c = b[i];
            if (c == '\n') {
                lineCount++;
                int end = i > lineStart && b[i - 1] == '\r' ? i - 1 : i;
                if (end > lineStart) {
                    rowCount++;
                }
                lineStart = i + 1;
            } else if (c == '"' || c < 0 || (c == '\r' && (i + 1 >= length || b[i + 1] != '\n'))) {
                return false;
            }
        }
        if (lineStart < length) { // a last line without a line break
            lineCount++;
            rowCount++;
        }
        lines[chunk] = lineCount;
        rowCounts[chunk] = rowCount;
        return true;
    }

    static void readFully(FileChannel channel, byte[] into, int offset, int length, long position) {
        ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position() - offset);
                if (n < 0) {
                    throw new IOException("the file shrank while it was read");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read: " + e.getMessage(), e);
        }
    }
}
