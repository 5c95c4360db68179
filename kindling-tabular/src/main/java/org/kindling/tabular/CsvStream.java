package org.kindling.tabular;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;
import org.kindling.Generator;
import org.kindling.Tensor;
import org.kindling.data.RowBatchStream;

/**
 * A CSV file read as a stream of {@code Tensor[] {features, targets}} rows, for data larger than memory:
 * each pass (epoch) reads the file again, a block at a time, and holds at most the shuffle buffer.
 * Columns are chosen, parsed and checked as {@link Csv#read(Path, Csv.Options)} does, with the same errors.
 *
 * <pre>{@code
 * CsvStream rows = CsvStream.open(Path.of("big.csv"), Csv.options().targets("y"),
 *         CsvStream.options().shuffleBuffer(100_000).generator(g));
 * for (Tensor[] batch : new DataLoader<>(rows, DataLoader.options().batchSize(256).generator(g))) { ... }
 * }</pre>
 *
 * <p><b>Shuffle buffer</b> (tf.data's {@code shuffle(buffer_size)}, torchdata's {@code Shuffler}): the
 * first {@code S} rows fill the buffer; then for each further row an index {@code j} in {@code [0, S)} is
 * drawn ({@code nextLong63() % S} from the generator), row {@code j} is emitted and the new row takes
 * its place; when the file ends, the {@code k} rows left are emitted in the order {@code randperm(k)}
 * from the generator. So when {@code S} is at least the number of rows, a pass emits
 * {@code rows[randperm(n)]}: exactly the order of an in-memory {@code RandomSampler} drawing from the
 * same generator in the same state. A smaller buffer still emits every row exactly once per pass.
 * Without shuffling ({@code S <= 1}) rows come in file order.
 *
 * <p>Shapes: features {@code [B, F]}, targets {@code [B, T]}, float32; a sample is {@code [F]} and {@code [T]}.
 */
public final class CsvStream implements RowBatchStream {
    private static final int READ_ROWS = 4096;

    private final Path file;
    private final String source;
    private final char delimiter;
    private final List<String> header;
    private final int[] featureColumns;
    private final int[] targetColumns;
    private final ChunkedCsv layout; // null: not a plain file, read record by record
    private final Options options;
    private long size = -1;

    private CsvStream(Path file, String source, char delimiter, List<String> header, int[] featureColumns,
                      int[] targetColumns, ChunkedCsv layout, Options options) {
        this.file = file;
        this.source = source;
        this.delimiter = delimiter;
        this.header = header;
        this.featureColumns = featureColumns;
        this.targetColumns = targetColumns;
        this.layout = layout;
        this.options = options;
    }

    /** Returns fresh stream options: no shuffling, every row, no transform. */
    public static Options options() {
        return new Options();
    }

    /**
     * Opens {@code file}, reads its header and (for a plain numeric file) counts its rows; the rows
     * themselves are read by each pass.
     *
     * @throws CsvException for a malformed header or a missing column (bad cells fail the pass that meets them)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CsvStream open(Path file, Csv.Options columns, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(columns, "columns");
        String source = file.toString();
        ChunkedCsv layout;
        List<String> fields;
        int line;
        try {
            layout = ChunkedCsv.open(file, source, columns.delimiter, Runtime.getRuntime().availableProcessors());
            if (layout != null) {
                fields = layout.header;
                line = layout.headerLine;
            } else {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    CsvParser parser = new CsvParser(reader, source, columns.delimiter);
                    if (!parser.next()) {
                        throw new CsvException(source, 0, null, "the file is empty; expected a header row of column names");
                    }
                    fields = List.copyOf(parser.fields());
                    line = parser.line();
                }
            }
        } catch (IOException e) {
            throw CsvFiles.failure(source, e);
        }
        List<String> header = Csv.header(fields, line, source);
        int[] featureColumns = Csv.select(header, columns, source);
        int[] targetColumns = Csv.columns(header, columns.targets, "target", source);
        return new CsvStream(file, source, columns.delimiter, header, featureColumns, targetColumns, layout,
                Objects.requireNonNull(options, "options").copy());
    }

    /** Returns the feature column names, in output order. */
    public List<String> featureNames() {
        return Csv.names(header, featureColumns);
    }

