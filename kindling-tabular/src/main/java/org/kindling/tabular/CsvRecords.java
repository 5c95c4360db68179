package org.kindling.tabular;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CSV file's records as text, split by the same parser as {@link Csv} (quoted fields may hold line
 * breaks, blank lines are skipped, a byte order mark is dropped): each record as written, for passing
 * rows through unchanged ({@code 59} stays {@code 59}, columns that are not features stay), and the text
 * cells of one column, such as the class labels of a classification.
 */
public final class CsvRecords {
    private CsvRecords() {}

    /**
     * One record: its text exactly as written, without its line break; its fields, unquoted (a doubled
     * quote inside quotes is one quote) and not trimmed; and the 1-based line it starts on.
     *
     * @param text the record as written
     * @param fields its fields
     * @param line the line it starts on (the header is usually line 1)
     */
    public record Record(String text, List<String> fields, int line) {
        /** Copies the field list. */
        public Record {
            Objects.requireNonNull(text, "text");
            fields = List.copyOf(fields);
        }
    }

    /**
     * Every record of {@code file}, the header first.
     *
     * @throws CsvException for malformed text (an unclosed quote, text after a closing quote) or text that is not UTF-8
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<Record> read(Path file) {
        List<Record> records = new ArrayList<>();
        forEach(file, r -> records.add(r));
        return records;
    }

    /**
     * The header and the cells of column {@code name}, stripped of surrounding spaces, one per data row in
     * file order; equal cells share one {@code String}, so a million rows of ten labels cost ten strings.
     *
     * @throws CsvException if the file has no such column, a row has another field count than the header, or the text is malformed
     */
    public static List<String> column(Path file, String name) {
        Objects.requireNonNull(name, "name");
        String source = file.toString();
        List<String> cells = new ArrayList<>();
        Map<String, String> shared = new HashMap<>();
        int[] column = {-1};
        int[] width = {0};
        forEach(file, r -> {
            if (column[0] < 0) {
                List<String> header = r.fields().stream().map(String::strip).toList();
                column[0] = header.indexOf(name);
                width[0] = header.size();
                if (column[0] < 0) {
                    throw new CsvException(source, 0, null, "no column '" + org.kindling.internal.format.Excerpt.of(name) + "'");
                }
                return;
            }
            if (r.fields().size() != width[0]) {
                throw CsvException.ragged(source, r.line(), r.fields().size(), width[0]);
            }
            String cell = r.fields().get(column[0]).strip();
            cells.add(shared.computeIfAbsent(cell, c -> c));
        });
        if (column[0] < 0) {
            throw new CsvException(source, 0, null, "the file is empty; expected a header row of column names");
        }
        return cells;
    }

    /**
     * The header's column names, stripped of surrounding spaces (the first record; the file is not read further).
     *
     * @throws CsvException if the file is empty or its header is malformed
     */
    public static List<String> header(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        return CsvFiles.withReader(file, source, reader -> {
            CsvParser parser = new CsvParser(reader, source, ',');
            if (!parser.next()) {
                throw new CsvException(source, 0, null, "the file is empty; expected a header row of column names");
            }
            return parser.fields().stream().map(String::strip).toList();
        });
    }

    /** A field for a CSV line: quoted when it holds the delimiter {@code ,}, a quote or a line break. */
    public static String quote(String field) {
        boolean plain = field.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return plain ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }

    private static void forEach(Path file, java.util.function.Consumer<Record> action) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        CsvFiles.withReader(file, source, reader -> {
            CsvParser parser = new CsvParser(reader, source, ',').keepText();
            while (parser.next()) {
                action.accept(new Record(parser.text(), parser.fields(), parser.line()));
            }
            return null;
        });
    }
}
