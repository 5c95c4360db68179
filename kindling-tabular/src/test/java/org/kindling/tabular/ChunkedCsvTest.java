package org.kindling.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunked byte-level reader against the general character reader: same tables, same errors. */
class ChunkedCsvTest {
    @TempDir
    Path dir;

    /** Reads {@code text} both ways, the chunked way with tiny chunks on 3 threads; returns the chunked table. */
    private CsvTable both(String text, Csv.Options options) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String source = file.toString();
        CsvTable general = null;
        CsvException generalError = null;
        try {
            general = Csv.read(new StringReader(text), source, options);
        } catch (CsvException e) {
            generalError = e;
        }
        ChunkedCsv layout = ChunkedCsv.open(file, source, ',', 3, 37);
        assertNotNull(layout, "a plain file should take the chunked path");
        if (generalError != null) {
            CsvException e = assertThrows(CsvException.class, () -> ChunkedRead.read(layout, options, 3));
            assertEquals(generalError.getMessage(), e.getMessage());
            assertEquals(generalError.row(), e.row());
            return null;
        }
        CsvTable chunked = ChunkedRead.read(layout, options, 3);
        assertEquals(general.featureNames(), chunked.featureNames());
        assertEquals(general.targetNames(), chunked.targetNames());
        assertArrayEquals(general.features().shape(), chunked.features().shape());
        assertArrayEquals(bits(general.features().toFloatArray()), bits(chunked.features().toFloatArray()));
        assertArrayEquals(bits(general.targets().toFloatArray()), bits(chunked.targets().toFloatArray()));
        return chunked;
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Float.floatToRawIntBits(values[i]);
        return out;
    }

    private static String number(SplittableRandom r) {
        double v = r.nextGaussian() * Math.pow(10, r.nextInt(-8, 9));
        return switch (r.nextInt(6)) {
            case 0 -> String.format(java.util.Locale.ROOT, "%.6g", v);
            case 1 -> Double.toString(v);
            case 2 -> Float.toString((float) v);
            case 3 -> Long.toString(Math.round(v));
            case 4 -> " " + String.format(java.util.Locale.ROOT, "%.17g", v) + "\t";
            default -> String.format(java.util.Locale.ROOT, "%.3e", v);
        };
    }

    private static String table(SplittableRandom r, int rows, int columns, String lineBreak) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < columns; c++) s.append(c > 0 ? "," : "").append("c").append(c);
        s.append(lineBreak);
        for (int i = 0; i < rows; i++) {
            if (r.nextInt(20) == 0) s.append(lineBreak); // blank lines are skipped but counted
            for (int c = 0; c < columns; c++) s.append(c > 0 ? "," : "").append(number(r));
            s.append(lineBreak);
        }
        return s.toString();
    }

    @Test
    void readsRandomTablesBitForBitAsTheGeneralReader() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < 30; k++) {
            String text = table(r, r.nextInt(1, 60), r.nextInt(2, 6), r.nextBoolean() ? "\n" : "\r\n");
            if (r.nextBoolean()) text = text.stripTrailing(); // no final line break
            CsvTable t = both(text, Csv.options().targets("c0"));
            assertNotNull(t);
        }
    }

    @Test
    void selectedFeaturesAndSeveralTargetsInTheirOrder() throws IOException {
        String text = table(new SplittableRandom(4), 50, 5, "\n");
        both(text, Csv.options().targets("c3", "c0").features("c4", "c1"));
    }

    @Test
    void reportsTheFirstBadCellAsTheGeneralReaderDoes() throws IOException {
        SplittableRandom r = new SplittableRandom(8);
        String[] bad = {"", "abc", "1e999", "NaN", "1,2", "\u0007x", "0x10", "--1"};
        for (int k = 0; k < 40; k++) {
            String[] lines = table(r, 40, 4, "\n").split("\n", -1);
            int row = r.nextInt(1, lines.length - 1);
            String[] cells = lines[row].split(",", -1);
            if (cells.length < 2) continue;
            cells[r.nextInt(cells.length)] = bad[r.nextInt(bad.length)];
            lines[row] = String.join(",", cells);
            if (r.nextBoolean()) { // a second bad row later: the first one must be reported
                int later = Math.min(lines.length - 2, row + 1 + r.nextInt(10));
                if (later > row) lines[later] = "oops";
            }
            assertNull(both(String.join("\n", lines), Csv.options().targets("c1")));
        }
    }

    @Test
    void aTooLongFieldAndBlankOnlyFiles() throws IOException {
        String longCell = "1".repeat(CsvParser.MAX_FIELD_LENGTH + 1);
        assertNull(both("a,b\n1,2\n" + longCell + ",3\n", Csv.options().targets("b")));
        assertNull(both("a,b\n\n\r\n", Csv.options().targets("b")));
    }

    @Test
    void quotesNonAsciiAndLoneCarriageReturnsTakeTheGeneralPath() throws IOException {
        for (String text : new String[] {"a,b\n\"1\",2\n", "a,b\n1,2\n3,4\u00e9\n", "a,b\r1,2\r", "\"a\",b\n1,2\n"}) {
            Path file = dir.resolve("odd.csv");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            assertNull(ChunkedCsv.open(file, "odd.csv", ',', 2, 5), text);
        }
        Path quoted = dir.resolve("quoted.csv");
        Files.writeString(quoted, "a,b\n\"1\",\"2\"\n", StandardCharsets.UTF_8);
        assertArrayEquals(new float[] {1}, Csv.read(quoted, "b").features().toFloatArray());
    }

    @Test
    void aByteOrderMarkAndBlankLinesBeforeTheHeader() throws IOException {
        CsvTable t = both("\uFEFF\n\nx,y\n1,2\n\n3,4", Csv.options().targets("y"));
        assertArrayEquals(new float[] {1, 3}, t.features().toFloatArray());
        assertNull(both("\n\nx,y\n1,2\n3,z", Csv.options().targets("y")));
    }
}
