package io.wirespan.engine.capture;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng): a sequence of sections, each a Section Header Block
 * that sets the byte order, Interface Description Blocks, and packet blocks that refer to them.
 * Enhanced, Simple and the obsolete Packet Blocks yield frames; every other block is skipped by
 * its length. Each block is checked (length a multiple of 4, at least 12, at most 64 MiB, the
 * trailing length equal to the leading one) before anything in it is believed.
 */
public final class PcapngReader implements PacketSource {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 0x00000001;
    private static final int OBSOLETE_PACKET = 0x00000002;
    private static final int SIMPLE_PACKET = 0x00000003;
    private static final int ENHANCED_PACKET = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int SUPPORTED_MAJOR_VERSION = 1;

    private static final int OPTION_END = 0;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_TSOFFSET = 14;

    /** Type and leading length; the shortest block adds the trailing length to these. */
    private static final int BLOCK_HEADER_LENGTH = 8;
    private static final int MIN_BLOCK_LENGTH = 12;
    private static final int MIN_SECTION_HEADER_LENGTH = 28;
    private static final int MIN_INTERFACE_DESCRIPTION_LENGTH = 20;
    private static final int MIN_PACKET_BLOCK_LENGTH = 32;
    private static final int MIN_SIMPLE_PACKET_LENGTH = 16;
    private static final int PACKET_DATA_OFFSET = 28;
    private static final int SIMPLE_PACKET_DATA_OFFSET = 12;
    private static final int MAX_BLOCK_LENGTH = ChannelInput.MAX_RECORD;
    /** Interface ids are 32 bits; a bound keeps a file of empty IDBs from filling memory. */
    private static final int MAX_INTERFACES = 1 << 16;

    private final ChannelInput input;
    private final List<InterfaceDescription> interfaces = new ArrayList<>();
    private boolean bigEndian;
    private CaptureFormatException failure;

    /** Reads the first section header; the reader owns {@code channel} from here on, even on failure. */
    public PcapngReader(String name, ReadableByteChannel channel, long size) throws IOException {
        this(new ChannelInput(name, channel, size, ChannelInput.capacityFor(size)));
    }

    PcapngReader(ChannelInput input) throws IOException {
        this.input = input;
        try {
            if (!input.request(BLOCK_HEADER_LENGTH) && input.available() == 0) {
                throw new CaptureFormatException(input.name(), 0, "empty file");
            }
            if (input.available() >= 4 && Bytes.int32(input.buffer(), input.start(), false) != SECTION_HEADER) {
                throw new CaptureFormatException(input.name(), 0, "not a pcapng file (first block type "
                        + Bytes.hex32(Bytes.int32(input.buffer(), input.start(), true)) + ")");
            }
            readSectionHeader(0);
        } catch (IOException | RuntimeException e) {
            input.closeAfter(e);
            throw e;
        }
    }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (true) {
            long blockOffset = input.position();
            if (!input.request(BLOCK_HEADER_LENGTH)) {
                if (input.available() == 0) {
                    return false;
                }
                throw fail(blockOffset, "truncated block header (needs " + BLOCK_HEADER_LENGTH + " bytes, "
                        + input.available() + " left)");
            }
            int type = Bytes.int32(input.buffer(), input.start(), bigEndian);
            if (type == SECTION_HEADER) {
                readSectionHeader(blockOffset);
                continue;
            }
            int length = checkedLength(blockOffset, type, Bytes.uint32(input.buffer(), input.start() + 4, bigEndian));
            switch (type) {
                case ENHANCED_PACKET -> {
                    readPacketBlock(packet, blockOffset, length, false);
                    return true;
                }
                case OBSOLETE_PACKET -> {
                    readPacketBlock(packet, blockOffset, length, true);
                    return true;
                }
                case SIMPLE_PACKET -> {
                    readSimplePacket(packet, blockOffset, length);
                    return true;
                }
                case INTERFACE_DESCRIPTION -> readInterfaceDescription(blockOffset, length);
                default -> skipBlock(blockOffset, length);
            }
        }
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

