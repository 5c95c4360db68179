package org.kindling.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container TensorBoard's event files use: each record is
 * <pre>
 * uint64 length (little-endian) | uint32 masked CRC32C of those 8 bytes | payload | uint32 masked CRC32C of payload
 * </pre>
 * The CRCs are masked (rotated and offset) because a CRC of data that itself contains CRCs is weak; the
 * mask is TensorFlow's {@code crc32c::Mask}.
 */
final class TfRecords {
    /** Bytes a record adds around its payload: length, its CRC, and the payload's CRC. */
    static final int OVERHEAD = 8 + 4 + 4;
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {}

    /** The payload framed as one record. */
    static byte[] frame(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(payload.length + OVERHEAD).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(payload.length);
        record.putInt(maskedCrc32c(record.array(), 0, 8));
        record.put(payload);
        record.putInt(maskedCrc32c(payload, 0, payload.length));
        return record.array();
    }

    /** CRC32C (Castagnoli) of {@code length} bytes from {@code offset}, as an unsigned value in an int. */
    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** The CRC32C of the bytes, masked as TensorFlow stores it: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
    static int maskedCrc32c(byte[] bytes, int offset, int length) {
        return mask(crc32c(bytes, offset, length));
    }

    static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + MASK_DELTA;
    }
}
