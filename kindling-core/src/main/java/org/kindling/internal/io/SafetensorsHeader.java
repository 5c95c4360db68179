package org.kindling.internal.io;
import org.kindling.io.SafetensorsFormatException;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kindling.internal.json.Json;
import org.kindling.internal.json.JsonParseException;

/**
 * The validated JSON header of a safetensors file: optional string metadata and where each tensor lives.
 *
 * <p>Validation matches the reference Rust implementation ({@code safetensors::SafeTensors::read_metadata}):
 * the header is at most {@value #MAX_HEADER_LENGTH} bytes of UTF-8 JSON; each entry has a known
 * {@code dtype}, a {@code shape} of non-negative integers and {@code data_offsets [begin, end]} with
 * {@code end - begin == numel * itemSize} (computed with overflow checks); sorted by offset, the tensors must
 * tile the data buffer exactly: the first starts at 0, each starts where the previous ended (no overlap, no
 * gap), and the last ends at the end of the file. It is stricter than the reference in two ways: duplicate
 * keys are rejected (serde keeps the last one silently), and JSON nesting is limited to 64 levels. Like the
 * reference, unknown keys inside a tensor entry are ignored and {@code "__metadata__": null} means no
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
        String text = decodeUtf8(source, header);
        Map<String, Object> root;
        try {
            root = Json.parseObject(text, Json.Options.DEFAULT.withExactNumbers(true));
        } catch (JsonParseException e) {
            throw fail(source, "header is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> metadata = null;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(source, e.getValue());
            } else {
                tensors.put(e.getKey(), parseTensor(source, e.getKey(), e.getValue(), dataLength));
            }
        }
        checkTiling(source, tensors, dataLength);
        return new SafetensorsHeader(metadata, tensors, header.length, dataLength);
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

    private static String decodeUtf8(String source, byte[] header) {
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

    private static Map<String, String> parseMetadata(String source, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(source, "\"" + METADATA_KEY + "\" must be an object of strings, found " + Json.typeName(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw fail(source, "\"" + METADATA_KEY + "\" value of '" + e.getKey() + "' must be a string, found "
                        + Json.typeName(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static TensorInfo parseTensor(String source, String name, Object value, long dataLength) {
        String where = "tensor '" + name + "': ";
        if (!(value instanceof Map<?, ?> entry)) {
            throw fail(source, where + "entry must be an object with dtype, shape and data_offsets, found "
                    + Json.typeName(value));
        }
        Object dtypeValue = required(source, where, entry, "dtype");
        if (!(dtypeValue instanceof String dtypeName)) {
            throw fail(source, where + "dtype must be a string, found " + Json.typeName(dtypeValue));
        }
        SafetensorsDType dtype = SafetensorsDType.fromHeaderName(dtypeName);
        if (dtype == null) {
            throw fail(source, where + "unsupported dtype \"" + dtypeName + "\" (supported: "
                    + Arrays.toString(SafetensorsDType.values()) + ")");
        }
        long[] shape = nonNegativeIntegers(source, where, "shape", required(source, where, entry, "shape"), -1);
        long[] offsets = nonNegativeIntegers(source, where, "data_offsets",
                required(source, where, entry, "data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw fail(source, where + "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long expected;
        try {
            expected = TensorEntry.byteSize(dtype, shape);
        } catch (IllegalArgumentException e) {
            throw fail(source, where + e.getMessage());
        }
        if (end - begin != expected) {
            throw fail(source, where + "data_offsets [" + begin + ", " + end + "] do not match dtype " + dtype
                    + " and shape " + Arrays.toString(shape) + " (" + expected + " bytes expected)");
        }
        if (end > dataLength) {
            throw fail(source, where + "data_offsets [" + begin + ", " + end + "] extend past the end of the "
                    + dataLength + "-byte data buffer (is the file truncated?)");
        }
        return new TensorInfo(dtype, shape, begin, end);
    }

    private static Object required(String source, String where, Map<?, ?> entry, String key) {
        if (!entry.containsKey(key)) {
            throw fail(source, where + "missing \"" + key + "\"");
        }
        return entry.get(key);
    }

    /** A JSON array of non-negative 64-bit integers; {@code length} -1 means any length. */
    private static long[] nonNegativeIntegers(String source, String where, String key, Object value, int length) {
        if (!(value instanceof List<?> list)) {
            throw fail(source, where + key + " must be an array of integers, found " + Json.typeName(value));
        }
        if (length >= 0 && list.size() != length) {
            throw fail(source, where + key + " must have " + length + " elements, found " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (v instanceof Long n && n >= 0) {
                out[i] = n;
            } else if (v instanceof Long || (v instanceof BigInteger b && b.signum() < 0)) {
                throw fail(source, where + key + " " + list + " has a negative element " + v);
            } else if (v instanceof BigInteger) {
                throw fail(source, where + key + " element " + v + " is too large (at most 2^63 - 1)");
            } else {
                throw fail(source, where + key + " element " + i + " must be a non-negative integer, found "
                        + (v instanceof Number ? v : Json.typeName(v)));
            }
        }
        return out;
    }

    /** Checks that the tensors, sorted by offset, cover [0, dataLength) exactly once. */
    private static void checkTiling(String source, Map<String, TensorInfo> tensors, long dataLength) {
        List<Map.Entry<String, TensorInfo>> sorted = new ArrayList<>(tensors.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, TensorInfo> e) -> e.getValue().begin())
                .thenComparingLong(e -> e.getValue().end()));
        long covered = 0;
        Map.Entry<String, TensorInfo> previous = null;
        for (Map.Entry<String, TensorInfo> e : sorted) {
            TensorInfo t = e.getValue();
            if (t.begin() < covered) {
                TensorInfo p = previous.getValue();
                throw fail(source, "tensor '" + e.getKey() + "': data_offsets [" + t.begin() + ", " + t.end()
                        + "] overlap tensor '" + previous.getKey() + "' [" + p.begin() + ", " + p.end() + "]");
            }
            if (t.begin() > covered) {
                throw fail(source, "bytes [" + covered + ", " + t.begin() + ") of the data buffer, before tensor '"
                        + e.getKey() + "', belong to no tensor (offsets must cover the buffer without gaps)");
            }
            covered = t.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw fail(source, (dataLength - covered) + " bytes after the last tensor belong to no tensor (data buffer "
                    + dataLength + " bytes, tensors end at " + covered + ")");
        }
    }

    static SafetensorsFormatException fail(String source, String message) {
        return new SafetensorsFormatException(source + ": " + message);
    }

    static SafetensorsFormatException fail(String source, String message, Throwable cause) {
        return new SafetensorsFormatException(source + ": " + message, cause);
    }
}
