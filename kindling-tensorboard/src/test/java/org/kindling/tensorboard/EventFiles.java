package org.kindling.tensorboard;

import org.kindling.tensorboard.proto.Event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A test-side reader of event files: checks every record's framing and CRCs, parses the events with protobuf. */
final class EventFiles {
    private EventFiles() {}

    /** The events of one file, in order. */
    static List<Event> read(Path file) {
        try {
            List<Event> events = new ArrayList<>();
            for (byte[] payload : readRecords(Files.readAllBytes(file), file.toString())) events.add(Event.parseFrom(payload));
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event files directly in {@code dir}, sorted by name. */
    static List<Path> eventFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of the only event file in {@code dir}. */
    static List<Event> readOnly(Path dir) {
        List<Path> files = eventFiles(dir);
        if (files.size() != 1) throw new AssertionError("expected one event file in " + dir + ", found " + files);
        return read(files.get(0));
    }

    /** The payloads of TFRecords; fails on a bad length or CRC, naming the record. */
    static List<byte[]> readRecords(byte[] bytes, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (in.hasRemaining()) {
            int at = in.position();
            long length = in.getLong();
            int lengthCrc = in.getInt();
            if (lengthCrc != TfRecords.maskedCrc32c(bytes, at, 8)) throw new AssertionError(name + ": bad length CRC at " + at);
            byte[] payload = new byte[Math.toIntExact(length)];
            in.get(payload);
            if (in.getInt() != TfRecords.maskedCrc32c(payload, 0, payload.length)) {
                throw new AssertionError(name + ": bad payload CRC in the record at " + at);
            }
            records.add(payload);
        }
        return records;
    }
}
