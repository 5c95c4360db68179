package org.kindling.tabular.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prepares a log file for appending: reads its records up to an epoch and cuts off what follows in
 * place, so a resumed run never rewrites the records it keeps (a 16 MB log stays where it is).
 */
final class TrainingLogTail {
    private TrainingLogTail() {}

    /**
     * Reads the records of epochs up to {@code lastEpoch} into {@code log}, then cuts the file after them.
     * Records are in epoch order, so everything from the first record of a later epoch on goes. A torn last
     * line (a crash mid-write) is cut; a whole one that lost its newline gets one. A malformed line fails
     * before the file is touched.
     */
    static void keepUpTo(Path file, int lastEpoch, TrainingLog log) throws IOException {
        long size = Files.size(file);
        long cut = size;
        boolean addNewline = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            Line line = new Line();
            long pos = 0;
            long lineStart = 0;
            long lineNo = 1;
            scan:
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    pos++;
                    if (buf[i] != '\n') {
                        line.add(buf[i]);
                        continue;
                    }
                    if (!keep(TrainingLogReader.parseRecord(line.text(), file, lineNo), lastEpoch, log)) {
                        cut = lineStart;
                        break scan;
                    }
                    line.clear();
                    lineStart = pos;
                    lineNo++;
                }
            }
            if (cut == size && lineStart < size) {
                // The last line has no newline: keep it only if it is a whole record of a kept epoch.
                Object last;
                try {
                    last = TrainingLogReader.parseRecord(line.text(), file, lineNo);
                } catch (TrainingLog.FormatException torn) {
                    last = Torn.LINE;
                }
                if (last != Torn.LINE && keep(last, lastEpoch, log)) {
                    addNewline = !line.text().isBlank();
                } else {
                    cut = lineStart;
                }
            }
        }
        if (cut < size || addNewline) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (cut < size) {
                    ch.truncate(cut);
                } else {
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                }
            }
        }
    }

    private enum Torn { LINE }

    private static boolean keep(Object record, int lastEpoch, TrainingLog log) {
        if (record instanceof TrainingLog.Step s) {
            if (s.epoch() > lastEpoch) {
                return false;
            }
            log.addStep(s);
        } else if (record instanceof TrainingLog.Epoch e) {
            if (e.epoch() > lastEpoch) {
                return false;
            }
            log.addEpoch(e);
        }
        return true;
    }

    /** The bytes of one line, decoded as UTF-8 when complete. */
    private static final class Line {
        private byte[] bytes = new byte[256];
        private int length;

        void add(byte b) {
            if (length == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, 2 * length);
            }
            bytes[length++] = b;
        }

        void clear() {
            length = 0;
        }

        String text() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }
}
