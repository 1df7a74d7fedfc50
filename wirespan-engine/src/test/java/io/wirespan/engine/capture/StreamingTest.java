package io.wirespan.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Hex;
import io.wirespan.engine.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that straddle or outgrow the reader's buffer, and inputs that arrive a little at a time. */
class StreamingTest {
    /** http.pcap: 6252 bytes, 13 frames, the largest a 4410-byte frame in a 4426-byte record. */
    private static final String CAPTURE = "http.pcap";
    private static final int LARGEST_RECORD = 16 + 4410;

    @TempDir
    Path dir;

    @Test
    void compactsWhenRecordsStraddleTheEndOfTheBuffer() throws IOException {
        Path capture = Corpus.file(CAPTURE);
        List<Frame> expected = readWhole(capture);
        int capacity = LARGEST_RECORD + 100;
        try (PacketSource source = CaptureFiles.open(CAPTURE, FileChannel.open(capture), Files.size(capture), capacity)) {
            RawPacket packet = new RawPacket();
            byte[] buffer = null;
            int count = 0;
            while (source.next(packet)) {
                assertThat(Frame.copyOf(packet)).isEqualTo(expected.get(count++));
                if (buffer == null) {
                    buffer = packet.data();
                }
                assertThat(packet.data()).as("the buffer was compacted, not replaced").isSameAs(buffer);
            }
            assertThat(count).isEqualTo(expected.size());
            assertThat(buffer).hasSize(capacity);
            assertThat(Files.size(capture)).as("the file cannot fit: it must have been compacted").isGreaterThan(capacity);
        }
    }

    @Test
    void growsTheBufferForRecordsLargerThanIt() throws IOException {
        Path capture = Corpus.file(CAPTURE);
        try (PacketSource source = CaptureFiles.open(CAPTURE, FileChannel.open(capture), Files.size(capture), 64)) {
            assertThat(Frame.readAll(source)).isEqualTo(readWhole(capture));
        }
    }

    @Test
    void readsPcapngThroughATinyBuffer() throws IOException {
        Path pcapng = dir.resolve("http.pcapng");
        Tools.editcap("-F", "pcapng", Corpus.file(CAPTURE).toString(), pcapng.toString());
        try (PacketSource source = CaptureFiles.open("http.pcapng", FileChannel.open(pcapng), -1, 16)) {
            assertThat(Frame.readAll(source)).isEqualTo(readWhole(pcapng)).hasSize(13);
        }
    }

    @Test
    void readsAStreamThatDeliversAFewBytesAtATime() throws IOException {
        Path capture = Corpus.file(CAPTURE);
        ReadableByteChannel trickle = new TrickleChannel(Files.readAllBytes(capture), 7);
        try (PacketSource source = CaptureFiles.open("-", trickle, -1)) {
            assertThat(source.size()).isEqualTo(-1);
            assertThat(Frame.readAll(source)).isEqualTo(readWhole(capture));
            assertThat(source.position()).isEqualTo(Files.size(capture));
        }
    }

    @Test
    void readsAnInputStreamOfUnknownLength() throws IOException {
        Path capture = Corpus.file(CAPTURE);
        try (InputStream in = Files.newInputStream(capture); PacketSource source = CaptureFiles.open("-", in)) {
            assertThat(source.name()).isEqualTo("-");
            assertThat(source.size()).isEqualTo(-1);
            assertThat(Frame.readAll(source)).isEqualTo(readWhole(capture));
        }
    }

    @Test
    void streamsACaptureManyTimesLargerThanItsBuffer() throws IOException {
        int records = 100_000;
        int frameLength = 200;
        int capacity = 64 * 1024;
        try (PacketSource source = CaptureFiles.open("endless", new SyntheticPcap(records, frameLength), -1, capacity)) {
            RawPacket packet = new RawPacket();
            int count = 0;
            while (source.next(packet)) {
                assertThat(packet.data()).hasSize(capacity);
                if (packet.capturedLength() != frameLength || packet.timestampMicros() != count) {
                    assertThat(packet.capturedLength()).isEqualTo(frameLength);
                    assertThat(packet.timestampMicros()).isEqualTo(count);
                }
                count++;
            }
            assertThat(count).isEqualTo(records);
            assertThat(source.position()).isEqualTo(24L + (long) records * (16 + frameLength));
        }
    }

    @Test
    void skipsAnUnknownBlockLargerThanTheBufferWithoutHoldingIt() throws IOException {
        int unknownBody = 1 << 20;
        byte[] head = Hex.bytes("""
                0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000  # Section Header
                01000000 14000000 0100 0000 00000400 14000000                   # Interface Description
                01000080          # block type 0x80000001: local use, unknown here
                0c001000          # block length 12 + 1 MiB
                """);
        byte[] tail = Hex.bytes("""
                0c001000          # block length, after 1 MiB of zeros
                06000000 24000000 00000000 00000000 2a000000 04000000 04000000 deadbeef 24000000  # Enhanced Packet
                """);
        byte[] file = new byte[head.length + unknownBody + tail.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(tail, 0, file, head.length + unknownBody, tail.length);
        try (PacketSource source = CaptureFiles.open("big-block.pcapng", InMemory.channel(file), -1, 4096)) {
            RawPacket packet = new RawPacket();
            assertThat(source.next(packet)).isTrue();
            assertThat(Frame.copyOf(packet)).isEqualTo(new Frame(42, 4, 4, 1, 0, "deadbeef"));
            assertThat(packet.data().length).as("the block was skipped, not buffered").isLessThan(unknownBody);
            assertThat(source.next(packet)).isFalse();
        }
    }

    private static List<Frame> readWhole(Path capture) throws IOException {
        try (PacketSource source = CaptureFiles.open(capture)) {
            return Frame.readAll(source);
        }
    }

    /** Hands out at most a few bytes per read, as a pipe may. */
    private static final class TrickleChannel implements ReadableByteChannel {
        private final byte[] bytes;
        private final int step;
        private int position;
        private boolean open = true;

        TrickleChannel(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read(ByteBuffer target) {
            if (position == bytes.length) {
                return -1;
            }
            int count = Math.min(step, Math.min(target.remaining(), bytes.length - position));
            target.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public boolean isOpen() { return open; }

        @Override
        public void close() { open = false; }
    }

    /** A microsecond pcap made up as it is read: record i is stamped i µs and holds {@code frameLength} bytes. */
    private static final class SyntheticPcap implements ReadableByteChannel {
        private final ByteBuffer pending = ByteBuffer.allocate(24 + 16 + 65536).order(ByteOrder.LITTLE_ENDIAN);
        private final int records;
        private final int frameLength;
        private int written;

        SyntheticPcap(int records, int frameLength) {
            this.records = records;
            this.frameLength = frameLength;
            pending.putInt(PcapReader.MICROSECOND_MAGIC).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(65535).putInt(1).flip();
        }

        @Override
        public int read(ByteBuffer target) {
            if (!pending.hasRemaining()) {
                if (written == records) {
                    return -1;
                }
                pending.clear();
                pending.putInt(written / 1_000_000).putInt(written % 1_000_000).putInt(frameLength).putInt(frameLength);
                byte[] frame = new byte[frameLength];
                Arrays.fill(frame, (byte) written);
                pending.put(frame).flip();
                written++;
            }
            int count = Math.min(target.remaining(), pending.remaining());
            target.put(target.position(), pending, pending.position(), count);
            target.position(target.position() + count);
            pending.position(pending.position() + count);
            return count;
        }

        @Override
        public boolean isOpen() { return true; }

        @Override
        public void close() {}
    }
}
