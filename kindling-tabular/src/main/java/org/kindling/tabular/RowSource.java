package org.kindling.tabular;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The data rows of a CSV file in file order, a block at a time, for {@link CsvStream}: plain files
 * chunk by chunk through {@link ChunkParser}, any other file record by record through {@link CsvParser}.
 * Each row is its features then its targets, {@code width = nf + nt} floats.
 */
abstract class RowSource implements AutoCloseable {
    final int nf;
    final int nt;

    RowSource(int nf, int nt) {
        this.nf = nf;
        this.nt = nt;
    }

    /** Reads up to {@code max} rows into {@code into} (row-major, {@code nf + nt} per row); returns how many, 0 at the end. */
    abstract int read(float[] into, int max);

    @Override
    public abstract void close();

    /**
     * Rows of a plain file, one chunk at a time; while the caller uses a chunk's rows, the next chunk is
     * read and parsed on a helper thread, so parsing overlaps training.
     */
    static final class Plain extends RowSource {
        /** Daemon helpers that end when idle, so a pass left unfinished leaks no thread. */
        private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(
                task -> Thread.ofPlatform().daemon().name("kindling-csv-prefetch").unstarted(task));

        /** One parsed chunk: its rows' features and targets. */
        private record Parsed(float[] features, float[] targets, int rows) {}

        private final ChunkedCsv layout;
        private final List<String> header;
        private final int[] featureColumns;
        private final int[] targetColumns;
        private final FileChannel channel;
        private final LongConsumer progress;
        private Future<Parsed> next; // chunk `chunk`, being parsed
        private Parsed current = new Parsed(new float[0], new float[0], 0);
        private int chunk;
        private int at; // next row of the current chunk

        Plain(ChunkedCsv layout, List<String> header, int[] featureColumns, int[] targetColumns, LongConsumer progress) {
            super(featureColumns.length, targetColumns.length);
            this.layout = layout;
            this.header = header;
            this.featureColumns = featureColumns;
            this.targetColumns = targetColumns;
            this.progress = progress;
            try {
                this.channel = FileChannel.open(layout.file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(layout.source + ": cannot read: " + e.getMessage(), e);
            }
            prefetch();
        }

        @Override
        int read(float[] into, int max) {
            int done = 0;
            while (done < max) {
                if (at == current.rows()) {
                    if (next == null) {
                        break;
                    }
                    current = take();
                    at = 0;
                    prefetch();
                    continue;
                }
                int take = Math.min(max - done, current.rows() - at);
                for (int r = 0; r < take; r++, at++, done++) {
                    System.arraycopy(current.features(), at * nf, into, done * (nf + nt), nf);
                    System.arraycopy(current.targets(), at * nt, into, done * (nf + nt) + nf, nt);
                }
            }
            return done;
        }

        private void prefetch() {
            if (chunk == layout.chunks()) {
                next = null;
                return;
            }
            int i = chunk++;
            next = PREFETCH.submit(() -> parse(i));
        }

        private Parsed take() {
            try {
                return next.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r; // a CsvException says which row
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(layout.source + ": interrupted while reading", e);
            }
        }

        private Parsed parse(int i) {
            int length = layout.chunkLength(i);
            long rows = (i + 1 < layout.chunks() ? layout.firstRow[i + 1] : layout.rows) - layout.firstRow[i];
            byte[] bytes = new byte[length];
            float[] features = new float[(int) rows * nf];
            float[] targets = new float[(int) rows * nt];
            try {
                ChunkedCsv.readFully(channel, bytes, 0, length, layout.starts[i]);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException(layout.source + ": " + e.getMessage(), e.getCause());
            }
            int parsed = new ChunkParser(layout.source, layout.delimiter, header, featureColumns, targetColumns)
                    .parse(bytes, length, layout.firstLine[i], features, 0, targets, 0);
            if (progress != null) {
                progress.accept(length);
            }
            return new Parsed(features, targets, parsed);
        }

        @Override
        public void close() {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            try {
                channel.close();
            } catch (IOException e) {
                // read-only: nothing was lost
            }
        }
    }

    /** Rows of any CSV file, record by record, checked and worded as {@link Csv#read} does. */
    static final class Parsed extends RowSource {
        private final Reader reader;
        private final CsvParser parser;
        private final List<String> header;
        private final int[] featureColumns;
        private final int[] targetColumns;
        private final String source;

        Parsed(Path file, String source, char delimiter, List<String> header, int[] featureColumns, int[] targetColumns) {
            super(featureColumns.length, targetColumns.length);
            try {
                this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
            }
            this.parser = new CsvParser(reader, source, delimiter);
            this.header = header;
            this.featureColumns = featureColumns;
            this.targetColumns = targetColumns;
            this.source = source;
            parser.next(); // the header, read and checked by the caller
        }

        @Override
        int read(float[] into, int max) {
            int done = 0;
            int width = nf + nt;
            try {
                while (done < max && parser.next()) {
                    List<String> fields = parser.fields();
                    int line = parser.line();
                    if (fields.size() != header.size()) {
                        throw CsvException.ragged(source, line, fields.size(), header.size());
                    }
                    for (int j = 0; j < nf; j++) {
                        int c = featureColumns[j];
                        into[done * width + j] = Csv.number(fields.get(c), source, line, header.get(c));
                    }
                    for (int j = 0; j < nt; j++) {
                        int c = targetColumns[j];
                        into[done * width + nf + j] = Csv.number(fields.get(c), source, line, header.get(c));
                    }
                    done++;
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.nio.charset.CharacterCodingException c) {
                    throw CsvException.notUtf8(source, c);
                }
                throw e;
            }
            return done;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // read-only: nothing was lost
            }
        }
    }
}
