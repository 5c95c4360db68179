package org.kindling.internal.io;
import org.kindling.io.SafetensorsFormatException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Corrupt, truncated and hostile files: each must fail fast with a message naming the file and the fault. */
class SafetensorsHostileFileTest {
    /** A hang guard, not a performance measurement: every case here takes milliseconds. */
    private static final Duration GUARD = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    /** The 8-byte little-endian length, the header, then {@code dataBytes} zero bytes. */
    private static byte[] fileBytes(long headerLength, byte[] header, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(header);
        return b.array();
    }

    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return write(fileBytes(h.length, h, dataBytes));
    }

    private Path write(byte[] bytes) throws IOException {
        Path p = tmp.resolve("model.safetensors");
        Files.write(p, bytes);
        return p;
    }

    /** Reads the file expecting a format error; returns the message with the file name checked and removed. */
    private static String failure(Path file) {
        SafetensorsFormatException e = assertTimeoutPreemptively(GUARD,
                () -> assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.read(file)));
        String prefix = file + ": ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        return e.getMessage().substring(prefix.length());
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    @Test
    void wrongByteCountNamesTensorOffsetsDtypeAndShape() throws IOException {
        Path p = file("{" + tensor("layer1.weight", "F32", "[8,3]", 0, 100) + "}", 100);
        assertEquals(p + ": tensor 'layer1.weight': data_offsets [0, 100] do not match dtype F32 and shape [8, 3]"
                + " (96 bytes expected)", assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.read(p))
                .getMessage());
    }

    @Test
    void tooShortForTheLengthPrefix() throws IOException {
        assertEquals("file is 3 bytes long, too short for the 8-byte header length (not a safetensors file?)",
                failure(write(new byte[] {1, 2, 3})));
        assertEquals("file is 0 bytes long, too short for the 8-byte header length (not a safetensors file?)",
                failure(write(new byte[0])));
    }

    @ParameterizedTest
    @CsvSource({
        "1000, 1000",
        "93, 93",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, 9223372036854775808",
        "-1, 18446744073709551615",
    })
    void headerLengthPastTheEndOfTheFile(long n, String unsigned) throws IOException {
        byte[] header = "{}      ".getBytes(StandardCharsets.US_ASCII);
        Path p = write(fileBytes(n, Arrays.copyOf(header, 84), 0)); // 92-byte file
        assertEquals("header length " + unsigned + " extends past the end of the file (92 bytes; truncated or not a"
                + " safetensors file?)", failure(p));
    }

    @Test
    void headerLengthOverTheLimitIsRefusedBeforeReadingIt() throws IOException {
        // A sparse file larger than the limit: the cap must apply without reading or allocating the header.
        Path p = tmp.resolve("big.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(100_000_016L);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L).array());
        }
        assertEquals("header length 100000001 exceeds the limit of 100000000 bytes (corrupt or not a safetensors"
                + " file?)", failure(p));
    }

    @Test
    void truncatedFixtureReportsTheTensorThatNoLongerFits() throws IOException, URISyntaxException {
        byte[] full = Files.readAllBytes(
                Path.of(getClass().getResource("/parity/safetensors/mymodel_f32.safetensors").toURI()));
        assertEquals("tensor 'layer2.bias': data_offsets [224, 232] extend past the end of the 228-byte data buffer"
                + " (is the file truncated?)", failure(write(Arrays.copyOf(full, full.length - 4))));
        assertEquals("header length 312 extends past the end of the file (100 bytes; truncated or not a"
                + " safetensors file?)", failure(write(Arrays.copyOf(full, 100))));
        assertEquals("file is 5 bytes long, too short for the 8-byte header length (not a safetensors file?)",
                failure(write(Arrays.copyOf(full, 5))));
    }

    @Test
    void offsetsFarOutOfBoundsAllocateNothing() throws IOException {
        // 2^40 floats claimed, 16 bytes present: must fail on validation, not on an allocation.
        String huge = tensor("w", "F32", "[1099511627776]", 0, 4398046511104L);
        assertEquals("tensor 'w': data_offsets [0, 4398046511104] extend past the end of the 16-byte data buffer"
                + " (is the file truncated?)", failure(file("{" + huge + "}", 16)));
    }

    @Test
    void layoutMustTileTheDataBufferExactly() throws IOException {
        assertEquals("tensor 'b': data_offsets [8, 24] overlap tensor 'a' [0, 16]",
                failure(file("{" + tensor("a", "F32", "[4]", 0, 16) + "," + tensor("b", "F32", "[4]", 8, 24) + "}", 24)));
        assertEquals("tensor 'b': data_offsets [0, 16] overlap tensor 'a' [0, 16]",
                failure(file("{" + tensor("a", "F32", "[4]", 0, 16) + "," + tensor("b", "F32", "[4]", 0, 16) + "}", 16)));
        assertEquals("tensor 'e': data_offsets [4, 4] overlap tensor 'a' [0, 16]",
                failure(file("{" + tensor("a", "F32", "[4]", 0, 16) + "," + tensor("e", "F32", "[0]", 4, 4) + "}", 16)));
        assertEquals("bytes [16, 20) of the data buffer, before tensor 'b', belong to no tensor (offsets must cover"
                + " the buffer without gaps)",
                failure(file("{" + tensor("a", "F32", "[4]", 0, 16) + "," + tensor("b", "F32", "[4]", 20, 36) + "}", 36)));
        assertEquals("bytes [0, 4) of the data buffer, before tensor 'a', belong to no tensor (offsets must cover"
                + " the buffer without gaps)", failure(file("{" + tensor("a", "F32", "[1]", 4, 8) + "}", 8)));
        assertEquals("4 bytes after the last tensor belong to no tensor (data buffer 20 bytes, tensors end at 16)",
                failure(file("{" + tensor("a", "F32", "[4]", 0, 16) + "}", 20)));
        assertEquals("4 bytes after the last tensor belong to no tensor (data buffer 4 bytes, tensors end at 0)",
                failure(file("{}", 4)));
    }

    @Test
    void legalEdgeCasesStillRead() throws IOException {
        // Two empty tensors at one offset, header order unlike data order, "__metadata__": null and an unknown
        // key inside an entry are all accepted by the reference implementation, so they must read here too.
        Path p = file("{\"__metadata__\":null," + tensor("b", "F32", "[1]", 4, 8) + "," + tensor("e1", "F32", "[0]", 4, 4)
                + "," + tensor("e2", "I64", "[2,0]", 4, 4) + ","
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"extra\":[{}]}}", 8);
        SafetensorsFile.Content c = SafetensorsFile.read(p);
        assertEquals(null, c.metadata());
        assertEquals(java.util.List.of("b", "e1", "e2", "a"), java.util.List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new long[] {2, 0}, c.tensors().get("e2").shape());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[4294967296,4294967296,4]    | tensor 'w': shape [4294967296, 4294967296, 4] has more than 2^63 elements",
        "[4611686018427387904]        | tensor 'w': shape [4611686018427387904] of dtype F32 needs more than 2^63 bytes",
        "[3,-1]                       | tensor 'w': shape [3, -1] has a negative element -1",
        "[18446744073709551616]       | tensor 'w': shape element 18446744073709551616 is too large (at most 2^63 - 1)",
        "[-18446744073709551616]      | tensor 'w': shape [-18446744073709551616] has a negative element -18446744073709551616",
        "[1.5]                        | tensor 'w': shape element 0 must be a non-negative integer, found 1.5",
        "[2,1e2]                      | tensor 'w': shape element 1 must be a non-negative integer, found 1E+2",
        "[4.0]                        | tensor 'w': shape element 0 must be a non-negative integer, found 4.0",
        "[\"4\"]                      | tensor 'w': shape element 0 must be a non-negative integer, found string",
        "[null]                       | tensor 'w': shape element 0 must be a non-negative integer, found null",
        "4                            | tensor 'w': shape must be an array of integers, found number",
        "{}                           | tensor 'w': shape must be an array of integers, found object",
    })
    void absurdShapes(String shape, String message) throws IOException {
        assertEquals(message, failure(file("{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,4]}}", 4)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}` | tensor 'w': unsupported dtype \"Q4\" (supported: [BOOL, U8, I8, I16, F16, BF16, I32, F32, F64, I64])",
        "`{\"w\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}` | tensor 'w': unsupported dtype \"f32\" (supported: [BOOL, U8, I8, I16, F16, BF16, I32, F32, F64, I64])",
        "`{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}`      | tensor 'w': dtype must be a string, found number",
        "`{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}`                  | tensor 'w': missing \"dtype\"",
        "`{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}`              | tensor 'w': missing \"shape\"",
        "`{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}`                       | tensor 'w': missing \"data_offsets\"",
        "`{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}` | tensor 'w': data_offsets must have 2 elements, found 3",
        "`{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}` | tensor 'w': data_offsets [4, 0] end before they begin",
        "`{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}` | tensor 'w': data_offsets [-4, 0] has a negative element -4",
        "`{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":\"0-4\"}}` | tensor 'w': data_offsets must be an array of integers, found string",
        "`{\"w\":5}`                                                        | tensor 'w': entry must be an object with dtype, shape and data_offsets, found number",
        "`{\"w\":null}`                                                     | tensor 'w': entry must be an object with dtype, shape and data_offsets, found null",
        "`{\"__metadata__\":{\"a\":1}}`                                     | \"__metadata__\" value of 'a' must be a string, found number",
        "`{\"__metadata__\":{\"a\":null}}`                                  | \"__metadata__\" value of 'a' must be a string, found null",
        "`{\"__metadata__\":{\"a\":{\"b\":\"c\"}}}`                         | \"__metadata__\" value of 'a' must be a string, found object",
        "`{\"__metadata__\":[\"a\"]}`                                       | \"__metadata__\" must be an object of strings, found array",
        "`{\"__metadata__\":\"pt\"}`                                        | \"__metadata__\" must be an object of strings, found string",
        "`[1,2]`                                                            | header is not valid JSON: expected a JSON object at the top level, found array at offset 0 (line 1, column 1)",
        "`\"text\"`                                                         | header is not valid JSON: expected a JSON object at the top level, found string at offset 0 (line 1, column 1)",
        "`{\"w\":`                                                          | header is not valid JSON: expected a JSON value, found end of input at offset 5 (line 1, column 6)",
        "`{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} x` | header is not valid JSON: unexpected 'x' after the JSON value at offset 55 (line 1, column 56)",
        "`{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},\"a\":{}}` | header is not valid JSON: duplicate key \"a\" at offset 54 (line 1, column 55)",
        "`{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}`                       | header is not valid JSON: duplicate key \"k\" at offset 25 (line 1, column 26)",
        "``                                                                 | header is not valid JSON: expected a JSON value, found end of input at offset 0 (line 1, column 1)",
        "`{'w':1}`                                                          | header is not valid JSON: expected a string key or '}', found ''' at offset 1 (line 1, column 2)",
    })
    void badHeaders(String header, String message) throws IOException {
        assertEquals(message, failure(file(header, 4)));
    }

    @Test
    void aMillionDigitNumberFailsFastWithAShortMessage() throws IOException {
        // Even under a key that is ignored: converting it to BigInteger used to take 20 s, and the message echoed it.
        String digits = "7".repeat(1_000_000);
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"note\":" + digits + "}}";
        String message = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> failure(file(header, 4)));
        assertEquals("header is not valid JSON: number 77777777777777777777... is 1000000 characters long (at most 1000)"
                + " at offset 60 (line 1, column 61)", message);
        assertEquals("tensor 'w': shape element " + "7".repeat(40) + "... (1000 chars) is too large"
                + " (at most 2^63 - 1)", failure(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + "7".repeat(1000)
                + "],\"data_offsets\":[0,4]}}", 4)));
    }

    @Test
    void rankIsLimitedTo64Dimensions() throws IOException {
        String ones64 = "[" + "1,".repeat(63) + "1]";
        SafetensorsFile.Content c = SafetensorsFile.read(file("{" + tensor("w", "U8", ones64, 0, 1) + "}", 1));
        assertEquals(64, c.tensors().get("w").rank());
        assertEquals("tensor 'w': shape has more than 64 dimensions (at most 64 are supported)",
                failure(file("{" + tensor("w", "U8", "[" + "1,".repeat(64) + "1]", 0, 1) + "}", 1)));
        // 20 million dimensions of 1 used to load as a tensor; now reading stops at the 65th.
        String huge = "[" + "1,".repeat(20_000_000) + "1]";
        assertEquals("tensor 'w': shape has more than 64 dimensions (at most 64 are supported)",
                assertTimeoutPreemptively(GUARD, () -> failure(file("{" + tensor("w", "U8", huge, 0, 1) + "}", 1))));
    }

    @Test
    void zeroElementShapesReadInAnyDimensionOrder() throws IOException {
        for (String shape : new String[] {"[65536,65536,0]", "[0,65536,65536]", "[4294967296,4294967296,0,4]"}) {
            SafetensorsFile.Content c = SafetensorsFile.read(file("{" + tensor("e", "F64", shape, 0, 0) + "}", 0));
            assertEquals(0, c.tensors().get("e").numel(), shape);
        }
    }

    @Test
    void tensorAndMetadataCountsAreLimited() throws IOException {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i <= HeaderParser.MAX_TENSORS; i++) {
            h.append(i > 0 ? "," : "").append(tensor("t" + i, "U8", "[0]", 0, 0));
        }
        assertEquals("more than 131072 tensors (the limit; corrupt or hostile file?)",
                failure(file(h.append("}").toString(), 0)));
        StringBuilder m = new StringBuilder("{\"__metadata__\":{");
        for (int i = 0; i <= HeaderParser.MAX_METADATA_ENTRIES; i++) {
            m.append(i > 0 ? "," : "").append("\"k").append(i).append("\":\"\"");
        }
        assertEquals("\"__metadata__\" has more than 65536 entries (the limit; corrupt or hostile file?)",
                failure(file(m.append("}}").toString(), 0)));
    }

    @Test
    void namesFromTheFileAreEscapedAndCutInMessages() throws IOException {
        String name = "\\u001b[31m" + "x".repeat(5000);
        String header = "{\"" + name + "\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertEquals("tensor '\\u001B[31m" + "x".repeat(75) + "... (5005 chars)': unsupported dtype \"Q4\" (supported:"
                + " [BOOL, U8, I8, I16, F16, BF16, I32, F32, F64, I64])", failure(file(header, 4)));
        String dup = "{\"__metadata__\":{\"" + "k".repeat(5000) + "\":\"1\",\"" + "k".repeat(5000) + "\":\"2\"}}";
        assertTrue(failure(file(dup, 0)).startsWith("header is not valid JSON: duplicate key \"" + "k".repeat(80)
                + "... (5000 chars)\" at offset 5024"));
    }

    @Test
    void deepNestingFailsAtTheDepthLimit() throws IOException {
        String bomb = "{\"__metadata__\":" + "[".repeat(1_000_000);
        assertEquals("header is not valid JSON: nesting deeper than 64 levels at offset 79 (line 1, column 80)",
                failure(file(bomb, 0)));
    }

    @Test
    void paddingMustBeWhitespace() throws IOException {
        byte[] h = "{}\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        assertEquals("header is not valid JSON: unexpected U+0000 after the JSON value at offset 2 (line 1, column 3)",
                failure(write(fileBytes(8, h, 0))));
    }

    @Test
    void headerMustBeUtf8() throws IOException {
        byte[] h = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertEquals("header is not valid UTF-8 (bad byte sequence at file offset 10)", failure(write(fileBytes(8, h, 0))));
        byte[] overlong = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
        assertEquals("header is not valid UTF-8 (bad byte sequence at file offset 10)",
                failure(write(fileBytes(8, overlong, 0))));
        byte[] surrogate = {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}', ' '};
        assertEquals("header is not valid UTF-8 (bad byte sequence at file offset 10)",
                failure(write(fileBytes(8, surrogate, 0))));
    }

    @Test
    void aDirectoryIsNotASafetensorsFile() {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.read(tmp));
        assertEquals(tmp + ": not a regular file", e.getMessage());
    }

    @Test
    void fileShrinkingAfterTheHeaderWasValidatedIsReportedNotHung() throws IOException {
        // A channel whose size claims more bytes than it delivers, as when another process truncates the file.
        String header = "{" + tensor("w", "F32", "[4]", 0, 16) + "}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(fileBytes(h.length, h, 16), 8 + h.length + 6);
        SeekableByteChannel lying = new LyingChannel(bytes, 8 + h.length + 16);
        SafetensorsFormatException e = assertTimeoutPreemptively(GUARD, () -> assertThrows(
                SafetensorsFormatException.class, () -> SafetensorsFile.read(lying, "shrunk.safetensors")));
        assertEquals("shrunk.safetensors: file ended while reading tensor 'w' (truncated or modified while being"
                + " read?)", e.getMessage());
    }

    /** An in-memory channel that reports a size larger than its content. */
    private static final class LyingChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private final long claimedSize;
        private long position;

        LyingChannel(byte[] bytes, long claimedSize) {
            this.bytes = bytes;
            this.claimedSize = claimedSize;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return claimedSize;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
