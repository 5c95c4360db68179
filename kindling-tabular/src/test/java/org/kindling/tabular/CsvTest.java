package org.kindling.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.data.TensorDataset;

class CsvTest {
    private static final List<String> DIABETES_FEATURES =
            List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    private static Path diabetes() throws URISyntaxException {
        return Path.of(CsvTest.class.getResource("/org/kindling/tabular/datasets/diabetes.csv").toURI());
    }

    private static CsvTable parse(String text, Csv.Options options) {
        return Csv.read(new StringReader(text), "data.csv", options);
    }

    private static CsvTable parse(String text, String... targets) {
        return parse(text, Csv.options().targets(targets));
    }

    private static CsvException failure(String text, Csv.Options options) {
        return assertThrows(CsvException.class, () -> parse(text, options));
    }

    private static String message(String text, String... targets) {
        return failure(text, Csv.options().targets(targets)).getMessage();
    }

    // ---------------------------------------------------------------- the bundled data set

    @Test
    void readsDiabetesWithEveryOtherColumnAsFeatures() throws Exception {
        CsvTable table = Csv.read(diabetes(), "progression");
        assertEquals(442, table.rows());
        assertEquals(DIABETES_FEATURES, table.featureNames());
        assertEquals(List.of("progression"), table.targetNames());
        assertArrayEquals(new int[] {442, 10}, table.features().shape());
        assertArrayEquals(new int[] {442, 1}, table.targets().shape());
        assertArrayEquals(new float[] {59, 2, 32.1f, 101, 157, 93.2f, 38, 4, 4.8598f, 87},
                table.features().narrow(0, 0, 1).toFloatArray());
        assertEquals(151f, table.targets().get(0, 0));
        assertArrayEquals(new float[] {36, 1, 19.6f, 71, 250, 133.2f, 97, 3, 4.5951f, 92},
                table.features().narrow(0, 441, 1).toFloatArray());
        assertEquals(57f, table.targets().get(441, 0));
    }