    /** Returns the target column names, in output order. */
    public List<String> targetNames() {
        return Csv.names(header, targetColumns);
    }

    /** The same file and columns with other stream options (e.g. file order, no transform, for statistics). */
    public CsvStream with(Options other) {
        return new CsvStream(file, source, delimiter, header, featureColumns, targetColumns, layout, other.copy());
    }

    /** Returns the size of the file in bytes, for a progress bar's total. */
    public long bytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Returns the rows per pass (those the row filter keeps); a file that is not plain is read once to count them. */
    @Override
    public synchronized long size() {
        if (size < 0) {
            long n = 0;
            if (layout != null) {
                n = options.keep == null ? layout.rows : countKept(layout.rows);
            } else {
                try (RowSource rows = source()) {
                    float[] block = new float[READ_ROWS * (featureColumns.length + targetColumns.length)];
                    long index = 0;
                    for (int k = rows.read(block, READ_ROWS); k > 0; k = rows.read(block, READ_ROWS)) {
                        n += options.keep == null ? k : countKept(index, index + k);
                        index += k;
                    }
                }
            }
            size = n;
        }
        return size;
    }

    private long countKept(long rows) {
        return countKept(0, rows);
    }

    private long countKept(long from, long to) {
        long n = 0;
        for (long i = from; i < to; i++) {
            if (options.keep.test(i)) n++;
        }
        return n;
    }

    private RowSource source() {
        return layout != null ? new RowSource.Plain(layout, header, featureColumns, targetColumns, options.progress)
                : new RowSource.Parsed(file, source, delimiter, header, featureColumns, targetColumns);
    }

    /** One pass, sample by sample: {@code {features [F], targets [T]}} (batches of the loader are faster). */
    @Override
    public Iterator<Tensor[]> iterator() {
        Iterator<Tensor[]> batches = batches(256);
        return new Iterator<>() {
            private Tensor[] batch;
            private int at;

            @Override
            public boolean hasNext() {
                while ((batch == null || at == batch[0].size(0)) && batches.hasNext()) {
                    batch = batches.next();
                    at = 0;
                }
                return batch != null && at < batch[0].size(0);
            }

            @Override
            public Tensor[] next() {
                if (!hasNext()) throw new NoSuchElementException("CsvStream: the pass has ended");
                int i = at++;
                return new Tensor[] {batch[0].narrow(0, i, 1).reshape(batch[0].size(1)),
                        batch[1].narrow(0, i, 1).reshape(batch[1].size(1))};
            }
        };
    }

    @Override
    public Iterator<Tensor[]> batches(int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("CsvStream: batchSize must be positive, got " + batchSize);
        return new Pass(batchSize);
    }

    @Override
    public String toString() {
        return "CsvStream(" + source + ", features=" + featureColumns.length + ", targets=" + targetColumns.length
                + ", shuffleBuffer=" + options.shuffleBuffer + ")";
    }

    /** One pass over the file: source rows, filtered, through the shuffle buffer, into batches. */
    private final class Pass implements Iterator<Tensor[]> {
        private final int batchSize;
        private final int nf = featureColumns.length;
        private final int nt = targetColumns.length;
        private final int width = nf + nt;
        private final RowSource rows = source();
        private final float[] block = new float[READ_ROWS * width];
        private int blockRows;
        private int blockAt;
        private long rowIndex; // index in the file of the next row of the block
        private boolean sourceDone;
        private final Generator generator = options.generator != null ? options.generator : Generator.defaultGenerator();
        private final int capacity = options.shuffleBuffer;
        private final float[] buffer;
        private int buffered;
        private final float[] incoming = new float[width];
        private long[] drain; // the end's randperm, once the source is exhausted
        private int drained;
        private Tensor[] next;

        Pass(int batchSize) {
            this.batchSize = batchSize;
            this.buffer = capacity > 1 ? new float[Math.toIntExact((long) capacity * width)] : null;
        }

