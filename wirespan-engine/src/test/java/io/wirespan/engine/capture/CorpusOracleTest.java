package io.wirespan.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Tools;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame's lengths, timestamp, interface and bytes (as an MD5) must equal what tshark reports,
 * on corpus captures and on pcapng files the tests make from them with editcap and mergecap.
 */
class CorpusOracleTest {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;

    /** What tshark says about one frame. {@code interfaceId} is 0 for pcap files. */
    record TsharkFrame(int originalLength, int capturedLength, long timestampMicros, int interfaceId, String md5) {}

    @TempDir
    Path dir;

    static Stream<String> corpusCaptures() throws IOException {
        List<String> captures = new ArrayList<>(List.of(
                "http.pcap",
                "tcp-segment.pcap",
                "ip-fragment.pcap",
                "http/grpc-unary.pcap",
                "kafka/01-fetch-v12-unknown.pcap", // nanosecond pcap
                "nats/nats-nrpc1.pcap", // modified pcap, 24-byte record headers
                "openwire/openwire_tight_consumer.pcap")); // snaplen 524288
        try (Stream<Path> mysql = Files.list(Corpus.root().resolve("mysql"))) {
            mysql.map(path -> "mysql/" + path.getFileName())
                    .filter(name -> name.endsWith(".pcap"))
                    .sorted()
                    .forEach(captures::add);
        }
        return captures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCaptures")
    void matchesTsharkOnCorpusCapture(String relative) throws IOException {
        Path capture = Corpus.file(relative);
        List<TsharkFrame> expected = tsharkFrames(capture);
        assertThat(expected).isNotEmpty();
        try (PacketSource source = CaptureFiles.open(capture)) {
            assertThat(source).isInstanceOf(PcapReader.class);
            assertThat(read(source, LINKTYPE_ETHERNET)).isEqualTo(expected);
            assertThat(source.position()).isEqualTo(source.size()).isEqualTo(Files.size(capture));
        }
    }

    @Test
    void readsMicrosecondPcapngWrittenByEditcap() throws IOException {
        Path source = Corpus.file("http.pcap");
        Path pcapng = dir.resolve("http.pcapng");
        Tools.editcap("-F", "pcapng", source.toString(), pcapng.toString());

        try (PacketSource reader = CaptureFiles.open(pcapng)) {
            assertThat(reader).isInstanceOf(PcapngReader.class);
            assertThat(read(reader, LINKTYPE_ETHERNET)).isEqualTo(tsharkFrames(source));
        }
    }

    @Test
    void readsNanosecondPcapngWrittenByEditcap() throws IOException {
        Path source = Corpus.file("http/grpc-unary.pcap");
        Path nanosecondPcap = dir.resolve("grpc-unary.ns.pcap");
        Path pcapng = dir.resolve("grpc-unary.ns.pcapng");
        Tools.editcap("-F", "nsecpcap", source.toString(), nanosecondPcap.toString());
        Tools.editcap("-F", "pcapng", nanosecondPcap.toString(), pcapng.toString());
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(pcapng)))
                .as("the interface says if_tsresol = 9")
                .contains("0900" + "0100" + "09000000");