    @Test
    void diabetesValuesMatchAPlainSplitOfEveryLine() throws Exception {
        List<String> lines = Files.readAllLines(diabetes(), StandardCharsets.UTF_8);
        CsvTable table = Csv.read(diabetes(), "progression");
        float[] features = table.features().toFloatArray();
        float[] targets = table.targets().toFloatArray();
        assertEquals(443, lines.size());
        for (int r = 0; r < 442; r++) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(11, cells.length);
            for (int c = 0; c < 10; c++) {
                assertEquals((float) Double.parseDouble(cells[c]), features[r * 10 + c], "row " + (r + 2) + " column " + c);
            }
            assertEquals((float) Double.parseDouble(cells[10]), targets[r], "row " + (r + 2) + " target");
        }
    }

    @Test
    void featuresAndSeveralTargetsCanBeChosenByName() throws Exception {
        CsvTable table = Csv.read(diabetes(), Csv.options().features("bmi", "age").targets("progression", "s6"));
        assertEquals(List.of("bmi", "age"), table.featureNames());
        assertEquals(List.of("progression", "s6"), table.targetNames());
        assertArrayEquals(new float[] {32.1f, 59}, table.features().narrow(0, 0, 1).toFloatArray());
        assertArrayEquals(new float[] {151, 87}, table.targets().narrow(0, 0, 1).toFloatArray());
        TensorDataset data = table.dataset();
        assertEquals(442, data.size());
    }

    @Test
    void featuresOnlyForPrediction() throws Exception {
        CsvTable table = Csv.read(diabetes(), Csv.options().features(DIABETES_FEATURES));
        assertArrayEquals(new int[] {442, 10}, table.features().shape());
        assertArrayEquals(new int[] {442, 0}, table.targets().shape());
        assertEquals(List.of(), table.targetNames());
        assertEquals("CsvTable: no target column was selected; name one to build a dataset",
                assertThrows(IllegalStateException.class, table::dataset).getMessage());
        assertArrayEquals(new int[] {2, 2}, parse("a,b\n1,2\n3,4\n").features().shape(), "no options: every column");
    }

    // ---------------------------------------------------------------- RFC 4180 details

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() {
        String text = "id,\"note, free text\",y\n"
                + "1,\"says \"\"hi\"\"\",10\n"
                + "\"2\",\"two\nlines\",\"20\"\n"
                + "3,,30\n";
        CsvTable table = parse(text, Csv.options().features("id").targets("y"));
        assertArrayEquals(new float[] {1, 2, 3}, table.features().toFloatArray());
        assertArrayEquals(new float[] {10, 20, 30}, table.targets().toFloatArray());
        // The row after a two-line record starts on line 5.
        CsvException e = failure(text.replace("3,,30", "3,,x"), Csv.options().features("id").targets("y"));
        assertEquals("data.csv: row 5, column 'y': cannot parse \"x\" as a number", e.getMessage());
        assertEquals(5, e.row());
        assertEquals("y", e.column());
        assertEquals("data.csv", e.source());
    }

    @Test
    void lineEndingsBlankLinesBomAndSpacesAreTolerated() {
        String text = "\uFEFF a , b \r\n\r\n1.5, -2e1 \r\n\n  +.5 ,3.\r4,5";
        CsvTable table = parse(text, "b");
        assertEquals(List.of("a"), table.featureNames());
        assertArrayEquals(new float[] {1.5f, 0.5f, 4}, table.features().toFloatArray());
        assertArrayEquals(new float[] {-20, 3, 5}, table.targets().toFloatArray());
        // Row numbers count every line: CRLF, LF and CR endings, blank lines included.
        assertEquals("data.csv: row 6, column 'b': cannot parse \"x\" as a number", message(text.replace("4,5", "4,x"), "b"));
    }

    @Test
    void otherDelimiters() {
        CsvTable table = parse("a;b\n1.5;2\n", Csv.options().delimiter(';').targets("b"));
        assertEquals(List.of("a"), table.featureNames());
        assertArrayEquals(new float[] {1.5f}, table.features().toFloatArray());
        assertEquals("data.csv: row 2, column 'a': cannot parse \"1,5\" as a number",
                failure("a;b\n1,5;2\n", Csv.options().delimiter(';').targets("b")).getMessage());
    }

    @Test
    void numbersRoundFromDoubleToFloat() {
        CsvTable table = parse("a\n0.1\n1e-3\n-0\n16777217\n3.4028235e38\n", Csv.options());
        assertArrayEquals(new float[] {0.1f, 0.001f, -0f, 16777216f, Float.MAX_VALUE}, table.features().toFloatArray());
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void nonNumericCellsNameFileRowColumnAndText() {
        String text = "age,bmi,y\n50,30.1,1\n51,abc,2\n";
        assertEquals("data.csv: row 3, column 'bmi': cannot parse \"abc\" as a number", message(text, "y"));
        for (String bad : new String[] {"NaN", "nan", "inf", "Infinity", "-Infinity", "0x10", "1f", "2d", "1e", "1e+",
                ".", "-", "1.2.3", "1,2", "--1", "1 2", "½"}) {
            String cell = bad.contains(",") ? "\"" + bad + "\"" : bad;
            assertEquals("data.csv: row 2, column 'a': cannot parse \"" + bad + "\" as a number",
                    message("a,y\n" + cell + ",1\n", "y"), bad);
        }
    }

    @Test
    void textFromTheFileIsCutAndEscapedInMessages() {
        String cell = "\u001b[2J" + "9".repeat(100_000) + "x";
        assertEquals("data.csv: row 2, column 'a': cannot parse \"\\u001B[2J" + "9".repeat(76) + "... (100005 chars)\""
                + " as a number", message("a,y\n" + cell + ",1\n", "y"));
        assertEquals("data.csv: row 3, column 'a\\nb\\tc': cannot parse \"x\\ry\" as a number",
                message("\"a\nb\tc\",y\n\"x\ry\",1\n", "y"));
        String wide = "c".repeat(200);
        assertEquals("data.csv: row 1: the header names column '" + "c".repeat(80) + "... (200 chars)' twice (columns 1"
                + " and 2)", message(wide + "," + wide + "\n1,2\n", "y"));
        assertEquals("data.csv: row 2: unexpected character '\\u0007' after the closing quote of field 1 (a quote inside"
                + " a quoted field must be doubled)", message("a,y\n\"1\"\u0007,2\n", "y"));
        StringBuilder many = new StringBuilder("c0");
        for (int i = 1; i < 1000; i++) {
            many.append(",c").append(i);
        }
        String m = message(many + "\n" + "1,".repeat(999) + "1\n", "price");
        assertEquals("data.csv: no target column 'price'; available columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10,"
                + " c11, c12, c13, c14, c15, c16, c17, c18, c19, ... (1000 columns)", m);
    }

    @Test
    void fieldsPerRowAndCharactersPerFieldAreLimited() {
        // A header of millions of names, or one endless field, would otherwise fill the heap before any check.
        String wide = "a" + ",a".repeat(CsvParser.MAX_FIELDS) + "\n1\n";
        assertEquals("data.csv: row 1: more than 131072 fields in one row (the limit; is the delimiter right?)",
                message(wide, "y"));
        String endless = "a,y\n1,\"" + "2".repeat(CsvParser.MAX_FIELD_LENGTH + 1);
        assertEquals("data.csv: row 2: field 2 is longer than 1048576 characters (the limit; an unclosed quote?)",
                message(endless, "y"));
        assertEquals(1, parse("a\n0." + "1".repeat(CsvParser.MAX_FIELD_LENGTH - 2) + "\n", Csv.options()).rows());
    }

    @Test
    void emptyAndOutOfRangeCells() {
        assertEquals("data.csv: row 3, column 'y': empty cell (missing value), expected a number",
                message("a,y\n1,2\n3,\n", "y"));
        assertEquals("data.csv: row 2, column 'a': empty cell (missing value), expected a number",
                message("a,y\n  ,2\n", "y"));
        assertEquals("data.csv: row 2, column 'a': \"1e39\" is beyond the float32 range (about 3.4e38)",
                message("a,y\n1e39,2\n", "y"));
    }

    @Test
    void missingColumnsListTheAvailableOnes() {
        assertEquals("data.csv: no target column 'price'; available columns: age, bmi, y", message("age,bmi,y\n1,2,3\n", "price"));
        CsvException e = failure("age,bmi,y\n1,2,3\n", Csv.options().features("age", "weight").targets("y"));
        assertEquals("data.csv: no feature column 'weight'; available columns: age, bmi, y", e.getMessage());
        assertEquals(0, e.row());
        assertNull(e.column());
    }

    @Test
    void emptyFileAndHeaderOnly() {
        assertEquals("data.csv: the file is empty; expected a header row of column names", message("", "y"));
        assertEquals("data.csv: the file is empty; expected a header row of column names", message("\n\r\n\n", "y"));
        assertEquals("data.csv: no data rows after the header", message("a,y\n", "y"));
        assertEquals("data.csv: no data rows after the header", message("a,y\n\n\n", "y"));
    }

    @Test
    void raggedRowsAreErrors() {
        assertEquals("data.csv: row 3 has 2 fields, but the header has 3", message("a,b,y\n1,2,3\n4,5\n", "y"));
        assertEquals("data.csv: row 2 has 4 fields, but the header has 3", message("a,b,y\n1,2,3,4\n", "y"));
        assertEquals("data.csv: row 2 has 1 field, but the header has 3", message("a,b,y\n1\n", "y"));
    }

    @Test
    void malformedQuotesAreErrors() {
        assertEquals("data.csv: row 2: a quoted field (field 2) is not closed before the end of the file",
                message("a,y\n1,\"2\n3,4\n", "y"));
        assertEquals("data.csv: row 2: unexpected character 'x' after the closing quote of field 1 "
                + "(a quote inside a quoted field must be doubled)", message("a,y\n\"1\"x,2\n", "y"));
    }

    @Test
    void badHeadersAndSelections() {
        assertEquals("data.csv: row 1: the header names column 'a' twice (columns 1 and 3)", message("a,y,a\n1,2,3\n", "y"));
        assertEquals("data.csv: row 1: header column 1 has no name (every column needs a name to be selected)",
                message(",a,y\n0,1,2\n", "y"));
        assertEquals("data.csv: no feature columns left: every column (y) is a target", message("y\n1\n", "y"));
        assertEquals("data.csv: column 'y' is selected as both a feature and a target",
                failure("a,y\n1,2\n", Csv.options().features("a", "y").targets("y")).getMessage());
        assertEquals("data.csv: target column 'y' is selected twice", message("a,y\n1,2\n", "y", "y"));
        assertEquals("data.csv: no feature columns selected",
                failure("a,y\n1,2\n", Csv.options().features(List.of()).targets("y")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Csv.options().delimiter('"'));
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nothing.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Csv.read(missing, "y"));
        assertEquals(missing + ": no such file", e.getMessage());

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'a', ',', 'y', '\n', '1', ',', (byte) 0xE9, '\n'});
        CsvException u = assertThrows(CsvException.class, () -> Csv.read(latin1, "y"));
        assertEquals(latin1 + ": not UTF-8 text", u.getMessage());
        // Past the first read buffer too, where the decoder's error surfaces inside the parser.
        Path late = dir.resolve("late.csv");
        byte[] text = ("a,y\n" + "1,2\n".repeat(50_000)).getBytes(StandardCharsets.US_ASCII);
        text[text.length - 3] = (byte) 0xFF;
        Files.write(late, text);
        assertEquals(late + ": not UTF-8 text", assertThrows(CsvException.class, () -> Csv.read(late, "y")).getMessage());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,bmi\n1,2\n3,abc\n");
        CsvException c = assertThrows(CsvException.class, () -> Csv.read(bad, "a"));
        assertEquals(bad + ": row 3, column 'bmi': cannot parse \"abc\" as a number", c.getMessage());
    }

    @Test
    void largeFilesCrossTheReadBuffer(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("x,\"long, quoted header\",y\n");
        int rows = 20000;
        for (int r = 0; r < rows; r++) {
            text.append(r).append(",\"").append(r % 7 == 0 ? "multi\nline" : "text").append("\",").append(r * 0.5).append('\n');
        }
        Path file = dir.resolve("big.csv");
        Files.writeString(file, text);
        CsvTable table = Csv.read(file, Csv.options().features("x").targets("y"));
        assertEquals(rows, table.rows());
        float[] x = table.features().toFloatArray();
        float[] y = table.targets().toFloatArray();
        for (int r = 0; r < rows; r++) {
            assertEquals(r, x[r]);
            assertEquals(r * 0.5f, y[r]);
        }
    }
}
