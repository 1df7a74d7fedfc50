package io.wirespan.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.testing.CapturePackets.TimedFrame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared capture helpers read and write through the real reader, decoder and writer. */
class CapturePacketsTest {
    /** http.pcap: 13 whole Ethernet frames, one HTTP exchange; payloads 73, 4344 and 729 bytes. */
    private static final String CAPTURE = "http.pcap";

    @TempDir
    Path dir;

    @Test
    void decodedPacketsAreCopiesThatOutliveTheReusedViews() {
        List<DecodedPacket> packets = CapturePackets.decode(Corpus.file(CAPTURE));

        // The same facts, taken from the decoder's reused view while it is still valid.
        List<String> streamed = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket view = new DecodedPacket();
        CapturePackets.forEachFrame(Corpus.file(CAPTURE), frame -> {
            if (decoder.decode(frame, view) == PacketDecoder.Outcome.PACKET) {
                streamed.add(describe(view));
            }
        });
        assertThat(packets).hasSize(13);
        assertThat(packets.stream().map(CapturePacketsTest::describe).toList()).isEqualTo(streamed);
        assertThat(packets).extracting(DecodedPacket::payloadLength).filteredOn(n -> n > 0).containsExactly(73, 4344, 729);
        DecodedPacket request = packets.get(3);
        assertThat(new String(request.payload(), request.payloadOffset(), request.payloadLength(), StandardCharsets.ISO_8859_1))
                .startsWith("GET / HTTP/1.1\r\n");
        assertThat(request.payloadOffset()).as("a copy holds just its payload").isZero();
        assertThat(request.payload()).hasSize(73);
    }

    @Test
    void writtenPcapReadsBackFrameForFrameAndToolsAgree() {
        List<TimedFrame> original = new ArrayList<>();
        CapturePackets.forEachFrame(Corpus.file(CAPTURE), frame -> original.add(copy(frame)));
        Path written = dir.resolve("rewritten.pcap");
        CapturePackets.writePcap(written, 1, original);

        List<TimedFrame> reread = new ArrayList<>();
        List<Integer> linkTypes = new ArrayList<>();
        CapturePackets.forEachFrame(written, frame -> {
            reread.add(copy(frame));
            linkTypes.add(frame.linkType());
        });
        assertThat(reread).hasSize(13);
        assertThat(linkTypes).containsOnly(1);
        for (int i = 0; i < original.size(); i++) {
            assertThat(reread.get(i).timestampMicros()).isEqualTo(original.get(i).timestampMicros());
            assertThat(reread.get(i).data()).as("frame %d", i).isEqualTo(original.get(i).data());
        }
        assertThat(Tools.capinfos("-c", "-M", written.toString())).containsPattern("Number of packets:\\s+13\\b");
        assertThat(Tools.tshark("-r", written.toString(), "-T", "fields", "-e", "tcp.len").lines().toList())
                .isEqualTo(Tools.tshark("-r", Corpus.file(CAPTURE).toString(), "-T", "fields", "-e", "tcp.len").lines().toList());
    }

    private static TimedFrame copy(RawPacket frame) {
        return new TimedFrame(frame.timestampMicros(),
                Arrays.copyOfRange(frame.data(), frame.offset(), frame.offset() + frame.capturedLength()));
    }

    private static String describe(DecodedPacket p) {
        return p.timestampMicros() + " " + p.ipVersion() + " " + p.srcHi() + "/" + p.srcLo() + ":" + p.srcPort()
                + " > " + p.dstHi() + "/" + p.dstLo() + ":" + p.dstPort() + " proto " + p.l4Protocol()
                + " flags " + p.tcpFlags() + " seq " + p.seq() + " ack " + p.ack() + " win " + p.window()
                + " wire " + p.wireLength() + " tunnel " + p.tunnelId() + " missing " + p.missingBytes()
                + " payload " + HexFormat.of().formatHex(p.payload(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }
}
