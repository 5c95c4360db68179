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

    /** Rows of a plain file, one chunk parsed at a time. */
    static final class Plain extends RowSource {
        private final ChunkedCsv layout;
        private final ChunkParser parser;
        private final FileChannel channel;
        private byte[] bytes = new byte[0];
        private float[] features = new float[0];
        private float[] targets = new float[0];
        private int chunk;
        private int rows; // rows of the current chunk
        private int at;   // next row of the current chunk

        private final java.util.function.LongConsumer progress;

        Plain(ChunkedCsv layout, List<String> header, int[] featureColumns, int[] targetColumns,
              java.util.function.LongConsumer progress) {
            super(featureColumns.length, targetColumns.length);
            this.progress = progress;
            this.layout = layout;
            this.parser = new ChunkParser(layout.source, layout.delimiter, header, featureColumns, targetColumns);
            try {
                this.channel = FileChannel.open(layout.file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(layout.source + ": cannot read: " + e.getMessage(), e);
            }
        }

        @Override
        int read(float[] into, int max) {
            int done = 0;
            while (done < max) {
                if (at == rows) {
                    if (chunk == layout.chunks()) {
                        break;
                    }
                    load(chunk++);
                    continue;
                }
                int take = Math.min(max - done, rows - at);
                for (int r = 0; r < take; r++, at++, done++) {
                    System.arraycopy(features, at * nf, into, done * (nf + nt), nf);
                    System.arraycopy(targets, at * nt, into, done * (nf + nt) + nf, nt);
                }
            }
            return done;
        }

        private void load(int i) {
            int length = layout.chunkLength(i);
            long expected = (i + 1 < layout.chunks() ? layout.firstRow[i + 1] : layout.rows) - layout.firstRow[i];
            if (bytes.length < length) {
                bytes = new byte[length];
            }
            if (features.length < expected * nf || targets.length < expected * nt) {
                features = new float[(int) expected * nf];
                targets = new float[(int) expected * nt];
            }
            try {
                ChunkedCsv.readFully(channel, bytes, 0, length, layout.starts[i]);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException(layout.source + ": " + e.getMessage(), e.getCause());
            }
            rows = parser.parse(bytes, length, layout.firstLine[i], features, 0, targets, 0);
            at = 0;
            if (progress != null) {
                progress.accept(length);
            }
        }

        @Override
        public void close() {
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