        try (PacketSource reader = CaptureFiles.open(nanosecondPcap)) {
            assertThat(((PcapReader) reader).nanosecondTimestamps()).isTrue();
            assertThat(read(reader, LINKTYPE_ETHERNET)).isEqualTo(tsharkFrames(source));
        }
        try (PacketSource reader = CaptureFiles.open(pcapng)) {
            assertThat(read(reader, LINKTYPE_ETHERNET)).isEqualTo(tsharkFrames(source));
        }
    }

    @Test
    void readsMergedPcapngWhoseInterfacesHaveDifferentLinkTypesAndResolutions() throws IOException {
        Path merged = mergedCapture();
        List<TsharkFrame> expected = tsharkFrames(merged);
        List<Frame> frames;
        try (PacketSource reader = CaptureFiles.open(merged)) {
            frames = Frame.readAll(reader);
        }
        try (PacketSource reader = CaptureFiles.open(merged)) {
            assertThat(read(reader, -1)).isEqualTo(expected);
        }
        assertThat(frames).extracting(Frame::interfaceId).containsOnly(0, 1, 2);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.linkType())
                .isEqualTo(frame.interfaceId() == 1 ? LINKTYPE_LINUX_SLL : LINKTYPE_ETHERNET));

        // mergecap interleaves by time but keeps each input's order: interface i is input i.
        assertThat(framesOf(expected, 0)).isEqualTo(tsharkFrames(Corpus.file("http.pcap")));
        assertThat(framesOf(expected, 1)).isEqualTo(tsharkFrames(Corpus.file("tcp-segment.pcap")));
        assertThat(framesOf(expected, 2)).isEqualTo(tsharkFrames(Corpus.file("http/grpc-unary.pcap")));
    }

    @Test
    void readsBigEndianPcapngMadeBySwappingAMergedOne() throws IOException {
        Path merged = mergedCapture();
        Path bigEndian = dir.resolve("merged.be.pcapng");
        Files.write(bigEndian, BigEndianPcapng.from(Files.readAllBytes(merged)));
        List<TsharkFrame> expected = tsharkFrames(merged);
        assertThat(tsharkFrames(bigEndian)).as("tshark reads the swapped file alike").isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(bigEndian), 8, 12)).isEqualTo("1a2b3c4d");

        try (PacketSource reader = CaptureFiles.open(bigEndian)) {
            assertThat(read(reader, -1)).isEqualTo(expected);
        }
    }

    @Test
    void matchesTsharkOnEveryBlockKindItReads() throws Exception {
        // Hand-made: three interfaces (µs, ns, 2^-20 s with an offset), Enhanced, Simple and
        // obsolete Packet Blocks, blocks to skip, and a second, big-endian section.
        Path crafted = Path.of(getClass().getResource("CaptureReadersFuzzTestInputs/crafted-all-blocks.pcapng").toURI());
        List<TsharkFrame> expected = tsharkFrames(crafted);
        assertThat(expected).hasSize(6);
        try (PacketSource reader = CaptureFiles.open(crafted)) {
            assertThat(read(reader, -1)).isEqualTo(expected);
        }
    }

    /** Ethernet in microseconds, Linux cooked capture in microseconds, Ethernet in nanoseconds. */
    private Path mergedCapture() {
        Path cooked = dir.resolve("tcp-segment.sll.pcap");
        Path nanosecond = dir.resolve("grpc-unary.ns.pcap");
        Path merged = dir.resolve("merged.pcapng");
        // -T relabels the frames without changing a byte: fine for a reader, which never looks inside.
        Tools.editcap("-T", "linux-sll", Corpus.file("tcp-segment.pcap").toString(), cooked.toString());
        Tools.editcap("-F", "nsecpcap", Corpus.file("http/grpc-unary.pcap").toString(), nanosecond.toString());
        Tools.mergecap("-F", "pcapng", "-w", merged.toString(),
                Corpus.file("http.pcap").toString(), cooked.toString(), nanosecond.toString());
        return merged;
    }

    /** tshark's view of every frame of a capture: the oracle. */
    private static List<TsharkFrame> tsharkFrames(Path capture) {
        String output = Tools.tshark("-n", "-o", "frame.generate_md5_hash:TRUE", "-r", capture.toString(),
                "-T", "fields", "-E", "separator=/t",
                "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch",
                "-e", "frame.interface_id", "-e", "frame.md5_hash");
        List<TsharkFrame> frames = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            frames.add(new TsharkFrame(
                    Integer.parseInt(fields[0]),
                    Integer.parseInt(fields[1]),
                    fields[2].isEmpty() ? 0 : toMicros(fields[2]), // empty for a Simple Packet Block
                    fields[3].isEmpty() ? 0 : Integer.parseInt(fields[3]),
                    fields[4]));
        }
        return frames;
    }

    private static long toMicros(String epochSeconds) {
        return new BigDecimal(epochSeconds).movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static List<TsharkFrame> framesOf(List<TsharkFrame> frames, int interfaceId) {
        return frames.stream()
                .filter(frame -> frame.interfaceId() == interfaceId)
                .map(frame -> new TsharkFrame(frame.originalLength(), frame.capturedLength(),
                        frame.timestampMicros(), 0, frame.md5()))
                .toList();
    }

    /** Our view of a capture in tshark's terms; {@code linkType} is checked on each frame unless -1. */
    private static List<TsharkFrame> read(PacketSource source, int linkType) throws IOException {
        List<TsharkFrame> frames = new ArrayList<>();
        RawPacket packet = new RawPacket();
        MessageDigest md5 = md5();
        while (source.next(packet)) {
            if (linkType >= 0) {
                assertThat(packet.linkType()).isEqualTo(linkType);
            }
            md5.update(packet.data(), packet.offset(), packet.capturedLength());
            frames.add(new TsharkFrame(packet.originalLength(), packet.capturedLength(), packet.timestampMicros(),
                    packet.interfaceId(), HexFormat.of().formatHex(md5.digest())));
        }
        return frames;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
