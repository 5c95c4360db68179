package org.kindling.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into its records exactly as written (the text of each record, without its line
 * break), so {@code predict} can pass input rows through unchanged: {@code 59} stays {@code 59}, not
 * {@code 59.0}, and columns that are not features (ground truth, ids, notes) stay. Splits as the core
 * CSV reader does: quoted fields may hold line breaks, blank lines are skipped, a BOM is dropped.
 */
final class CsvRecords {
    private CsvRecords() {}

    static List<String> split(String text) {
        List<String> records = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int start = i;
        boolean quoted = false;
        boolean fieldStart = true;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') i++;
                    else quoted = false;
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (i > start) records.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
                fieldStart = true;
                continue;
            }
            if (c == '"' && fieldStart) quoted = true;
            fieldStart = c == ',';
        }
        if (i > start) records.add(text.substring(start, i));
        return records;
    }

    /** A field for a CSV line: quoted when it holds a comma, quote or line break. */
    static String quote(String field) {
        boolean plain = field.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return plain ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }

    /** The fields of one record, unquoted (a doubled quote inside quotes is one quote); not trimmed. */
    static List<String> fields(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c != '"') field.append(c);
                else if (i + 1 < record.length() && record.charAt(i + 1) == '"') field.append(record.charAt(++i));
                else quoted = false;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
