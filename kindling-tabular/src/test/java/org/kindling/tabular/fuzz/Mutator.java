package org.kindling.tabular.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid files: bit flips, interesting bytes and tokens, deleted, duplicated, repeated and
 * spliced ranges, truncation. For safetensors the header is mutated as text and its length prefix usually
 * fixed up afterwards, so that most inputs get past the first check and reach the JSON and layout validation.
 */
final class Mutator {
    private static final byte[] BYTES = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '"', '[', ']', '{', '}', ',', ':', '-',
        '0', '1', '9', 'e', '.', '\\', ' ', '\n', '\r', '\t', (byte) 0xC3, (byte) 0xE9, (byte) 0xED, 0x1B};
    private static final List<String> TOKENS = List.of("__metadata__", "null", "true", "-1", "0", "1e400", "-0",
            "18446744073709551616", "9223372036854775807", "4294967296", "65536", "2147483648", "0.5", "1E2", "[]",
            "{}", "[[]]", "\"F64\"", "\"BF16\"", "\"U8\"", "\"BOOL\"", "\"I64\"", "\"Q4\"", "\"shape\":[]",
            "\"data_offsets\":[0,0]", "\"dtype\":\"F32\"", "[0,65536,65536]", "[65536,65536,0]", "\\u0000", "\\ud800",
            "\"\\u001b[2J\"", "\"x\":", ",\"x\":1", "\"__metadata__\":null", "NaN", "Infinity", "1e39", "\"\"",
            "\uFEFF", "\r\n", ",,", "\"\"\"", "\u00e9", "\u20ac", "9".repeat(1500), "1,".repeat(70) + "1");

    private final Random random;
    private final List<byte[]> corpus;

    /** Mutations drawn from {@code seed}; {@code corpus} provides material to splice in. */
    Mutator(long seed, List<byte[]> corpus) {
        this.random = new Random(seed);
        this.corpus = corpus;
    }

    /** One to four stacked mutations of a safetensors file, header length usually fixed up. */
    byte[] safetensors(byte[] file) {
        if (file.length < 8 || random.nextInt(10) == 0) {
            return bytes(file);
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        int headerEnd = (int) Math.min(file.length, 8 + Math.max(0, n));
        byte[] header = Arrays.copyOfRange(file, 8, headerEnd);
        byte[] data = Arrays.copyOfRange(file, headerEnd, file.length);
        int where = random.nextInt(10);
        if (where < 7) {
            header = bytes(header);
        } else if (where < 9) {
            data = bytes(data);
        }
        long length = random.nextInt(5) == 0 ? lengthPrefix(header.length) : header.length;
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return out.putLong(length).put(header).put(data).array();
    }

    /** One to four stacked mutations of any bytes. */
    byte[] bytes(byte[] in) {
        byte[] out = in;
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            out = once(out);
        }
        return out;
    }

    private byte[] once(byte[] in) {
        int n = in.length;
        int at = n == 0 ? 0 : random.nextInt(n);
        switch (random.nextInt(11)) {
            case 0 -> {
                byte[] out = in.clone();
                if (n > 0) out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = in.clone();
                if (n > 0) out[at] = BYTES[random.nextInt(BYTES.length)];
                return out;
            }
            case 2, 3 -> {
                return insert(in, at, TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8), 0);
            }
            case 4 -> {
                int len = Math.min(n - at, 1 + random.nextInt(16));
                return concat(Arrays.copyOfRange(in, 0, at), Arrays.copyOfRange(in, at + len, n));
            }
            case 5 -> {
                int len = Math.min(n - at, 1 + random.nextInt(32));
                return insert(in, n == 0 ? 0 : random.nextInt(n), Arrays.copyOfRange(in, at, at + len), 0);
            }
            case 6 -> {
                // A range repeated many times: amplifies whatever it holds ([], "k":"", 1,) toward memory/time bombs.
                int len = Math.min(n - at, 1 + random.nextInt(24));
                byte[] chunk = Arrays.copyOfRange(in, at, at + len);
                return insert(in, at, chunk, 1 + random.nextInt(len == 0 ? 1 : 32_768 / len));
            }
            case 7 -> {
                return Arrays.copyOf(in, n == 0 ? 0 : random.nextInt(n));
            }
            case 8 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                int len = Math.min(other.length - from, 1 + random.nextInt(64));
                return insert(in, at, Arrays.copyOfRange(other, from, from + len), 0);
            }
            case 9 -> {
                return replaceNumber(in, at);
            }
            default -> {
                byte[] junk = new byte[1 + random.nextInt(8)];
                random.nextBytes(junk);
                return insert(in, at, junk, 0);
            }
        }
    }

    // Replaces the run of digits at or after `at` with another number.
    private byte[] replaceNumber(byte[] in, int at) {
        int start = at;
        while (start < in.length && (in[start] < '0' || in[start] > '9')) start++;
        int end = start;
        while (end < in.length && in[end] >= '0' && in[end] <= '9') end++;
        String[] numbers = {"0", "1", "3", "7", "8", "-1", "65536", "4294967296", "9223372036854775807",
            "18446744073709551615", Long.toString(random.nextLong() >>> random.nextInt(64))};
        byte[] number = numbers[random.nextInt(numbers.length)].getBytes(StandardCharsets.US_ASCII);
        return concat(concat(Arrays.copyOfRange(in, 0, start), number), Arrays.copyOfRange(in, end, in.length));
    }

    private long lengthPrefix(int actual) {
        return switch (random.nextInt(5)) {
            case 0 -> actual + random.nextInt(17) - 8;
            case 1 -> random.nextLong();
            case 2 -> 100_000_001L;
            case 3 -> -1L;
            default -> random.nextInt(actual + 1);
        };
    }

    private static byte[] insert(byte[] in, int at, byte[] chunk, int extraCopies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + chunk.length * (extraCopies + 1));
        out.write(in, 0, at);
        for (int i = 0; i <= extraCopies; i++) out.write(chunk, 0, chunk.length);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
