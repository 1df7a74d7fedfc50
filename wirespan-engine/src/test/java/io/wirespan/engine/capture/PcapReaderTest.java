package io.wirespan.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.engine.testing.Hex;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapReaderTest {

    /** The two frames every file of {@link #bothMagicsInBothByteOrders} holds. */
    private static final List<Frame> TWO_FRAMES = List.of(
            new Frame(1_611_512_736_123_456L, 4, 4, 1, 0, "deadbeef"),
            new Frame(1_611_512_737_000_000L, 2, 60, 1, 0, "cafe"));

    private static final String MICROSECONDS_LITTLE_ENDIAN = """
            d4c3b2a1  # magic: microseconds, written little-endian
            0200 0400 # version 2.4
            00000000  # thiszone
            00000000  # sigfigs
            ffff0000  # snaplen 65535
            01000000  # link type 1: Ethernet
            a0bb0d60  # record 1: seconds 1611512736
            40e20100  #   microseconds 123456
            04000000  #   captured length 4
            04000000  #   original length 4
            deadbeef  #   frame
            a1bb0d60  # record 2: seconds 1611512737
            00000000  #   microseconds 0
            02000000  #   captured length 2
            3c000000  #   original length 60
            cafe      #   frame
            """;

    private static final String MICROSECONDS_BIG_ENDIAN = """
            a1b2c3d4  # magic: microseconds, written big-endian
            0002 0004 # version 2.4
            00000000  # thiszone
            00000000  # sigfigs
            0000ffff  # snaplen 65535
            00000001  # link type 1: Ethernet
            600dbba0  # record 1: seconds 1611512736
            0001e240  #   microseconds 123456
            00000004  #   captured length 4
            00000004  #   original length 4
            deadbeef  #   frame
            600dbba1  # record 2: seconds 1611512737
            00000000  #   microseconds 0
            00000002  #   captured length 2
            0000003c  #   original length 60
            cafe      #   frame
            """;

    private static final String NANOSECONDS_LITTLE_ENDIAN = """
            4d3cb2a1  # magic: nanoseconds, written little-endian
            0200 0400 # version 2.4
            00000000  # thiszone
            00000000  # sigfigs
            ffff0000  # snaplen 65535
            01000000  # link type 1: Ethernet
            a0bb0d60  # record 1: seconds 1611512736
            15cd5b07  #   nanoseconds 123456789
            04000000  #   captured length 4
            04000000  #   original length 4
            deadbeef  #   frame
            a1bb0d60  # record 2: seconds 1611512737
            e7030000  #   nanoseconds 999: under a microsecond
            02000000  #   captured length 2
            3c000000  #   original length 60
            cafe      #   frame
            """;

    private static final String NANOSECONDS_BIG_ENDIAN = """
            a1b23c4d  # magic: nanoseconds, written big-endian
            0002 0004 # version 2.4
            00000000  # thiszone
            00000000  # sigfigs
            0000ffff  # snaplen 65535
            00000001  # link type 1: Ethernet
            600dbba0  # record 1: seconds 1611512736
            075bcd15  #   nanoseconds 123456789
            00000004  #   captured length 4
            00000004  #   original length 4
            deadbeef  #   frame
            600dbba1  # record 2: seconds 1611512737
            000003e7  #   nanoseconds 999: under a microsecond
            00000002  #   captured length 2
            0000003c  #   original length 60
            cafe      #   frame
            """;

    static Stream<Arguments> bothMagicsInBothByteOrders() {
        return Stream.of(
                Arguments.of("microseconds, little-endian", MICROSECONDS_LITTLE_ENDIAN),
                Arguments.of("microseconds, big-endian", MICROSECONDS_BIG_ENDIAN),
                Arguments.of("nanoseconds, little-endian", NANOSECONDS_LITTLE_ENDIAN),
                Arguments.of("nanoseconds, big-endian", NANOSECONDS_BIG_ENDIAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothMagicsInBothByteOrders")
    void readsBothMagicsInBothByteOrders(String variant, String file) throws IOException {
        try (PacketSource source = InMemory.open("test.pcap", Hex.bytes(file))) {
            assertThat(source).isInstanceOf(PcapReader.class);
            assertThat(Frame.readAll(source)).isEqualTo(TWO_FRAMES);
            assertThat(source.position()).isEqualTo(source.size()).isEqualTo(62);
        }
    }

    @Test
    void readsHeaderFieldsOfBigEndianNanosecondFile() throws IOException {
        try (PcapReader reader = new PcapReader("test.pcap", InMemory.channel(Hex.bytes(NANOSECONDS_BIG_ENDIAN)), -1)) {
            assertThat(reader.linkType()).isEqualTo(1);
            assertThat(reader.snapLength()).isEqualTo(65535);
            assertThat(reader.nanosecondTimestamps()).isTrue();
            assertThat(reader.size()).isEqualTo(-1);
        }
    }

    @Test
    void returnsFramesCutBySnaplenWithBothLengths() throws IOException {
        byte[] file = Hex.bytes("""
                d4c3b2a1 0200 0400 00000000 00000000  # magic, version, thiszone, sigfigs
                08000000  # snaplen 8
                71000000  # link type 113: Linux cooked capture
                01000000  # seconds 1
                02000000  #   microseconds 2
                08000000  #   captured length 8: the snaplen
                ea050000  #   original length 1514
                0001020304050607
                """);
        try (PacketSource source = InMemory.open("cut.pcap", file)) {
            assertThat(Frame.readAll(source)).containsExactly(new Frame(1_000_002, 8, 1514, 113, 0, "0001020304050607"));
        }
    }

    @Test
    void ignoresFcsBitsAboveTheLinkType() throws IOException {
        byte[] file = Hex.bytes("""
                d4c3b2a1 0200 0400 00000000 00000000 ffff0000  # magic .. snaplen
                01000014  # link type 1; F bit and an FCS length of 1 (16-bit words) in the top bits
                """);
        try (PcapReader reader = (PcapReader) InMemory.open("fcs.pcap", file)) {
            assertThat(reader.linkType()).isEqualTo(1);
        }
    }

    @Test
    void readsModifiedPcapWithLongerRecordHeaders() throws IOException {
        byte[] file = Hex.bytes("""
                34cdb2a1  # magic: modified pcap (Kuznetsov), little-endian
                0200 0400 00000000 00000000 ffff0000 01000000  # version .. link type
                05000000  # seconds 5
                06000000  #   microseconds 6
                02000000  #   captured length 2
                02000000  #   original length 2
                03000000  #   interface index 3
                0008      #   protocol 0x0800
                00        #   packet type
                00        #   padding
                abcd      #   frame
                """);
        try (PacketSource source = InMemory.open("modified.pcap", file)) {
            assertThat(Frame.readAll(source)).containsExactly(new Frame(5_000_006, 2, 2, 1, 0, "abcd"));
        }
    }

    @Test
    void endsCleanlyAfterAHeaderOnlyFile() throws IOException {
        byte[] file = Hex.bytes("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000");
        try (PacketSource source = InMemory.open("empty.pcap", file)) {
            assertThat(source.next(new RawPacket())).isFalse();
            assertThat(source.position()).isEqualTo(24);
        }
    }

    @Test
    void returnsPacketsBeforeATruncatedRecordThenNamesItsOffset() throws IOException {
        byte[] file = Hex.bytes("""
                d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000  # file header, 24 bytes
                01000000 00000000 04000000 04000000 deadbeef  # record at 24, complete
                02000000 00000000 04000000 04000000 dead      # record at 44: 2 of its 4 bytes
                """);
        try (PacketSource source = InMemory.open("cut.pcap", file)) {
            RawPacket packet = new RawPacket();
            assertThat(source.next(packet)).isTrue();
            assertThat(Frame.copyOf(packet).data()).isEqualTo("deadbeef");
            assertThatThrownBy(() -> source.next(packet))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessage("cut.pcap: truncated packet record (needs 20 bytes, 18 left) at byte offset 44")
                    .extracting(e -> ((CaptureFormatException) e).offset()).isEqualTo(44L);
            assertThatThrownBy(() -> source.next(packet))
                    .as("the damage is reported again, never read past")
                    .isInstanceOf(CaptureFormatException.class).hasMessageContaining("offset 44");
        }
    }

    @Test
    void namesATruncatedRecordHeader() throws IOException {
        byte[] file = Hex.bytes("""
                d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000  # file header
                01000000 000000  # 7 bytes of a 16-byte record header
                """);
        try (PacketSource source = InMemory.open("short.pcap", file)) {
            assertThatThrownBy(() -> source.next(new RawPacket()))
                    .hasMessage("short.pcap: truncated record header (needs 16 bytes, 7 left) at byte offset 24");
        }
    }

    @Test
    void rejectsAHostileCapturedLengthWithoutAllocatingIt() throws IOException {
        byte[] file = Hex.bytes("""
                d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000  # file header, snaplen 65535
                01000000 00000000  # timestamp
                ffffffff           # captured length 4 GiB
                ffffffff           # original length 4 GiB
                """);
        try (PacketSource source = InMemory.open("hostile.pcap", file)) {
            assertThatThrownBy(() -> source.next(new RawPacket()))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessage("hostile.pcap: packet record claims 4294967295 captured bytes (limit 262144)"
                            + " at byte offset 24");
        }
    }

    @Test
    void reportsATruncatedFileHeader() {
        byte[] file = Hex.bytes("d4c3b2a1 0200 0400 0000");
        assertThatThrownBy(() -> InMemory.open("stub.pcap", file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("stub.pcap: truncated file header (needs 24 bytes, 10 left) at byte offset 0");
    }

    @Test
    void viewsFramesInPlaceInOneReusedBuffer() throws IOException {
        try (PacketSource source = InMemory.open("test.pcap", Hex.bytes(MICROSECONDS_LITTLE_ENDIAN))) {
            RawPacket packet = new RawPacket();
            assertThat(source.next(packet)).isTrue();
            byte[] first = packet.data();
            assertThat(packet.offset()).isEqualTo(24 + 16);
            assertThat(source.next(packet)).isTrue();
            assertThat(packet.data()).isSameAs(first);
            assertThat(packet.offset()).isEqualTo(24 + 16 + 4 + 16);
        }
    }
}
