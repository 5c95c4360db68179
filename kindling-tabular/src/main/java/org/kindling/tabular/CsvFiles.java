package org.kindling.tabular;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening a CSV file as UTF-8 text, with errors that name the file: one wording for every reader. */
final class CsvFiles {
    private CsvFiles() {}

    /** Work on an open reader that may fail with an {@link IOException}. */
    interface ReaderWork<T> {
        T apply(Reader reader) throws IOException;
    }

    /** Runs {@code work} on {@code file} read as UTF-8; {@code source} is the name errors give the file. */
    static <T> T withReader(Path file, String source, ReaderWork<T> work) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return work.apply(reader);
        } catch (IOException e) {
            throw failure(source, e);
        } catch (UncheckedIOException e) { // a decoding error surfacing through the parser
            if (e.getCause() instanceof CharacterCodingException c) {
                throw CsvException.notUtf8(source, c);
            }
            throw e;
        }
    }

    /** The exception to throw for {@code e}, met while reading {@code source}. */
    static RuntimeException failure(String source, IOException e) {
        if (e instanceof NoSuchFileException) return new UncheckedIOException(source + ": no such file", e);
        if (e instanceof AccessDeniedException) return new UncheckedIOException(source + ": permission denied", e);
        if (e instanceof CharacterCodingException c) return CsvException.notUtf8(source, c);
        return new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }
}
