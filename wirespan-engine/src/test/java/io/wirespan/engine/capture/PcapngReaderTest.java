package io.wirespan.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.engine.testing.Hex;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {

    private static final String SECTION_LE = """
            0a0d0d0a          # block type: Section Header
            1c000000          # block length 28
            4d3c2b1a          # byte-order magic: little-endian
            0100 0000         # version 1.0
            ffffffffffffffff  # section length: unknown
            1c000000          # block length
            """;

    private static final String SECTION_BE = """
            0a0d0d0a          # block type: Section Header (the same in both orders)
            0000001c          # block length 28
            1a2b3c4d          # byte-order magic: big-endian
            0001 0000         # version 1.0
            ffffffffffffffff  # section length: unknown
            0000001c          # block length
            """;

    private static final String ETHERNET_LE = """
            01000000          # block type: Interface Description
            14000000          # block length 20
            0100 0000         # link type 1: Ethernet; reserved
            00000400          # snaplen 262144
            14000000          # block length
            """;

    private static final String ETHERNET_BE = """
            00000001          # block type: Interface Description
            00000014          # block length 20
            0001 0000         # link type 1: Ethernet; reserved
            00040000          # snaplen 262144
            00000014          # block length
            """;

    private static final String PACKET_1_LE = """
            06000000          # block type: Enhanced Packet
            24000000          # block length 36
            00000000          # interface 0
            a9b90500 400a308c # timestamp 1611512736123456 µs (high, low)
            04000000          # captured length 4
            04000000          # original length 4
            deadbeef          # frame
            24000000          # block length
            """;

    private static final String PACKET_2_LE = """
            06000000          # block type: Enhanced Packet
            24000000          # block length 36
            00000000          # interface 0
            a9b90500 406a3d8c # timestamp 1611512737000000 µs (high, low)
            02000000          # captured length 2
            3c000000          # original length 60
            cafe 0000         # frame, padding
            24000000          # block length
            """;

    private static final String PACKET_1_BE = """
            00000006          # block type: Enhanced Packet
            00000024          # block length 36
            00000000          # interface 0
            0005b9a9 8c300a40 # timestamp 1611512736123456 µs (high, low)
            00000004          # captured length 4
            00000004          # original length 4
            deadbeef          # frame
            00000024          # block length
            """;

    private static final String PACKET_2_BE = """
            00000006          # block type: Enhanced Packet
            00000024          # block length 36
            00000000          # interface 0
            0005b9a9 8c3d6a40 # timestamp 1611512737000000 µs (high, low)
            00000002          # captured length 2
            0000003c          # original length 60
            cafe 0000         # frame, padding
            00000024          # block length
            """;

    private static final List<Frame> TWO_FRAMES = List.of(
            new Frame(1_611_512_736_123_456L, 4, 4, 1, 0, "deadbeef"),
            new Frame(1_611_512_737_000_000L, 2, 60, 1, 0, "cafe"));

    @Test
    void readsLittleEndianSection() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, PACKET_1_LE, PACKET_2_LE);
        try (PacketSource source = InMemory.open("le.pcapng", file)) {
            assertThat(source).isInstanceOf(PcapngReader.class);
            assertThat(Frame.readAll(source)).isEqualTo(TWO_FRAMES);
            assertThat(source.position()).isEqualTo(source.size()).isEqualTo(120);
        }
    }

    @Test
    void readsBigEndianSection() throws IOException {
        byte[] file = Hex.bytes(SECTION_BE, ETHERNET_BE, PACKET_1_BE, PACKET_2_BE);
        try (PacketSource source = InMemory.open("be.pcapng", file)) {
            assertThat(Frame.readAll(source)).isEqualTo(TWO_FRAMES);
        }
    }

    @Test
    void readsSectionsOfDifferentByteOrdersEachWithItsOwnInterfaces() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet
                24000000          # block length 36
                01000000          # interface 1 of section 1: Ethernet
                00000000 01000000 # timestamp 1 µs
                04000000          # captured length 4
                04000000          # original length 4
                deadbeef          # frame
                24000000          # block length
                """, SECTION_BE, """
                00000001          # block type: Interface Description
                00000014          # block length 20
                0071 0000         # link type 113: Linux cooked capture; reserved
                00040000          # snaplen 262144
                00000014          # block length
                00000006          # block type: Enhanced Packet
                00000024          # block length 36
                00000000          # interface 0 of section 2: Linux cooked capture
                00000000 00000002 # timestamp 2 µs
                00000002          # captured length 2
                00000002          # original length 2
                cafe 0000         # frame, padding
                00000024          # block length
                """);
        try (PacketSource source = InMemory.open("two-sections.pcapng", file)) {
            assertThat(Frame.readAll(source)).containsExactly(
                    new Frame(1, 4, 4, 1, 1, "deadbeef"),
                    new Frame(2, 2, 2, 113, 0, "cafe"));
        }
    }

    @Test
    void forgetsTheInterfacesOfThePreviousSection() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, ETHERNET_LE, SECTION_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet, at offset 116
                24000000          # block length 36
                01000000          # interface 1: described in section 1 only
                00000000 01000000 # timestamp
                04000000 04000000 # captured and original length
                deadbeef          # frame
                24000000          # block length
                """);
        try (PacketSource source = InMemory.open("stale.pcapng", file)) {
            assertThatThrownBy(() -> source.next(new RawPacket()))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessage("stale.pcapng: packet for interface 1 but the section describes 1 at byte offset 116");
        }
    }

    @Test
    void convertsTimestampsWithEachInterfacesResolutionAndOffset() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                01000000          # block type: Interface Description #0
                14000000          # block length 20
                0100 0000         # link type 1: Ethernet; reserved
                00000400          # snaplen 262144
                14000000          # block length: no options, so microseconds
                01000000          # block type: Interface Description #1
                20000000          # block length 32
                7100 0000         # link type 113: Linux cooked capture; reserved
                00000400          # snaplen 262144
                0900 0100         # option if_tsresol, 1 byte
                09 000000         #   10^-9 s, padding
                0000 0000         # end of options
                20000000          # block length
                01000000          # block type: Interface Description #2
                2c000000          # block length 44
                6500 0000         # link type 101: raw IP; reserved
                00000400          # snaplen 262144
                0900 0100         # option if_tsresol, 1 byte
                94 000000         #   2^-20 s (high bit: a power of two), padding
                0e00 0800         # option if_tsoffset, 8 bytes
                e803000000000000  #   1000 s
                0000 0000         # end of options
                2c000000          # block length
                01000000          # block type: Interface Description #3
                20000000          # block length 32
                0100 0000         # link type 1: Ethernet; reserved
                00000400          # snaplen 262144
                0900 0100         # option if_tsresol, 1 byte
                03 000000         #   10^-3 s, padding
                0000 0000         # end of options
                20000000          # block length
                06000000          # block type: Enhanced Packet
                24000000          # block length 36
                00000000          # interface 0
                a9b90500 400a308c # timestamp 1611512736123456 µs
                01000000 01000000 # captured and original length 1
                00 000000         # frame, padding
                24000000          # block length
                06000000          # block type: Enhanced Packet
                24000000          # block length 36
                01000000          # interface 1
                4b3e5d16 150da89b # timestamp 1611512736123456789 ns
                01000000 01000000 # captured and original length 1
                01 000000         # frame, padding
                24000000          # block length
                06000000          # block type: Enhanced Packet
                24000000          # block length 36
                02000000          # interface 2
                00000000 00005800 # timestamp 5.5 × 2^20 units: 5.5 s
                01000000 01000000 # captured and original length 1
                02 000000         # frame, padding
                24000000          # block length
                06000000          # block type: Enhanced Packet
                24000000          # block length 36
                03000000          # interface 3
                77010000 7be9a435 # timestamp 1611512736123 ms
                01000000 01000000 # captured and original length 1
                03 000000         # frame, padding
                24000000          # block length
                """);
        try (PacketSource source = InMemory.open("interfaces.pcapng", file)) {
            assertThat(Frame.readAll(source)).containsExactly(
                    new Frame(1_611_512_736_123_456L, 1, 1, 1, 0, "00"),
                    new Frame(1_611_512_736_123_456L, 1, 1, 113, 1, "01"),
                    new Frame(1_005_500_000L, 1, 1, 101, 2, "02"),
                    new Frame(1_611_512_736_123_000L, 1, 1, 1, 3, "03"));
        }
    }

    @Test
    void readsSimplePacketsOnInterfaceZeroCutToSnaplenAndBlock() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                01000000          # block type: Interface Description
                14000000          # block length 20
                0100 0000         # link type 1: Ethernet; reserved
                05000000          # snaplen 5
                14000000          # block length
                03000000          # block type: Simple Packet
                18000000          # block length 24
                06000000          # original length 6: cut to the snaplen
                010203040506 0000 # frame, padding
                18000000          # block length
                03000000          # block type: Simple Packet
                14000000          # block length 20
                02000000          # original length 2: the rest is padding
                0a0b 0000         # frame, padding
                14000000          # block length
                03000000          # block type: Simple Packet
                14000000          # block length 20
                ea050000          # original length 1514: the block holds only 4
                11223344          # frame
                14000000          # block length
                """);
        try (PacketSource source = InMemory.open("simple.pcapng", file)) {
            assertThat(Frame.readAll(source)).containsExactly(
                    new Frame(0, 5, 6, 1, 0, "0102030405"),
                    new Frame(0, 2, 2, 1, 0, "0a0b"),
                    new Frame(0, 4, 1514, 1, 0, "11223344"));
        }
    }

    @Test
    void skipsBlocksItDoesNotKnow() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                04000000          # block type: Name Resolution
                1c000000          # block length 28
                0100 0800 0a000001 6e730000 0000 0000  # an IPv4 record and the end, never read
                1c000000          # block length
                """, PACKET_1_LE, """
                05000000          # block type: Interface Statistics
                18000000          # block length 24
                00000000 00000000 00000000  # interface 0, timestamp, never read
                18000000          # block length
                01000080          # block type 0x80000001: local use, unknown here
                0c000000          # block length 12: no body
                0c000000          # block length
                """, PACKET_2_LE);
        try (PacketSource source = InMemory.open("unknown.pcapng", file)) {
            assertThat(Frame.readAll(source)).isEqualTo(TWO_FRAMES);
        }
    }

    @Test
    void readsTheObsoletePacketBlock() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                01000000          # block type: Interface Description
                14000000          # block length 20
                7100 0000         # link type 113: Linux cooked capture; reserved
                00000400          # snaplen 262144
                14000000          # block length
                02000000          # block type: Packet (obsolete)
                24000000          # block length 36
                0100 0000         # interface 1, drops count 0
                a9b90500 400a308c # timestamp 1611512736123456 µs
                04000000          # captured length 4
                04000000          # original length 4
                deadbeef          # frame
                24000000          # block length
                """);
        try (PacketSource source = InMemory.open("old.pcapng", file)) {
            assertThat(Frame.readAll(source)).containsExactly(new Frame(1_611_512_736_123_456L, 4, 4, 113, 1, "deadbeef"));
        }
    }

    @Test
    void endsCleanlyAfterASectionWithoutPackets() throws IOException {
        try (PacketSource source = InMemory.open("idle.pcapng", Hex.bytes(SECTION_BE, ETHERNET_BE))) {
            assertThat(source.next(new RawPacket())).isFalse();
            assertThat(source.position()).isEqualTo(48);
        }
    }

    @Test
    void returnsPacketsBeforeATruncatedFinalBlockThenNamesItsOffset() throws IOException {
        byte[] whole = Hex.bytes(SECTION_LE, ETHERNET_LE, PACKET_1_LE, PACKET_2_LE);
        byte[] cut = Arrays.copyOf(whole, whole.length - 16);
        try (PacketSource source = InMemory.open("cut.pcapng", cut)) {
            RawPacket packet = new RawPacket();
            assertThat(source.next(packet)).isTrue();
            assertThat(Frame.copyOf(packet)).isEqualTo(TWO_FRAMES.get(0));
            assertThatThrownBy(() -> source.next(packet))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessage("cut.pcapng: truncated block (needs 36 bytes, 20 left) at byte offset 84")
                    .extracting(e -> ((CaptureFormatException) e).offset()).isEqualTo(84L);
        }
    }

    @Test
    void rejectsABlockLengthThatIsNotAMultipleOfFour() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet, at offset 48
                22000000          # block length 34
                00000000 00000000 00000000 02000000 02000000 cafe 22000000
                """);
        assertFirstPacketFails(file, "bad length 34 for block type 0x00000006"
                + " (expected a multiple of 4 from 32 to 67108864) at byte offset 48");
    }

    @Test
    void rejectsABlockShorterThanItsType() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet, at offset 48
                0c000000          # block length 12: no room for the packet fields
                0c000000          # block length
                """);
        assertFirstPacketFails(file, "bad length 12 for block type 0x00000006"
                + " (expected a multiple of 4 from 32 to 67108864) at byte offset 48");
    }

    @Test
    void rejectsAHostileBlockLengthWithoutReadingIt() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                01000080          # block type 0x80000001 (local use), at offset 28
                f0ffffff          # block length 4294967280
                """);
        assertFirstPacketFails(file, "bad length 4294967280 for block type 0x80000001"
                + " (expected a multiple of 4 from 12 to 67108864) at byte offset 28");
    }

    @Test
    void reportsAnUnknownBlockThatClaimsMoreThanTheFileHolds() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                01000080          # block type 0x80000001 (local use), at offset 28
                f0ffff03          # block length 67108848: within bounds, but the file ends
                00000000          # 4 more bytes
                """);
        assertFirstPacketFails(file, "truncated block (needs 67108848 bytes, 12 left) at byte offset 28");
    }

    @Test
    void rejectsATrailingLengthThatDiffersFromTheLeadingOne() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet, at offset 48
                24000000          # block length 36
                00000000 00000000 00000000 04000000 04000000 deadbeef  # interface .. frame
                28000000          # block length 40: not what the block began with
                """);
        assertFirstPacketFails(file, "trailing block length 40 differs from leading length 36 at byte offset 48");
    }

    @Test
    void rejectsAPacketForAnUndescribedInterface() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet, at offset 48
                24000000          # block length 36
                02000000          # interface 2: only interface 0 exists
                00000000 00000000 04000000 04000000 deadbeef 24000000
                """);
        assertFirstPacketFails(file, "packet for interface 2 but the section describes 1 at byte offset 48");
    }

    @Test
    void rejectsASimplePacketBeforeAnyInterface() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                03000000          # block type: Simple Packet, at offset 28
                14000000 04000000 deadbeef 14000000  # length, original length, frame, length
                """);
        assertFirstPacketFails(file, "packet for interface 0 but the section describes 0 at byte offset 28");
    }

    @Test
    void rejectsACapturedLengthBiggerThanItsBlock() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, ETHERNET_LE, """
                06000000          # block type: Enhanced Packet, at offset 48
                24000000          # block length 36: room for 4 bytes
                00000000 00000000 00000000
                05000000          # captured length 5
                05000000          # original length 5
                deadbeef 24000000
                """);
        assertFirstPacketFails(file, "captured length 5 does not fit in a block of 36 bytes at byte offset 48");
    }

    @Test
    void rejectsAnOptionThatRunsPastItsBlock() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                01000000          # block type: Interface Description, at offset 28
                1c000000          # block length 28
                0100 0000 00000400  # link type, reserved, snaplen
                0900 6400         # option if_tsresol claiming 100 bytes
                06000000          # 4 bytes of them
                1c000000          # block length
                """);
        assertFirstPacketFails(file, "option 9 of 100 bytes runs past the end of the block at byte offset 28");
    }

    @Test
    void rejectsABadByteOrderMagicInALaterSection() throws IOException {
        byte[] file = Hex.bytes(SECTION_LE, """
                0a0d0d0a          # block type: Section Header, at offset 28
                1c000000          # block length 28
                12345678          # not a byte-order magic
                0100 0000 ffffffffffffffff 1c000000
                """);
        assertFirstPacketFails(file, "bad byte-order magic 0x12345678 in section header at byte offset 28");
    }

    @Test
    void rejectsAnUnsupportedMajorVersion() {
        byte[] file = Hex.bytes("""
                0a0d0d0a 1c000000 4d3c2b1a  # block type, length, byte-order magic
                0200 0000         # version 2.0
                ffffffffffffffff 1c000000
                """);
        assertThatThrownBy(() -> InMemory.open("v2.pcapng", file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("v2.pcapng: unsupported pcapng version 2.0 at byte offset 0");
    }

    private static void assertFirstPacketFails(byte[] file, String problemAndOffset) throws IOException {
        try (PacketSource source = InMemory.open("bad.pcapng", file)) {
            assertThatThrownBy(() -> source.next(new RawPacket()))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessage("bad.pcapng: " + problemAndOffset);
        }
    }
}
