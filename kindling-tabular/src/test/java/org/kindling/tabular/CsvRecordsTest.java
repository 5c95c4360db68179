package org.kindling.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordsTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void recordsKeepTheirTextAsWrittenAcrossQuotedLineBreaks() throws IOException {
        Path file = write("\uFEFFa, \"b\"\r\n59,\"two\r\nlines\"\n\n3,\"say \"\"hi\"\"\"\n4,x");
        List<CsvRecords.Record> records = CsvRecords.read(file);
        assertEquals(List.of("a, \"b\"", "59,\"two\r\nlines\"", "3,\"say \"\"hi\"\"\"", "4,x"),
                records.stream().map(CsvRecords.Record::text).toList());
        assertEquals(List.of("59", "two\r\nlines"), records.get(1).fields());
        assertEquals(List.of("3", "say \"hi\""), records.get(2).fields());
        assertEquals(List.of(1, 2, 5, 6), records.stream().map(CsvRecords.Record::line).toList());
    }

    @Test
    void aColumnsCellsAreStrippedAndShared() throws IOException {
        Path file = write("x,label\n1, cat\n2,dog\n3,cat \n");
        List<String> labels = CsvRecords.column(file, "label");
        assertEquals(List.of("cat", "dog", "cat"), labels);
        assertSame(labels.get(0), labels.get(2));
        assertEquals(List.of("x", "label"), CsvRecords.header(file));
        assertThrows(CsvException.class, () -> CsvRecords.column(file, "nope"));
        assertThrows(CsvException.class, () -> CsvRecords.column(write("x,label\n1\n"), "label"));
    }

    @Test
    void malformedTextFailsAsTheReaderDoes() throws IOException {
        Path file = write("a,b\n1,\"open\n");
        assertEquals(assertThrows(CsvException.class, () -> Csv.read(file, "b")).getMessage(),
                assertThrows(CsvException.class, () -> CsvRecords.read(file)).getMessage());
    }

    @Test
    void quoteQuotesOnlyWhatNeedsIt() {
        assertEquals("plain", CsvRecords.quote("plain"));
        assertEquals("\"a,b\"", CsvRecords.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvRecords.quote("say \"hi\""));
    }
}
