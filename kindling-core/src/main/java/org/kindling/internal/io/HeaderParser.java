package org.kindling.internal.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kindling.internal.format.Excerpt;
import org.kindling.internal.io.SafetensorsHeader.TensorInfo;
import org.kindling.internal.json.Json;
import org.kindling.internal.json.JsonCursor;
import org.kindling.internal.json.JsonParseException;
import org.kindling.io.SafetensorsFormatException;

/**
 * Parses and validates a safetensors header text in one pass, keeping only what the header describes.
 *
 * <p>Why not a JSON tree: a header may be 100 MB, and a tree costs tens of bytes per input byte (100 MB of
 * {@code [],} under an ignored key is 33 million lists). Here ignored values are only syntax-checked, a shape
 * stops being collected after {@value #MAX_RANK} dimensions, and the number of tensors and metadata entries is
 * capped, so memory stays a small multiple of the header's size and work stays linear in it. Keys inside
 * ignored values are syntax-checked only (not for duplicates: that would need memory per key).
 */
final class HeaderParser {
    /** Most dimensions a tensor may have (PyTorch allows 64 too). */
    static final int MAX_RANK = 64;
    /** Most tensors in one file; real models have thousands, each costs a few hundred bytes to hold. */
    static final int MAX_TENSORS = 1 << 17;
    /** Most {@code __metadata__} entries; real files have a handful. */
    static final int MAX_METADATA_ENTRIES = 1 << 16;

    private static final String METADATA_KEY = "__metadata__";

    private final String source;
    private final long dataLength;
    private final JsonCursor cursor;

    private HeaderParser(String source, String text, long dataLength) {
        this.source = source;
        this.dataLength = dataLength;
        this.cursor = new JsonCursor(text, Json.DEFAULT_MAX_DEPTH);
    }

    static SafetensorsHeader parse(String source, String text, long headerLength, long dataLength) {
        HeaderParser p = new HeaderParser(source, text, dataLength);
        try {
            return p.header(headerLength);
        } catch (JsonParseException e) {
            throw fail(source, "header is not valid JSON: " + e.getMessage(), e);
        }
    }

    private SafetensorsHeader header(long headerLength) {
        String type = cursor.peekType();
        if (!type.equals("object")) {
            throw cursor.error("expected a JSON object at the top level, found " + type, cursor.position());
        }
        Map<String, String> metadata = null;
        boolean sawMetadata = false;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        cursor.beginObject();
        while (cursor.nextMember()) {
            int keyAt = cursor.position();
            String name = cursor.key();
            if (name.equals(METADATA_KEY)) {
                checkUnique(!sawMetadata, name, keyAt);
                sawMetadata = true;
                metadata = metadata();
            } else {
                checkUnique(!tensors.containsKey(name), name, keyAt);
                if (tensors.size() == MAX_TENSORS) {
                    throw fail(source, "more than " + MAX_TENSORS + " tensors (the limit; corrupt or hostile file?)");
                }
                tensors.put(name, tensor(name));
            }
        }
        cursor.finish();
        checkTiling(tensors);
        return new SafetensorsHeader(metadata, tensors, headerLength, dataLength);
    }

    private Map<String, String> metadata() {
        String type = cursor.peekType();
        if (type.equals("null")) {
            cursor.readScalar();
            return null;
        }
        if (!type.equals("object")) {
            cursor.skipValue();
            throw fail(source, "\"" + METADATA_KEY + "\" must be an object of strings, found " + type);
        }
        Map<String, String> out = new LinkedHashMap<>();
        cursor.beginObject();
        while (cursor.nextMember()) {
            int keyAt = cursor.position();
            String key = cursor.key();
            checkUnique(!out.containsKey(key), key, keyAt);
            if (out.size() == MAX_METADATA_ENTRIES) {
                throw fail(source, "\"" + METADATA_KEY + "\" has more than " + MAX_METADATA_ENTRIES
                        + " entries (the limit; corrupt or hostile file?)");
            }
            Object value = cursor.readScalar();
            if (!(value instanceof String s)) {
                throw fail(source, "\"" + METADATA_KEY + "\" value of '" + Excerpt.of(key) + "' must be a string, found "
                        + Json.typeName(value));
            }
            out.put(key, s);
        }
        return out;
    }

