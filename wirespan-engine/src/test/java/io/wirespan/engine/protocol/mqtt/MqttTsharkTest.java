package io.wirespan.engine.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tshark's MQTT dissector as an independent oracle: for every capture of the corpus's
 * {@code mqtt/} folder (including {@code mqtt_sub.pcap}, which has no expected file), the parser
 * reports the same control packets, in the same order, with the same topics.
 */
class MqttTsharkTest {
    private static final String[] NAMES = {null, "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("mqtt"))) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void reportsThePacketsAndTopicsTsharkDissects(Path pcap) {
        List<String> types = new ArrayList<>(), topics = new ArrayList<>();
        String fields = Tools.tshark("-r", pcap.toString(), "-d", "tcp.port==1883,mqtt", "-Y", "mqtt", "-T", "fields",
                "-e", "mqtt.msgtype", "-e", "mqtt.topic", "-E", "separator=|");
        for (String line : fields.split("\n")) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\\|", -1);
            for (String t : parts[0].split(",")) types.add(NAMES[Integer.parseInt(t.trim())]);
            if (parts.length > 1 && !parts[1].isEmpty()) topics.addAll(List.of(parts[1].split(",")));
        }

        List<String> ourTypes = new ArrayList<>(), ourTopics = new ArrayList<>();
        for (L7Message m : parse(pcap)) {
            ourTypes.add(m.requestType());
            if (m.requestResource() != null) ourTopics.addAll(List.of(m.requestResource().split(",")));
        }
        assertThat(ourTypes).isEqualTo(types);
        assertThat(ourTopics).isEqualTo(topics);
    }

    /** Each TCP flow's payloads, in capture order, through a parser once {@code check} accepts a payload. */
    private static List<L7Message> parse(Path pcap) {
        MqttProtocol protocol = new MqttProtocol();
        Map<String, Object[]> flows = new LinkedHashMap<>(); // flow -> {client, driver}
        List<ParserDriver> drivers = new ArrayList<>();
        for (DecodedPacket p : CapturePackets.decode(pcap)) {
            if (p.payloadLength() == 0 || p.l4Protocol() == DecodedPacket.UDP) continue;
            byte[] payload = new byte[p.payloadLength()];
            System.arraycopy(p.payload(), p.payloadOffset(), payload, 0, payload.length);
            String src = IpAddress.format(p.srcHi(), p.srcLo()) + ":" + p.srcPort();
            String dst = IpAddress.format(p.dstHi(), p.dstLo()) + ":" + p.dstPort();
            String flow = src.compareTo(dst) < 0 ? src + "<->" + dst : dst + "<->" + src;
            Object[] state = flows.get(flow);
            if (state == null) {
                TestContext context = TestContext.tcp();
                CheckResult verdict = protocol.check(Direction.CLIENT_TO_SERVER, payload, 0, payload.length, context);
                if (!verdict.matched()) continue;
                ParserDriver driver = new ParserDriver(protocol.newParser(context), context);
                drivers.add(driver);
                state = new Object[] {verdict == CheckResult.REQUEST ? src : dst, driver};
                flows.put(flow, state);
            }
            Direction direction = src.equals(state[0]) ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            ((ParserDriver) state[1]).feed(direction, payload);
        }
        // The corpus captures hold one MQTT flow each, so flow order is packet order.
        List<L7Message> all = new ArrayList<>();
        for (ParserDriver d : drivers) all.addAll(d.end().messages());
        return all;
    }
}
