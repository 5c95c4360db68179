package org.kindling.internal.io;
import org.kindling.io.SafetensorsFormatException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kindling.internal.json.Json;

/**
 * The validated JSON header of a safetensors file: optional string metadata and where each tensor lives.
 *
 * <p>Validation matches the reference Rust implementation ({@code safetensors::SafeTensors::read_metadata}):
 * the header is at most {@value #MAX_HEADER_LENGTH} bytes of UTF-8 JSON; each entry has a known
 * {@code dtype}, a {@code shape} of non-negative integers and {@code data_offsets [begin, end]} with
 * {@code end - begin == numel * itemSize} (computed with overflow checks); sorted by offset, the tensors must
 * tile the data buffer exactly: the first starts at 0, each starts where the previous ended (no overlap, no
 * gap), and the last ends at the end of the file. It is stricter than the reference in a few ways: duplicate
 * keys are rejected (serde keeps the last one silently), JSON nesting is limited to 64 levels, a shape to 64
 * dimensions, a number literal to 1000 characters, and a file to 131,072 tensors and 65,536 metadata entries,
 * so that a hostile header inside the size limit can exhaust neither memory nor time (see HeaderParser). Like
 * the reference, unknown keys inside a tensor entry are ignored and {@code "__metadata__": null} means no
 * metadata.
 *
 * @param metadata     the {@code __metadata__} map in header order, or {@code null} when absent
 * @param tensors      tensor name to location, in header order (not necessarily data order)
 * @param headerLength N, the header's length in bytes including padding
 * @param dataLength   size of the data buffer that follows the header
 */
public record SafetensorsHeader(
        Map<String, String> metadata, Map<String, TensorInfo> tensors, long headerLength, long dataLength) {

    /** Largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_LENGTH = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";

    public SafetensorsHeader {
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Where one tensor lives in the data buffer.
     *
     * @param dtype element type
     * @param shape dimensions ({@link #shape()} returns a copy)
     * @param begin first byte, relative to the start of the data buffer
     * @param end   one past the last byte
     */
    public record TensorInfo(SafetensorsDType dtype, long[] shape, long begin, long end) {
        public TensorInfo {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of data bytes. */
        public long byteSize() {
            return end - begin;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorInfo t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                    && begin == t.begin && end == t.end;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new long[] {dtype.ordinal(), Arrays.hashCode(shape), begin, end});
        }

        @Override
        public String toString() {
            return "TensorInfo[" + dtype + " " + Arrays.toString(shape) + ", [" + begin + ", " + end + "]]";
        }
    }

    /** Offset of the data buffer from the start of the file. */
    public long dataStart() {
        return 8 + headerLength;
    }

    /**
     * Parses and validates the header bytes (without the 8-byte length prefix).
     *
     * @param source     the file name used in error messages
     * @param header     the N header bytes
     * @param dataLength bytes in the file after the header
     */
    public static SafetensorsHeader parse(String source, byte[] header, long dataLength) {
        return parse(source, decodeUtf8(source, header), header.length, dataLength);
    }

    /** Parses and validates header text already checked by {@link #decodeUtf8}; see {@link HeaderParser}. */
    static SafetensorsHeader parse(String source, String text, long headerLength, long dataLength) {
        return HeaderParser.parse(source, text, headerLength, dataLength);
    }

    /**
     * The header bytes for these tensors laid out in iteration order: compact JSON, {@code __metadata__} first
     * when not null, padded with spaces to a multiple of 8 bytes, as the reference implementation writes it.
     */
    public static byte[] encode(Map<String, String> metadata, Map<String, TensorEntry> tensors) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("safetensors: metadata keys and values must not be null, found "
                            + e.getKey() + "=" + e.getValue());
                }
            }
            root.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, TensorEntry> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.equals(METADATA_KEY) || e.getValue() == null) {
                throw new IllegalArgumentException("safetensors: invalid tensor entry " + name + "=" + e.getValue()
                        + " (names must be non-null and not \"" + METADATA_KEY + "\", entries non-null)");
            }
            TensorEntry t = e.getValue();
            List<Object> shape = new ArrayList<>();
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = Math.addExact(offset, t.byteSize());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype().name());
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, end));
            root.put(name, info);
            offset = end;
        }
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        if (padded > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("safetensors: header of " + padded + " bytes exceeds the "
                    + MAX_HEADER_LENGTH + "-byte limit readers enforce");
        }
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** The header as text; fails naming the file when it is not UTF-8. */
    static String decodeUtf8(String source, byte[] header) {
        // Validate in small chunks, then decode in one go: a 100 MB header must not cost a 200 MB char buffer
        // on top of the string (which Java stores as one byte per char when the header is ASCII).
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer scratch = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            scratch.clear();
            result = decoder.decode(in, scratch, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            do {
                scratch.clear();
                result = decoder.flush(scratch);
            } while (result.isOverflow());
        }
        if (result.isError()) {
            throw fail(source, "header is not valid UTF-8 (bad byte sequence at file offset " + (8 + in.position()) + ")");
        }
        return new String(header, StandardCharsets.UTF_8);
    }

    static SafetensorsFormatException fail(String source, String message) {
        return new SafetensorsFormatException(source + ": " + message);
    }

    static SafetensorsFormatException fail(String source, String message, Throwable cause) {
        return new SafetensorsFormatException(source + ": " + message, cause);
    }
}
