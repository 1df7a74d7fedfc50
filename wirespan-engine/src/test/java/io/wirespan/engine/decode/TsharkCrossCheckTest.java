package io.wirespan.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.PacketDecoder.Outcome;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.CapturePackets.TimedFrame;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes whole captures and compares, frame by frame, the 5-tuple, TCP sequence number and L4
 * payload length with what tshark reports (with IP reassembly on, so a datagram shows up on its
 * last fragment). tshark and mergecap must be installed: their absence fails the test.
 */
class TsharkCrossCheckTest {
    private static final DecodeConfig ALL_TUNNELS = new DecodeConfig(
            EnumSet.allOf(TunnelProtocol.class), Set.of(4789), 3, 1024, 4 << 20, Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    @Test
    void agreesWithTsharkOnTheWholeDeepflowCorpus() throws Exception {
        List<Path> pcaps = Corpus.allPcaps();
        // One tshark run over the concatenation is much faster than one per file.
        Path merged = tmp.resolve("corpus.pcap");
        List<String> mergecap = new ArrayList<>(List.of("-a", "-F", "pcap", "-w", merged.toString()));
        for (Path p : pcaps) mergecap.add(p.toString());
        Tools.mergecap(mergecap.toArray(String[]::new));

        List<String> ours = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder(ALL_TUNNELS);
        for (Path pcap : pcaps) {
            CapturePackets.forEachFrame(pcap, frame -> ours.add(describe(decoder, frame)));
        }
        List<String> theirs = tshark(merged);
        assertThat(ours).hasSameSizeAs(theirs);
        assertThat(ours).containsExactlyElementsOf(theirs);
        assertThat(decoder.stats().datagramsReassembled()).as("ip-fragment.pcap").isEqualTo(6);
        assertThat(decoder.stats().packets()).isGreaterThan(2500);
    }

    @Test
    void agreesWithTsharkOnTheHandMadeSamples() throws Exception {
        Map<Integer, List<Samples.Sample>> byLinkType = new LinkedHashMap<>();
        for (Samples.Sample s : Samples.all()) byLinkType.computeIfAbsent(s.linkType(), k -> new ArrayList<>()).add(s);
        for (var entry : byLinkType.entrySet()) {
            Path file = tmp.resolve("samples-" + entry.getKey() + ".pcap");
            List<Samples.Sample> samples = entry.getValue();
            CapturePackets.writePcap(file, entry.getKey(), IntStream.range(0, samples.size())
                    .mapToObj(i -> new TimedFrame(i * 1_000_000L, samples.get(i).frame())) // frame i at i seconds
                    .toList());
            List<String> ours = new ArrayList<>();
            PacketDecoder decoder = new PacketDecoder(ALL_TUNNELS);
            CapturePackets.forEachFrame(file, frame -> ours.add(describe(decoder, frame)));
            assertThat(ours).as("link type %d", entry.getKey())
                    .doesNotContain("-")
                    .containsExactlyElementsOf(tshark(file));
        }
    }

    private static String describe(PacketDecoder decoder, RawPacket f) {
        DecodedPacket p = new DecodedPacket();
        Outcome outcome = decoder.decode(f, p);
        if (outcome != Outcome.PACKET) return "-";
        String src = IpAddress.format(p.srcHi(), p.srcLo());
        String dst = IpAddress.format(p.dstHi(), p.dstLo());
        // tshark believes the IP length only as far as the frame's reported (wire) length goes; some
        // corpus files were cut without saying so (xiangdao-retrans.pcap), where we keep the IP length.
        int l4Length = p.payloadLength() + Math.max(0, Math.min(p.missingBytes(), f.originalLength() - f.capturedLength()));
        return p.l4Protocol() == DecodedPacket.TCP
                ? "tcp " + src + ":" + p.srcPort() + " > " + dst + ":" + p.dstPort() + " seq " + Integer.toUnsignedString(p.seq()) + " len " + l4Length
                : "udp " + src + ":" + p.srcPort() + " > " + dst + ":" + p.dstPort() + " len " + l4Length;
    }

    private static List<String> tshark(Path pcap) {
        List<String> lines = Tools.tshark("-n", "-r", pcap.toString(), "-o", "ip.defragment:TRUE",
                "-o", "ipv6.defragment:TRUE", "-T", "fields", "-E", "occurrence=l", "-E", "separator=/t",
                "-e", "frame.protocols", "-e", "ip.src", "-e", "ip.dst", "-e", "ipv6.src", "-e", "ipv6.dst",
                "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.seq_raw", "-e", "tcp.len",
                "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.length").lines().toList();
        List<String> described = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            List<String> layers = List.of(f[0].split(":"));
            int l4 = Math.max(layers.lastIndexOf("tcp"), layers.lastIndexOf("udp"));
            if (l4 < 0 || layers.contains("icmp") || layers.contains("icmpv6")) {
                described.add("-");
                continue;
            }
            boolean v6 = layers.subList(0, l4).lastIndexOf("ipv6") > layers.subList(0, l4).lastIndexOf("ip");
            String src = v6 ? f[3] : f[1];
            String dst = v6 ? f[4] : f[2];
            described.add(layers.get(l4).equals("tcp")
                    ? "tcp " + src + ":" + f[5] + " > " + dst + ":" + f[6] + " seq " + f[7] + " len " + f[8]
                    : "udp " + src + ":" + f[9] + " > " + dst + ":" + f[10] + " len " + (Integer.parseInt(f[11]) - 8));
        }
        return described;
    }
}
