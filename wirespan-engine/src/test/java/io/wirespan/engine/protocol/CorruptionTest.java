package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.PcapWriter;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.sink.CallLogJson;
import io.wirespan.engine.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus capture, damaged at random, through the whole path (decoder, flows, reassembly,
 * inference, parsers, sessions). Damage confined to L7 payloads must leave the call logs of flows
 * whose packets were untouched exactly as they were; damage anywhere in the frames must only ever
 * cost data, never an exception.
 */
class CorruptionTest {
    private record Frame(long timestampMicros, int linkType, byte[] bytes, int originalLength) {}

    static List<Path> captures() {
        return Corpus.allPcaps();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void payloadDamageLeavesOtherFlowsCallLogsUnchanged(Path capture) throws IOException {
        List<Frame> frames = read(capture);
        Random random = new Random(capture.getFileName().toString().hashCode());
        Set<String> damagedFlows = new HashSet<>();
        List<Frame> damaged = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket packet = new DecodedPacket();
        RawPacket raw = new RawPacket();
        for (Frame f : frames) {
            byte[] copy = f.bytes().clone();
            raw.set(copy, 0, copy.length, f.originalLength(), f.timestampMicros(), f.linkType(), 0);
            if (random.nextInt(4) == 0 && decoder.decode(raw, packet) == PacketDecoder.Outcome.PACKET
                    && packet.payload() == copy && packet.payloadLength() > 0) {
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    copy[packet.payloadOffset() + random.nextInt(packet.payloadLength())] = (byte) random.nextInt(256);
                }
                damagedFlows.add(flowKey(packet));
            }
            damaged.add(new Frame(f.timestampMicros(), f.linkType(), copy, f.originalLength()));
        }

        TreeMap<String, List<String>> before = callLogsByFlow(frames);
        TreeMap<String, List<String>> after = callLogsByFlow(damaged);
        before.keySet().removeAll(damagedFlows);
        after.keySet().removeAll(damagedFlows);
        assertThat(after).as(capture + " with payloads damaged in " + damagedFlows).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void damageAnywhereNeverEscapes(Path capture) throws IOException {
        List<Frame> frames = read(capture);
        Random random = new Random(~capture.getFileName().toString().hashCode());
        List<Frame> damaged = new ArrayList<>();
        for (Frame f : frames) {
            byte[] copy = f.bytes().clone();
            if (copy.length > 0 && random.nextInt(3) == 0) {
                for (int n = 1 + random.nextInt(6); n > 0; n--) copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            damaged.add(new Frame(f.timestampMicros(), f.linkType(), copy, f.originalLength()));
        }
        callLogsByFlow(damaged); // any exception fails the test
    }

    private static List<Frame> read(Path capture) throws IOException {
        List<Frame> frames = new ArrayList<>();
        RawPacket p = new RawPacket();
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.next(p)) {
                byte[] bytes = new byte[p.capturedLength()];
                System.arraycopy(p.data(), p.offset(), bytes, 0, bytes.length);
                frames.add(new Frame(p.timestampMicros(), p.linkType(), bytes, p.originalLength()));
            }
        }
        return frames;
    }

    /** The call logs of a run, as JSON text, per flow (its endpoints in a fixed order). */
    private static TreeMap<String, List<String>> callLogsByFlow(List<Frame> frames) throws IOException {
        TreeMap<String, List<String>> byFlow = new TreeMap<>();
        L7Engine engine = L7Engine.create(Config.defaults(), (CallLog log) -> byFlow
                .computeIfAbsent(flowKey(log.ip0(), log.clientPort(), log.ip1(), log.serverPort(), log.protocol()), k -> new ArrayList<>())
                .add(withoutFlowId(log)));
        Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, engine);
        int linkType = frames.isEmpty() ? 1 : frames.get(0).linkType();
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(pcap, linkType, 262144)) {
            for (Frame f : frames) writer.write(f.timestampMicros(), f.bytes(), 0, f.bytes().length, f.originalLength());
        }
        byte[] bytes = pcap.toByteArray();
        try (PacketSource source = CaptureFiles.open("damaged", Channels.newChannel(new ByteArrayInputStream(bytes)), bytes.length)) {
            pipeline.run(source, position -> {});
        }
        engine.flush();
        return byFlow;
    }

    /** Flow ids count flows in arrival order, which damage elsewhere may shift. */
    private static String withoutFlowId(CallLog log) {
        return CallLogJson.toJson(log).replaceFirst("\"flow_id\":\\d+,", "");
    }

    private static String flowKey(DecodedPacket p) {
        return flowKey(IpAddress.format(p.srcHi(), p.srcLo()), p.srcPort(), IpAddress.format(p.dstHi(), p.dstLo()), p.dstPort(),
                p.l4Protocol() == DecodedPacket.TCP ? "TCP" : "UDP");
    }

    private static String flowKey(String ipA, int portA, String ipB, int portB, String transport) {
        String a = ipA + ":" + portA, b = ipB + ":" + portB;
        return (a.compareTo(b) < 0 ? a + "<->" + b : b + "<->" + a) + "/" + transport;
    }
}
