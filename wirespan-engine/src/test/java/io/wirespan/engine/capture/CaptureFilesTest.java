package io.wirespan.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.engine.testing.Hex;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {
    private static final String PCAP = """
            d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000  # file header
            01000000 02000000 02000000 02000000 cafe                 # one record
            """;
    private static final String PCAPNG = """
            0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000  # Section Header
            01000000 14000000 0100 0000 00000400 14000000                   # Interface Description
            06000000 24000000 00000000 00000000 01000000 02000000 02000000 cafe0000 24000000  # packet
            """;

    @TempDir
    Path dir;

    @Test
    void detectsPcapByItsMagicNotItsName() throws IOException {
        Path file = Files.write(dir.resolve("looks-like.pcapng"), Hex.bytes(PCAP));
        try (PacketSource source = CaptureFiles.open(file)) {
            assertThat(source).isInstanceOf(PcapReader.class);
            assertThat(source.name()).isEqualTo(file.toString());
            assertThat(Frame.readAll(source)).containsExactly(new Frame(1_000_002, 2, 2, 1, 0, "cafe"));
        }
    }

    @Test
    void detectsPcapngByItsMagicNotItsName() throws IOException {
        Path file = Files.write(dir.resolve("looks-like.pcap"), Hex.bytes(PCAPNG));
        try (PacketSource source = CaptureFiles.open(file)) {
            assertThat(source).isInstanceOf(PcapngReader.class);
            assertThat(Frame.readAll(source)).containsExactly(new Frame(1, 2, 2, 1, 0, "cafe"));
        }
    }

    @Test
    void reportsSizeAndPositionOfAFile() throws IOException {
        Path file = Files.write(dir.resolve("one.pcap"), Hex.bytes(PCAP));
        try (PacketSource source = CaptureFiles.open(file)) {
            assertThat(source.size()).isEqualTo(42);
            assertThat(source.position()).isEqualTo(24);
            assertThat(source.next(new RawPacket())).isTrue();
            assertThat(source.position()).isEqualTo(42);
        }
    }

    @Test
    void rejectsAnUnknownMagicNamingIt() throws IOException {
        Path file = Files.write(dir.resolve("program"), Hex.bytes("7f454c46 02010100  # an ELF header"));
        assertThatThrownBy(() -> CaptureFiles.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(file + ": not a pcap or pcapng file (magic 0x7f454c46) at byte offset 0")
                .extracting(e -> ((CaptureFormatException) e).offset()).isEqualTo(0L);
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertThatThrownBy(() -> CaptureFiles.open(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(file + ": empty file at byte offset 0");
    }

    @Test
    void rejectsAFileTooShortForAMagic() {
        assertThatThrownBy(() -> InMemory.open("stub", Hex.bytes("d4c3b2")))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("stub: not a pcap or pcapng file (only 3 bytes) at byte offset 0");
    }

    @Test
    void closesTheChannelWhenOpeningFails() {
        ReadableByteChannel channel = InMemory.channel(Hex.bytes("0a0d0d0a 1c000000 00000000  # no byte-order magic"));
        assertThatThrownBy(() -> CaptureFiles.open("bad.pcapng", channel, 12))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("bad.pcapng: bad byte-order magic 0x00000000 in section header at byte offset 0");
        assertThat(channel.isOpen()).isFalse();
    }
}
