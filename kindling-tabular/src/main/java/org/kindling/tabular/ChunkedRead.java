package org.kindling.tabular;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.kindling.Tensor;
import org.kindling.internal.handoff.ArrayHandoff;

/**
 * Reads a plain CSV file (see {@link ChunkedCsv}) into one float32 array per tensor, its chunks parsed
 * in parallel: the row counts are known before parsing, so each chunk writes its rows in place and the
 * arrays are the tensors' storage, never copied or grown. Peak memory is the data plus one chunk
 * buffer per thread.
 */
final class ChunkedRead {
    private ChunkedRead() {}

    static CsvTable read(ChunkedCsv layout, Csv.Options options, int threads) throws IOException {
        String source = layout.source;
        List<String> header = Csv.header(layout.header, layout.headerLine, source);
        int[] featureColumns = Csv.select(header, options, source);
        int[] targetColumns = Csv.columns(header, options.targets, "target", source);
        int nf = featureColumns.length;
        int nt = targetColumns.length;
        long rows = layout.rows;
        if (rows == 0) {
            throw new CsvException(source, 0, null, "no data rows after the header");
        }
        if (rows * Math.max(nf, nt) > Integer.MAX_VALUE - 16) {
            throw new CsvException(source, 0, null, "too many rows for one tensor (" + rows + " rows of "
                    + Math.max(nf, nt) + " columns; at most " + (Integer.MAX_VALUE - 16) + " values)");
        }
        float[] features = new float[(int) rows * nf];
        float[] targets = new float[(int) rows * nt];
        try (FileChannel channel = FileChannel.open(layout.file, StandardOpenOption.READ)) {
            Workers.run(layout.chunks(), threads, ChunkedCsv.CHUNK, (i, buffer) -> {
                int length = layout.chunkLength(i);
                byte[] b = buffer.get(length);
                ChunkedCsv.readFully(channel, b, 0, length, layout.starts[i]);
                int row = (int) layout.firstRow[i];
                new ChunkParser(source, layout.delimiter, header, featureColumns, targetColumns)
                        .parse(b, length, layout.firstLine[i], features, row * nf, targets, row * nt);
                if (options.progress != null) {
                    options.progress.accept(length);
                }
            });
        }
        int n = (int) rows;
        return new CsvTable(ArrayHandoff.floats(features, n, nf), ArrayHandoff.floats(targets, n, nt),
                Csv.names(header, featureColumns), Csv.names(header, targetColumns));
    }
}