        @Override
        public boolean hasNext() {
            if (next == null) next = fetch();
            return next != null;
        }

        @Override
        public Tensor[] next() {
            if (!hasNext()) throw new NoSuchElementException("CsvStream: the pass has ended");
            Tensor[] out = next;
            next = null;
            return out;
        }

        private Tensor[] fetch() {
            float[] rowsOut = new float[batchSize * width];
            int n = 0;
            while (n < batchSize && emit(rowsOut, n * width)) n++;
            if (n == 0) {
                rows.close();
                return null;
            }
            float[] x = new float[n * nf];
            float[] y = new float[n * nt];
            for (int r = 0; r < n; r++) {
                System.arraycopy(rowsOut, r * width, x, r * nf, nf);
                System.arraycopy(rowsOut, r * width + nf, y, r * nt, nt);
            }
            Tensor[] batch = {Tensor.fromArray(x, n, nf), Tensor.fromArray(y, n, nt)};
            return options.transform != null ? options.transform.apply(batch) : batch;
        }

        // The next source row kept by the filter into dst, or false at the end of the file.
        private boolean pull(float[] dst, int offset) {
            while (true) {
                if (blockAt == blockRows) {
                    if (sourceDone) return false;
                    blockRows = rows.read(block, READ_ROWS);
                    blockAt = 0;
                    if (blockRows == 0) {
                        sourceDone = true;
                        rows.close();
                        return false;
                    }
                }
                long index = rowIndex++;
                int at = blockAt++;
                if (options.keep == null || options.keep.test(index)) {
                    System.arraycopy(block, at * width, dst, offset, width);
                    return true;
                }
            }
        }

        // The next row of the pass into dst (the shuffle buffer's rule in the class comment).
        private boolean emit(float[] dst, int offset) {
            if (buffer == null) return pull(dst, offset);
            if (drain == null) {
                while (buffered < capacity && pull(buffer, buffered * width)) buffered++;
                if (buffered == capacity && pull(incoming, 0)) {
                    int j = (int) (generator.nextLong63() % capacity);
                    System.arraycopy(buffer, j * width, dst, offset, width);
                    System.arraycopy(incoming, 0, buffer, j * width, width);
                    return true;
                }
                drain = generator.randperm(buffered); // the file ended: what is left, in a random order
            }
            if (drained == drain.length) return false;
            System.arraycopy(buffer, (int) drain[drained++] * width, dst, offset, width);
            return true;
        }
    }

    /** Stream settings: the shuffle buffer, its generator, which rows to keep, and a transform of each batch. */
    public static final class Options {
        private int shuffleBuffer = 0;
        private Generator generator = null;
        private LongPredicate keep = null;
        private UnaryOperator<Tensor[]> transform = null;
        private java.util.function.LongConsumer progress = null;

        private Options() {}

        /** Told the bytes of each chunk a pass has parsed (plain numeric files only), for a progress bar. */
        public Options progress(java.util.function.LongConsumer bytesParsed) {
            this.progress = bytesParsed;
            return this;
        }

        /** Rows held for shuffling (default 0: file order); memory is {@code rows * (F + T) * 4} bytes. */
        public Options shuffleBuffer(int rows) {
            if (rows < 0) throw new IllegalArgumentException("CsvStream: shuffleBuffer must be >= 0, got " + rows);
            this.shuffleBuffer = rows;
            return this;
        }

        /** The generator the shuffle draws from (default: the default generator). */
        public Options generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /** Keeps only the data rows whose 0-based index in the file passes {@code keep} (default: every row). */
        public Options rows(LongPredicate keep) {
            this.keep = keep;
            return this;
        }

        /** Applied to each {@code {features, targets}} batch, e.g. standardization; must work row by row. */
        public Options transform(UnaryOperator<Tensor[]> transform) {
            this.transform = transform;
            return this;
        }

        private Options copy() {
            Options o = new Options();
            o.shuffleBuffer = shuffleBuffer;
            o.generator = generator;
            o.keep = keep;
            o.transform = transform;
            o.progress = progress;
            return o;
        }
    }
}
