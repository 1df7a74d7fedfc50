package io.wirespan.engine.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes classic pcap with microsecond timestamps in little-endian order, as tcpdump does on x86.
 * For generated test and benchmark captures.
 */
public final class PcapWriter implements AutoCloseable {
    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);

    public PcapWriter(OutputStream out, int linkType, int snapLength) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 20);
        header.putInt(MAGIC_MICROSECONDS).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snapLength).putInt(linkType);
        this.out.write(header.array(), 0, 24);
    }

    public void write(long timestampMicros, byte[] frame, int offset, int capturedLength, int originalLength)
            throws IOException {
        header.clear();
        header.putInt((int) (timestampMicros / 1_000_000)).putInt((int) (timestampMicros % 1_000_000))
                .putInt(capturedLength).putInt(originalLength);
        out.write(header.array(), 0, 16);
        out.write(frame, offset, capturedLength);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
