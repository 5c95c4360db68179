package org.kindling.tabular.fuzz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Hand-made hostile files, each aimed at one way a reader can be made to stall or exhaust memory, sized by a
 * budget of bytes (about 1 MB in the normal build, up to the 100 MB header limit in the full campaign).
 * They are streamed to disk, so that building them costs the test no memory.
 */
final class HostileFiles {
    /** One hostile file: what it attacks, which reader it targets, and how to write it with a byte budget. */
    record Hostile(String name, FuzzTarget target, Writer writer) {
        Path write(Path dir, long budget) {
            Path file = dir.resolve("hostile" + target.suffix());
            writer.write(file, budget);
            return file;
        }
    }

    interface Writer {
        void write(Path file, long budget);
    }

    interface Body {
        void write(Out out, long budget) throws IOException;
    }

    private HostileFiles() {}

    static List<Hostile> all() {
        FuzzTarget st = FuzzTarget.SAFETENSORS;
        FuzzTarget ck = FuzzTarget.CHECKPOINT;
        return List.of(
                new Hostile("a million-digit number under an ignored key", st, header(0, (o, b) -> {
                    o.s("{\"w\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":");
                    o.repeat("7", Math.min(b - 80, 1_000_000));
                    o.s("}}");
                })),
                new Hostile("a million-digit shape element", st, header(0, (o, b) -> {
                    o.s("{\"w\":{\"dtype\":\"U8\",\"shape\":[");
                    o.repeat("7", Math.min(b - 80, 1_000_000));
                    o.s("],\"data_offsets\":[0,0]}}");
                })),
                new Hostile("40% of the budget in zero-size tensors", st, header(0, (o, b) -> {
                    o.s("{\"t\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}");
                    for (long i = 0; o.written < b * 4 / 10; i++) {
                        o.s(",\"t" + i + "\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}");
                    }
                    o.s("}");
                })),
                new Hostile("40% of the budget in metadata keys", st, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":{\"k\":\"\"");
                    for (long i = 0; o.written < b * 4 / 10; i++) o.s(",\"k" + i + "\":\"\"");
                    o.s("}}");
                })),
                new Hostile("a shape of ones filling the budget", st, header(1, (o, b) -> {
                    o.s("{\"w\":{\"dtype\":\"U8\",\"data_offsets\":[0,1],\"shape\":[1");
                    o.repeat(",1", (b - 80) / 2);
                    o.s("]}}");
                })),
                new Hostile("empty arrays under an unknown key", st, header(0, (o, b) -> {
                    o.s("{\"w\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":[[]");
                    o.repeat(",[]", (b - 80) / 3);
                    o.s("]}}");
                })),
                new Hostile("empty objects in metadata values", st, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":{\"k\":[{}");
                    o.repeat(",{}", (b - 80) / 3);
                    o.s("]}}");
                })),
                new Hostile("nesting a million levels deep", st, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":");
                    o.repeat("[", b - 20);
                })),
                new Hostile("one metadata value of the whole budget, not Latin-1", st, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":{\"k\":\"\u20ac");
                    o.repeat("x", b - 40);
                    o.s("\"}}");
                })),
                new Hostile("a metadata value of escapes", st, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":{\"k\":\"");
                    o.repeat("\\u20ac", (b - 40) / 6);
                    o.s("\"}}");
                })),
                new Hostile("a tensor name of the whole budget", st, header(0, (o, b) -> {
                    o.s("{\"");
                    o.repeat("n", b - 80);
                    o.s("\":{\"dtype\":\"Q4\",\"shape\":[0],\"data_offsets\":[0,0]}}");
                })),
                new Hostile("whitespace filling the budget", st, header(0, (o, b) -> {
                    o.s("{");
                    o.repeat(" ", b - 10);
                    o.s("}");
                })),
                new Hostile("1-byte tensors filling the budget", st, header(-1, (o, b) -> {
                    o.s("{\"t\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[0,1]}");
                    for (long i = 1; o.written < b - 100; i++) {
                        o.s(",\"t" + i + "\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[" + i + "," + (i + 1) + "]}");
                        o.tensors = i + 1;
                    }
                    o.s("}");
                })),
                new Hostile("a checkpoint whose optimizer state is empty arrays", ck, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":{\"format\":\"kindling-checkpoint-1\",\"epoch\":\"1\",\"optimizer\":\"[[]");
                    o.repeat(",[]", Math.min(b, 4 << 20) / 3 - 10);
                    o.s("]\"}}");
                })),
                new Hostile("a checkpoint whose generator is the whole budget", ck, header(0, (o, b) -> {
                    o.s("{\"__metadata__\":{\"format\":\"kindling-checkpoint-1\",\"epoch\":\"1\",\"generator\":\"");
                    o.repeat("AAAA", (b - 120) / 4);
                    o.s("\"}}");
                })),
                new Hostile("a CSV cell of the whole budget", FuzzTarget.CSV, text((o, b) -> {
                    o.s("a,y\n");
                    o.repeat("9", b - 10);
                    o.s(",1\n");
                })),
                new Hostile("a CSV header of the whole budget", FuzzTarget.CSV, text((o, b) -> {
                    o.s("c");
                    for (long i = 0; o.written < b - 10; i++) o.s(",c" + i);
                    o.s("\n1\n");
                })));
    }

    /**
     * A safetensors file whose header {@code body} writes; the data buffer holds {@code dataBytes} zeros, or
     * one byte per tensor when -1.
     */
    private static Writer header(long dataBytes, Body body) {
        return (file, budget) -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                Out out = new Out(Files.newOutputStream(file, StandardOpenOption.WRITE));
                out.s("\0\0\0\0\0\0\0\0");
                out.written = 0;
                body.write(out, budget);
                long headerLength = out.written;
                long data = dataBytes >= 0 ? dataBytes : out.tensors;
                for (long i = 0; i < data; i++) out.out.write(0);
                out.out.close();
                ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerLength), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Writer text(Body body) {
        return (file, budget) -> {
            try (Out out = new Out(Files.newOutputStream(file))) {
                body.write(out, budget);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A buffered UTF-8 stream that counts what it wrote. */
    static final class Out implements AutoCloseable {
        final OutputStream out;
        long written;
        long tensors;

        Out(OutputStream out) {
            this.out = new BufferedOutputStream(out, 1 << 16);
        }

        void s(String text) throws IOException {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            out.write(b);
            written += b.length;
        }

        void repeat(String text, long times) throws IOException {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            for (long i = 0; i < times; i++) out.write(b);
            written += b.length * Math.max(0, times);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
