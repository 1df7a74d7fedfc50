package io.wirespan.engine.capture;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads the classic libpcap format: a 24-byte file header, then one 16-byte header per frame
 * (draft-ietf-opsawg-pcap). Microsecond ({@code 0xa1b2c3d4}) and nanosecond ({@code 0xa1b23c4d})
 * files are read in either byte order, as is the "modified" format of Alexey Kuznetsov's patches
 * ({@code 0xa1b2cd34}), whose frame headers carry 8 more bytes.
 */
public final class PcapReader implements PacketSource {
    static final int MICROSECOND_MAGIC = 0xa1b2c3d4;
    static final int NANOSECOND_MAGIC = 0xa1b23c4d;
    static final int MODIFIED_MAGIC = 0xa1b2cd34;
    private static final int FILE_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int MODIFIED_RECORD_HEADER_LENGTH = 24;
    /** libpcap's MAXIMUM_SNAPLEN: larger frames exist only in files with a larger snaplen. */
    private static final int USUAL_MAX_CAPTURED_LENGTH = 256 * 1024;

    private final ChannelInput input;
    private final boolean bigEndian;
    private final boolean nanosecond;
    private final int recordHeaderLength;
    private final long snapLength;
    private final int linkType;
    private final int maxCapturedLength;
    private CaptureFormatException failure;

    /** Reads the file header; the reader owns {@code channel} from here on, even on failure. */
    public PcapReader(String name, ReadableByteChannel channel, long size) throws IOException {
        this(new ChannelInput(name, channel, size, ChannelInput.capacityFor(size)));
    }

    PcapReader(ChannelInput input) throws IOException {
        this.input = input;
        try {
            if (!input.request(FILE_HEADER_LENGTH)) {
                throw new CaptureFormatException(input.name(), 0, input.available() == 0
                        ? "empty file"
                        : "truncated file header (needs " + FILE_HEADER_LENGTH + " bytes, "
                                + input.available() + " left)");
            }
            byte[] bytes = input.buffer();
            int at = input.start();
            int magic = Bytes.int32(bytes, at, false);
            boolean swapped = !isMagic(magic);
            if (swapped) {
                magic = Integer.reverseBytes(magic);
                if (!isMagic(magic)) {
                    throw new CaptureFormatException(input.name(), 0,
                            "not a pcap file (magic " + Bytes.hex32(Bytes.int32(bytes, at, true)) + ")");
                }
            }
            this.bigEndian = swapped;
            this.nanosecond = magic == NANOSECOND_MAGIC;
            this.recordHeaderLength = magic == MODIFIED_MAGIC ? MODIFIED_RECORD_HEADER_LENGTH : RECORD_HEADER_LENGTH;
            this.snapLength = Bytes.uint32(bytes, at + 16, bigEndian);
            // The bits above the low 16 carry FCS information, not the link type.
            this.linkType = Bytes.int32(bytes, at + 20, bigEndian) & 0xFFFF;
            // libpcap's rule: a frame may exceed the snaplen a writer claimed, but not both the
            // snaplen and the largest snaplen libpcap uses; that bounds what hostile headers can ask.
            this.maxCapturedLength = (int) Math.min(Math.max(snapLength, USUAL_MAX_CAPTURED_LENGTH),
                    ChannelInput.MAX_RECORD - recordHeaderLength);
            input.consume(FILE_HEADER_LENGTH);
        } catch (IOException | RuntimeException e) {
            input.closeAfter(e);
            throw e;
        }
    }

    /** True when the first four bytes of a file, read little-endian, are a pcap magic in either order. */
    static boolean recognizes(int firstFourBytesLittleEndian) {
        return isMagic(firstFourBytesLittleEndian) || isMagic(Integer.reverseBytes(firstFourBytesLittleEndian));
    }

    /** The LINKTYPE_* of every frame in the file. */
    public int linkType() { return linkType; }

    /** The snaplen of the file header; 0 when the writer left it unset. */
    public long snapLength() { return snapLength; }

    /** Whether the file stores nanoseconds; frames carry microseconds either way. */
    public boolean nanosecondTimestamps() { return nanosecond; }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        if (failure != null) {
            throw failure;
        }
        long recordOffset = input.position();
        if (!input.request(recordHeaderLength)) {
            if (input.available() == 0) {
                return false;
            }
            throw fail(recordOffset, "truncated record header (needs " + recordHeaderLength + " bytes, "
                    + input.available() + " left)");
        }
        byte[] bytes = input.buffer();
        int at = input.start();
        long seconds = Bytes.uint32(bytes, at, bigEndian);
        long fraction = Bytes.uint32(bytes, at + 4, bigEndian);
        long capturedLength = Bytes.uint32(bytes, at + 8, bigEndian);
        long originalLength = Bytes.uint32(bytes, at + 12, bigEndian);
        if (capturedLength > maxCapturedLength) {
            throw fail(recordOffset, "packet record claims " + capturedLength + " captured bytes (limit "
                    + maxCapturedLength + ")");
        }
        if (originalLength > Integer.MAX_VALUE) {
            throw fail(recordOffset, "packet record claims an original length of " + originalLength + " bytes");
        }
        int recordLength = recordHeaderLength + (int) capturedLength;
        if (!input.request(recordLength)) {
            throw fail(recordOffset, "truncated packet record (needs " + recordLength + " bytes, "
                    + input.available() + " left)");
        }
        long micros = seconds * 1_000_000 + (nanosecond ? fraction / 1000 : fraction);
        packet.set(input.buffer(), input.start() + recordHeaderLength, (int) capturedLength,
                (int) originalLength, micros, linkType, 0);
        input.consume(recordLength);
        return true;
    }

    @Override
    public String name() { return input.name(); }

    @Override
    public long position() { return input.position(); }

    @Override
    public long size() { return input.size(); }

    @Override
    public void close() throws IOException {
        input.close();
    }

    private static boolean isMagic(int magic) {
        return magic == MICROSECOND_MAGIC || magic == NANOSECOND_MAGIC || magic == MODIFIED_MAGIC;
    }

    private CaptureFormatException fail(long offset, String problem) {
        failure = new CaptureFormatException(input.name(), offset, problem);
        return failure;
    }
}
