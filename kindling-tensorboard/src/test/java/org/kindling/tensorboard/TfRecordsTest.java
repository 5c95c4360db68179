package org.kindling.tensorboard;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** CRC32C against published test vectors, the mask and the record layout against TensorBoard's own Python writer. */
class TfRecordsTest {
    private static int crc(byte[] b) {
        return TfRecords.crc32c(b, 0, b.length);
    }

    @Test
    void crc32cMatchesRfc3720Vectors() {
        // RFC 3720, appendix B.4 (iSCSI's CRC32C examples).
        byte[] zeros = new byte[32];
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        byte[] ascending = new byte[32], descending = new byte[32];
        for (int i = 0; i < 32; i++) {
            ascending[i] = (byte) i;
            descending[i] = (byte) (31 - i);
        }
        assertEquals(0x8a9136aa, crc(zeros));
        assertEquals(0x62a8ab43, crc(ones));
        assertEquals(0x46dd794e, crc(ascending));
        assertEquals(0x113fdb5c, crc(descending));
        byte[] readCommandPdu = HexFormat.of().parseHex(
                "01c00000000000000000000000000000" + "14000000000004000000001400000018" + "28000000000000000200000000000000");
        assertEquals(48, readCommandPdu.length);
        assertEquals(0xd9963a56, crc(readCommandPdu));
        // The usual check value of CRC-32C.
        assertEquals(0xe3069283, crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void maskedCrcMatchesTensorBoardsPythonImplementation() {
        // Values printed by tensorboard.compat.tensorflow_stub.pywrap_tensorflow.masked_crc32c (TensorBoard 2.21).
        assertEquals(0xa282ead8, TfRecords.maskedCrc32c(new byte[0], 0, 0));
        assertEquals(0x28e46e78, TfRecords.maskedCrc32c(new byte[] {'a'}, 0, 1));
        assertEquals(0xc78ab0e5, TfRecords.maskedCrc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
        assertEquals(0x0fd7fffa, TfRecords.maskedCrc32c(new byte[32], 0, 32));
    }

    @Test
    void maskRotatesRightBy15AndAddsTheDelta() {
        assertEquals(0xa282ead8, TfRecords.mask(0));
        // 1 rotated right by 15 is bit 17.
        assertEquals((1 << 17) + 0xa282ead8, TfRecords.mask(1));
        // The top bit rotates to bit 16; the sum wraps around modulo 2^32.
        assertEquals((1 << 16) + 0xa282ead8, TfRecords.mask(0x80000000));
    }

    @Test
    void recordLayoutMatchesTensorBoardsRecordWriter() {
        // tensorboard.summary.writer.record_writer.RecordWriter(...).write(b"hello"), as hex.
        byte[] expected = HexFormat.of().parseHex("0500000000000000eab2043e68656c6c6fbb1f1c19");
        assertArrayEquals(expected, TfRecords.frame("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyPayloadIsAValidRecord() {
        byte[] record = TfRecords.frame(new byte[0]);
        assertEquals(TfRecords.OVERHEAD, record.length);
        assertEquals(0, EventFiles.readRecords(record, "empty").get(0).length);
    }
}