    /** Reads an SHB: it fixes the byte order of its section and forgets the previous interfaces. */
    private void readSectionHeader(long blockOffset) throws IOException {
        if (!input.request(MIN_BLOCK_LENGTH)) {
            throw fail(blockOffset, "truncated section header (needs " + MIN_BLOCK_LENGTH + " bytes, "
                    + input.available() + " left)");
        }
        int byteOrderMagic = Bytes.int32(input.buffer(), input.start() + 8, false);
        if (byteOrderMagic == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else if (Integer.reverseBytes(byteOrderMagic) == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else {
            throw fail(blockOffset, "bad byte-order magic "
                    + Bytes.hex32(Bytes.int32(input.buffer(), input.start() + 8, true)) + " in section header");
        }
        int length = checkedLength(blockOffset, SECTION_HEADER, Bytes.uint32(input.buffer(), input.start() + 4, bigEndian));
        loadBlock(blockOffset, length);
        int majorVersion = Bytes.uint16(input.buffer(), input.start() + 12, bigEndian);
        if (majorVersion != SUPPORTED_MAJOR_VERSION) {
            int minorVersion = Bytes.uint16(input.buffer(), input.start() + 14, bigEndian);
            throw fail(blockOffset, "unsupported pcapng version " + majorVersion + "." + minorVersion);
        }
        interfaces.clear();
        input.consume(length);
    }

    private void readInterfaceDescription(long blockOffset, int length) throws IOException {
        loadBlock(blockOffset, length);
        if (interfaces.size() == MAX_INTERFACES) {
            throw fail(blockOffset, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        byte[] bytes = input.buffer();
        int block = input.start();
        int linkType = Bytes.uint16(bytes, block + 8, bigEndian);
        long snapLength = Bytes.uint32(bytes, block + 12, bigEndian);
        int resolution = InterfaceDescription.DEFAULT_RESOLUTION;
        long offsetSeconds = 0;
        int option = block + 16;
        int optionsEnd = block + length - 4;
        while (optionsEnd - option >= 4) {
            int code = Bytes.uint16(bytes, option, bigEndian);
            int valueLength = Bytes.uint16(bytes, option + 2, bigEndian);
            if (code == OPTION_END) {
                break;
            }
            int value = option + 4;
            int paddedLength = (valueLength + 3) & ~3;
            if (paddedLength > optionsEnd - value) {
                throw fail(blockOffset, "option " + code + " of " + valueLength + " bytes runs past the end of the block");
            }
            if (code == OPTION_IF_TSRESOL && valueLength == 1) {
                resolution = bytes[value] & 0xFF;
            } else if (code == OPTION_IF_TSOFFSET && valueLength == 8) {
                offsetSeconds = Bytes.int64(bytes, value, bigEndian);
            }
            option = value + paddedLength;
        }
        interfaces.add(new InterfaceDescription(linkType, snapLength, resolution, offsetSeconds));
        input.consume(length);
    }

    /** An Enhanced Packet Block, or the obsolete Packet Block that has the same layout but a 16-bit interface id. */
    private void readPacketBlock(RawPacket packet, long blockOffset, int length, boolean obsolete) throws IOException {
        loadBlock(blockOffset, length);
        byte[] bytes = input.buffer();
        int block = input.start();
        long interfaceId = obsolete ? Bytes.uint16(bytes, block + 8, bigEndian) : Bytes.uint32(bytes, block + 8, bigEndian);
        InterfaceDescription description = interfaceFor(blockOffset, interfaceId);
        long units = (Bytes.uint32(bytes, block + 12, bigEndian) << 32) | Bytes.uint32(bytes, block + 16, bigEndian);
        long capturedLength = Bytes.uint32(bytes, block + 20, bigEndian);
        long originalLength = Bytes.uint32(bytes, block + 24, bigEndian);
        int room = length - MIN_PACKET_BLOCK_LENGTH;
        if (capturedLength > room) {
            throw fail(blockOffset, "captured length " + capturedLength + " does not fit in a block of " + length + " bytes");
        }
        if (originalLength > Integer.MAX_VALUE) {
            throw fail(blockOffset, "packet block claims an original length of " + originalLength + " bytes");
        }
        packet.set(bytes, block + PACKET_DATA_OFFSET, (int) capturedLength, (int) originalLength,
                description.toMicros(units), description.linkType(), (int) interfaceId);
        input.consume(length);
    }

    /** A Simple Packet Block: interface 0, no timestamp, and the captured length is implied. */
    private void readSimplePacket(RawPacket packet, long blockOffset, int length) throws IOException {
        loadBlock(blockOffset, length);
        InterfaceDescription description = interfaceFor(blockOffset, 0);
        byte[] bytes = input.buffer();
        int block = input.start();
        long originalLength = Bytes.uint32(bytes, block + 8, bigEndian);
        if (originalLength > Integer.MAX_VALUE) {
            throw fail(blockOffset, "simple packet block claims an original length of " + originalLength + " bytes");
        }
        long capturedLength = Math.min(originalLength, length - MIN_SIMPLE_PACKET_LENGTH);
        if (description.snapLength() > 0) {
            capturedLength = Math.min(capturedLength, description.snapLength());
        }
        packet.set(bytes, block + SIMPLE_PACKET_DATA_OFFSET, (int) capturedLength, (int) originalLength,
                0, description.linkType(), 0);
        input.consume(length);
    }

    private void skipBlock(long blockOffset, int length) throws IOException {
        int body = length - 4;
        long skipped = input.skip(body);
        if (skipped < body || !input.request(4)) {
            throw fail(blockOffset, "truncated block (needs " + length + " bytes, " + (skipped + input.available())
                    + " left)");
        }
        checkTrailer(blockOffset, length, input.start());
        input.consume(4);
    }

    private InterfaceDescription interfaceFor(long blockOffset, long interfaceId) throws CaptureFormatException {
        if (interfaceId >= interfaces.size()) {
            throw fail(blockOffset, "packet for interface " + interfaceId + " but the section describes "
                    + interfaces.size());
        }
        return interfaces.get((int) interfaceId);
    }

    private int checkedLength(long blockOffset, int type, long length) throws CaptureFormatException {
        if (length % 4 != 0 || length < minimumLength(type) || length > MAX_BLOCK_LENGTH) {
            throw fail(blockOffset, "bad length " + length + " for block type " + Bytes.hex32(type)
                    + " (expected a multiple of 4 from " + minimumLength(type) + " to " + MAX_BLOCK_LENGTH + ")");
        }
        return (int) length;
    }

    private static int minimumLength(int type) {
        return switch (type) {
            case SECTION_HEADER -> MIN_SECTION_HEADER_LENGTH;
            case INTERFACE_DESCRIPTION -> MIN_INTERFACE_DESCRIPTION_LENGTH;
            case ENHANCED_PACKET, OBSOLETE_PACKET -> MIN_PACKET_BLOCK_LENGTH;
            case SIMPLE_PACKET -> MIN_SIMPLE_PACKET_LENGTH;
            default -> MIN_BLOCK_LENGTH;
        };
    }

    /** Brings a whole block into the buffer and checks its trailing length. */
    private void loadBlock(long blockOffset, int length) throws IOException {
        if (!input.request(length)) {
            throw fail(blockOffset, "truncated block (needs " + length + " bytes, " + input.available() + " left)");
        }
        checkTrailer(blockOffset, length, input.start() + length - 4);
    }

    private void checkTrailer(long blockOffset, int length, int trailerIndex) throws CaptureFormatException {
        long trailer = Bytes.uint32(input.buffer(), trailerIndex, bigEndian);
        if (trailer != length) {
            throw fail(blockOffset, "trailing block length " + trailer + " differs from leading length " + length);
        }
    }

    private CaptureFormatException fail(long offset, String problem) {
        failure = new CaptureFormatException(input.name(), offset, problem);
        return failure;
    }
}