    /** The raw fields of one entry, validated once the entry is read (so errors come in a fixed order). */
    private TensorInfo tensor(String name) {
        String where = "tensor '" + Excerpt.of(name) + "': ";
        String type = cursor.peekType();
        if (!type.equals("object")) {
            cursor.skipValue();
            throw fail(source, where + "entry must be an object with dtype, shape and data_offsets, found " + type);
        }
        Object dtype = null;
        RawArray shape = null;
        RawArray offsets = null;
        boolean sawDtype = false;
        cursor.beginObject();
        while (cursor.nextMember()) {
            int keyAt = cursor.position();
            String key = cursor.key();
            switch (key) {
                case "dtype" -> {
                    checkUnique(!sawDtype, key, keyAt);
                    sawDtype = true;
                    dtype = cursor.readScalar();
                }
                case "shape" -> {
                    checkUnique(shape == null, key, keyAt);
                    shape = rawArray(MAX_RANK, where + "shape has more than " + MAX_RANK
                            + " dimensions (at most " + MAX_RANK + " are supported)");
                }
                case "data_offsets" -> {
                    checkUnique(offsets == null, key, keyAt);
                    offsets = rawArray(16, where + "data_offsets must have 2 elements, found more than 16");
                }
                default -> cursor.skipValue(); // unknown keys are ignored, as in the reference implementation
            }
        }
        if (!sawDtype) {
            throw fail(source, where + "missing \"dtype\"");
        }
        SafetensorsDType dt = dtype(where, dtype);
        if (shape == null) {
            throw fail(source, where + "missing \"shape\"");
        }
        long[] dims = nonNegativeIntegers(where, "shape", shape, -1);
        if (offsets == null) {
            throw fail(source, where + "missing \"data_offsets\"");
        }
        long[] range = nonNegativeIntegers(where, "data_offsets", offsets, 2);
        return location(where, dt, dims, range[0], range[1]);
    }

    private SafetensorsDType dtype(String where, Object value) {
        if (!(value instanceof String name)) {
            throw fail(source, where + "dtype must be a string, found " + Json.typeName(value));
        }
        SafetensorsDType dtype = SafetensorsDType.fromHeaderName(name);
        if (dtype == null) {
            throw fail(source, where + "unsupported dtype \"" + Excerpt.of(name) + "\" (supported: "
                    + Arrays.toString(SafetensorsDType.values()) + ")");
        }
        return dtype;
    }

    private TensorInfo location(String where, SafetensorsDType dtype, long[] shape, long begin, long end) {
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

    /**
     * A JSON array's first elements and its length, or the type of a value that is not an array.
     *
     * @param notArray the value's type when it is not an array, else null
     * @param head     the elements (containers as empty ones)
     * @param length   the number of elements
     */
    private record RawArray(String notArray, List<Object> head, long length) {}

    /** Reads an array of at most {@code keep} elements; a longer one fails at once with {@code tooLong}. */
    private RawArray rawArray(int keep, String tooLong) {
        String type = cursor.peekType();
        if (!type.equals("array")) {
            cursor.skipValue();
            return new RawArray(type, List.of(), 0);
        }
        List<Object> head = new ArrayList<>();
        cursor.beginArray();
        while (cursor.nextElement()) {
            if (head.size() == keep) {
                throw fail(source, tooLong); // without reading on: a 99 MB shape of ones costs nothing more
            }
            head.add(cursor.readScalar());
        }
        return new RawArray(null, head, head.size());
    }

    /** A JSON array of non-negative 64-bit integers; {@code length} -1 means any length. */
    private long[] nonNegativeIntegers(String where, String key, RawArray array, int length) {
        if (array.notArray() != null) {
            throw fail(source, where + key + " must be an array of integers, found " + array.notArray());
        }
        if (length >= 0 && array.length() != length) {
            throw fail(source, where + key + " must have " + length + " elements, found " + array.length());
        }
        List<Object> list = array.head();
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (v instanceof Long n && n >= 0) {
                out[i] = n;
            } else if (v instanceof Long || (v instanceof BigInteger b && b.signum() < 0)) {
                throw fail(source, where + key + " " + Excerpt.of(list.toString()) + " has a negative element "
                        + Excerpt.of(v.toString(), 40));
            } else if (v instanceof BigInteger) {
                throw fail(source, where + key + " element " + Excerpt.of(v.toString(), 40)
                        + " is too large (at most 2^63 - 1)");
            } else {
                throw fail(source, where + key + " element " + i + " must be a non-negative integer, found "
                        + (v instanceof Number ? Excerpt.of(v.toString(), 40) : Json.typeName(v)));
            }
        }
        return out;
    }

    private void checkUnique(boolean unique, String key, int keyAt) {
        if (!unique) {
            throw cursor.error("duplicate key \"" + Excerpt.of(key) + "\"", keyAt);
        }
    }

    /** Checks that the tensors, sorted by offset, cover [0, dataLength) exactly once. */
    private void checkTiling(Map<String, TensorInfo> tensors) {
        List<Map.Entry<String, TensorInfo>> sorted = new ArrayList<>(tensors.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, TensorInfo> e) -> e.getValue().begin())
                .thenComparingLong(e -> e.getValue().end()));
        long covered = 0;
        Map.Entry<String, TensorInfo> previous = null;
        for (Map.Entry<String, TensorInfo> e : sorted) {
            TensorInfo t = e.getValue();
            if (t.begin() < covered) {
                TensorInfo p = previous.getValue();
                throw fail(source, "tensor '" + Excerpt.of(e.getKey()) + "': data_offsets [" + t.begin() + ", "
                        + t.end() + "] overlap tensor '" + Excerpt.of(previous.getKey()) + "' [" + p.begin() + ", "
                        + p.end() + "]");
            }
            if (t.begin() > covered) {
                throw fail(source, "bytes [" + covered + ", " + t.begin() + ") of the data buffer, before tensor '"
                        + Excerpt.of(e.getKey()) + "', belong to no tensor (offsets must cover the buffer without gaps)");
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
