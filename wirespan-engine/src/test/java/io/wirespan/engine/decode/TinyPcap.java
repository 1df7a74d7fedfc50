package io.wirespan.engine.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only classic pcap reader and writer (microsecond, nanosecond and Kuznetzov's "modified"
 * format, either byte order), until the capture package has one. Corrupt files fail loudly.
 */
final class TinyPcap {
    record Frame(long timestampMicros, int originalLength, byte[] data) {}

    private TinyPcap() {}

    static int linkType(Path file) throws IOException {
        return read(file, new ArrayList<>());
    }

    static List<Frame> frames(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        read(file, frames);
        return frames;
    }

    /** Reads every frame into {@code frames}; returns the link type. */
    private static int read(Path file, List<Frame> frames) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
        if (buf.remaining() < 24) throw new IOException(file + ": no pcap header");
        int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (Integer.reverseBytes(magic) >>> 16 == 0xa1b2) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        boolean nanos = magic == 0xa1b23c4d;
        int recordExtra = magic == 0xa1b2cd34 ? 8 : 0; // ifindex, protocol, pkt_type, pad
        if (magic != 0xa1b2c3d4 && !nanos && recordExtra == 0) {
            throw new IOException(file + ": not a classic pcap (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = buf.getInt(20) & 0xFFFF;
        int pos = 24;
        while (pos < buf.limit()) {
            if (buf.limit() - pos < 16 + recordExtra) throw new IOException(file + ": truncated record header at " + pos);
            long seconds = buf.getInt(pos) & 0xFFFF_FFFFL;
            long fraction = buf.getInt(pos + 4) & 0xFFFF_FFFFL;
            int included = buf.getInt(pos + 8);
            int original = buf.getInt(pos + 12);
            pos += 16 + recordExtra;
            if (included < 0 || included > buf.limit() - pos) throw new IOException(file + ": truncated record at " + pos);
            byte[] data = Arrays.copyOfRange(buf.array(), pos, pos + included);
            frames.add(new Frame(seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction), original, data));
            pos += included;
        }
        return linkType;
    }

    /** Writes a little-endian microsecond pcap; frame i gets timestamp i seconds. */
    static void write(Path file, int linkType, List<byte[]> frames) throws IOException {
        int size = 24;
        for (byte[] f : frames) size += 16 + f.length;
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        int second = 0;
        for (byte[] f : frames) {
            buf.putInt(second++).putInt(0).putInt(f.length).putInt(f.length).put(f);
        }
        Files.write(file, buf.array());
    }
}
