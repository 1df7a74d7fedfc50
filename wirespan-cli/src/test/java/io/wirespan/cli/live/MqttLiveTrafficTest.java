package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.live.MosquittoClients.Packet;
import io.wirespan.cli.live.MosquittoClients.Transcript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real mosquitto broker, real mosquitto_pub and mosquitto_sub (MQTT 3.1, 3.1.1 and 5), captured
 * by tcpdump on lo: every exchange the clients reported (with {@code -d}) is one call log, on the
 * subscriber's side too, where the broker starts the exchanges.
 */
class MqttLiveTrafficTest {
    /** Packet identifiers of exchanges the server starts (mosquitto's deliveries): Wirespan sets this bit in request_id. */
    private static final int SERVER_STARTED = 0x10000;

    @TempDir
    Path temp;

    @Test
    void everyExchangeTheClientsReportedIsOneCallLogWithItsTypeTopicIdAndCode() {
        List<Transcript> transcripts = new ArrayList<>();
        int port, closedPort;
        CallLogs logs;
        try (Mosquitto mosquitto = Mosquitto.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("mqtt.pcap"),
                     "tcp port " + mosquitto.openPort() + " or tcp port " + mosquitto.closedPort())) {
            port = mosquitto.openPort();
            closedPort = mosquitto.closedPort();
            MosquittoClients.Subscriber subscriber =
                    MosquittoClients.subscribe(port, "sub-1", 2, List.of("sensors/#", "alerts/x"), "alerts/x", 3, temp);
            for (int qos = 0; qos <= 2; qos++) {
                transcripts.add(MosquittoClients.publish(port, "pub-q" + qos, 311, qos, "sensors/t" + qos, "hello " + qos));
            }
            transcripts.add(MosquittoClients.publish(port, "pub-v5", 5, 1, "other/v5", "no one listens"));
            transcripts.add(MosquittoClients.publish(port, "pub-v31", 31, 1, "other/v31", "old"));
            transcripts.add(MosquittoClients.publish(closedPort, "pub-anonymous", 311, 1, "sensors/t9", "refused"));
            transcripts.add(subscriber.await());
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        assertThat(transcripts).extracting(Transcript::exitCode).containsExactly(0, 0, 0, 0, 0, 5, 0);
        SoftAssertions softly = new SoftAssertions();
        int total = 0;
        for (Transcript t : transcripts) {
            List<Expected> expected = expected(t, t.clientId().equals("pub-anonymous") ? closedPort : port);
            total += expected.size();
            CallLogs.Log connect = logs.only("CONNECT of " + t.clientId(), l -> t.clientId().equals(l.get("request_domain")));
            List<CallLogs.Log> connection = logs.where(l -> connect.get("client_port").equals(l.get("client_port")));
            softly.assertThat(connection).as("call logs of " + t.clientId() + ":\n" + t.output() + "\n" + logs.dump())
                    .hasSize(expected.size());
            for (int i = 0; i < Math.min(connection.size(), expected.size()); i++) {
                var fields = expected.get(i).fields();
                softly.assertThat(connection.get(i).fields(fields.keySet())).as(t.clientId() + "\n" + connection.get(i).line())
                        .isEqualTo(fields);
            }
        }
        softly.assertThat(logs.all()).as("call logs besides the clients' exchanges:\n" + logs.dump()).hasSize(total);
        // a QoS 0 PUBLISH has no answer, and nothing answers a DISCONNECT
        logs.assertTimed(softly, l -> "session".equals(l.get("type")) && !"DISCONNECT".equals(l.get("request_type")));
        softly.assertAll();
    }

    /**
     * The call logs of one client's packets, in the order their exchanges start, by DeepFlow's roles:
     * CONNECT, SUBSCRIBE, UNSUBSCRIBE, PUBREL and PUBLISH at QoS 1 or 2 are requests, answered by
     * CONNACK, SUBACK, UNSUBACK, PUBCOMP and PUBACK or PUBREC; a QoS 0 PUBLISH is a response alone;
     * DISCONNECT is a whole exchange.
     */
    private static List<Expected> expected(Transcript t, int serverPort) {
        List<Expected> out = new ArrayList<>();
        List<Packet> packets = t.packets();
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            int id = p.sent() ? p.id() : SERVER_STARTED | p.id();
            Expected e = new Expected()
                    .put("protocol", "TCP").put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1").put("server_port", serverPort)
                    .put("l7_protocol", 101).put("l7_protocol_str", "MQTT").put("version", t.version())
                    .put("request_type", p.type());
            switch (p.type()) {
                case "CONNECT" -> {
                    int code = answer(packets, i, "CONNACK").code();
                    out.add(e.put("type", "session").put("request_domain", t.clientId()).put("response_code", code)
                            .put("response_status", switch (code) {
                                case 0 -> "ok";
                                case 3 -> "server_error";
                                default -> "client_error";
                            }));
                }
                case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                    answer(packets, i, p.type().replace("SCRIBE", "ACK"));
                    out.add(e.put("type", "session").put("request_id", id).put("request_resource", p.topics())
                            .put("endpoint", p.topics()).put("response_status", "ok"));
                }
                case "PUBLISH" -> {
                    e.put("request_resource", p.topics()).put("endpoint", p.topics());
                    if (p.qos() == 0) {
                        out.add(e.put("type", "response").put("request_id", 0).put("response_status", "ok"));
                    } else {
                        int code = answer(packets, i, p.qos() == 1 ? "PUBACK" : "PUBREC").code();
                        out.add(e.put("type", "session").put("request_id", id).put("response_status", code >= 0x80 ? "client_error" : "ok")
                                .put("response_code", code >= 0x80 ? code : null));
                    }
                }
                case "PUBREL" -> {
                    answer(packets, i, "PUBCOMP");
                    out.add(e.put("type", "session").put("request_id", id).put("response_status", "ok"));
                }
                case "DISCONNECT" -> out.add(e.put("type", "session").put("response_status", "ok"));
                default -> { } // the answers, part of the exchanges above
            }
        }
        return out;
    }

    /** The packet answering packets[i]: the next one of {@code type} going the other way, with the same identifier. */
    private static Packet answer(List<Packet> packets, int i, String type) {
        Packet request = packets.get(i);
        for (int k = i + 1; k < packets.size(); k++) {
            Packet p = packets.get(k);
            if (p.type().equals(type) && p.sent() != request.sent() && (p.id() == request.id() || p.id() == 0)) return p;
        }
        throw new AssertionError("no " + type + " answered " + request + " in " + packets);
    }
}
