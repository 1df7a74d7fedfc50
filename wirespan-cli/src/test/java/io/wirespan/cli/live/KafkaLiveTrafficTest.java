package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.protocol.kafka.KafkaClientsOracle;
import io.wirespan.engine.testing.TcpStreams;
import io.wirespan.wasm.CPlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apache Kafka 4.4 broker (KRaft, its own JVM) and real kafka-clients on lo under tcpdump
 * ({@link KafkaDemo}: create topics, produce, a refused produce, a nonexistent topic, a consumer
 * group that reads, heartbeats, commits and leaves, a refused join). Two things are checked:
 * <ul>
 *   <li>every request in the capture, as Kafka's own client library decodes it, is exactly one
 *       answered call log with its api name, version, correlation id, topic, partition, offset,
 *       group and error code;</li>
 *   <li>the call logs say what the clients did and saw: the offsets the records landed at, the
 *       trace context of the first record, the errors the clients got.</li>
 * </ul>
 */
class KafkaLiveTrafficTest {
    private static final long KAFKA = 100;
    private static final String NOT_INSPECTED = "Type not yet inspected by DeepFlow";

    @TempDir
    Path temp;

    @Test
    void everyRequestOfRealKafkaClientsIsOneAnsweredCallLogWithWhatTheClientsSaw() {
        KafkaDemo.Outcome outcome;
        int port;
        Path pcap;
        CallLogs logs, pluginLogs;
        try (KafkaBroker broker = KafkaBroker.start(temp.resolve("broker"));
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("kafka.pcap"), "tcp port " + broker.port())) {
            port = broker.port();
            outcome = KafkaDemo.run(broker.bootstrap());
            pcap = capture.stop();
            // One worker: the producer names topics by ids learned from a Metadata response on
            // another connection; with several workers that connection may be parsed later.
            logs = CallLogs.parse(pcap, temp, null, 1);
            pluginLogs = CallLogs.parse(pcap, temp, null, 1, List.of("--wasm-plugin", CPlugins.compile("kafka-topic").toString()));
        }

        assertThat(outcome.produced()).hasSize(KafkaDemo.RECORDS);
        assertThat(outcome.consumed()).hasSize(KafkaDemo.RECORDS);
        List<CallLogs.Log> kafka = logs.ofProtocol(KAFKA);
        assertThat(logs.all()).as("only Kafka on the broker's port:\n" + logs.dump()).hasSameSizeAs(kafka);

        SoftAssertions softly = new SoftAssertions();
        TcpStreams streams = TcpStreams.of(pcap);
        KafkaClientsOracle.Decoded oracle = KafkaClientsOracle.decode(streams);
        everyRequestIsOneCallLogAsKafkaClientsDecodeIt(softly, streams, oracle, logs, port);
        thePluginNamesEveryRequestAndTheTopicsOfProduceAndFetch(softly, streams, oracle, pluginLogs);
        whatTheClientsDidAndSaw(softly, outcome, logs);
        logs.assertTimed(softly);
        softly.assertAll();
    }

    /** A request kafka-clients decoded, the answer it found (or null), and the port of the client that sent it. */
    private record Exchange(KafkaClientsOracle.Frame request, KafkaClientsOracle.Frame answer, int clientPort) {}

    private static List<Exchange> exchanges(TcpStreams streams, KafkaClientsOracle.Decoded oracle) {
        Map<Long, Integer> clientPorts = new HashMap<>();
        for (TcpStreams.Stream s : streams.streams()) clientPorts.put(s.flowId(), s.clientPort());
        List<Exchange> exchanges = new ArrayList<>();
        for (Map.Entry<Long, List<KafkaClientsOracle.Frame>> flow : oracle.requests().entrySet()) {
            Map<Integer, KafkaClientsOracle.Frame> answers = new HashMap<>();
            for (KafkaClientsOracle.Frame r : oracle.responses().getOrDefault(flow.getKey(), List.of())) answers.put(r.correlationId(), r);
            for (KafkaClientsOracle.Frame q : flow.getValue()) {
                exchanges.add(new Exchange(q, answers.get(q.correlationId()), clientPorts.get(flow.getKey())));
            }
        }
        return exchanges;
    }

    private static void everyRequestIsOneCallLogAsKafkaClientsDecodeIt(SoftAssertions softly, TcpStreams streams,
            KafkaClientsOracle.Decoded oracle, CallLogs logs, int port) {
        softly.assertThat(oracle.headerOnly()).as("frames kafka-clients could not read").isZero();
        for (TcpStreams.Stream s : streams.streams()) {
            softly.assertThat(s.serverPort()).as("flow " + s.flowId() + " goes to the broker").isEqualTo(port);
            softly.assertThat(s.hadGaps()).as("flow " + s.flowId() + " has gaps").isFalse();
        }
        List<Exchange> exchanges = exchanges(streams, oracle);
        for (Exchange x : exchanges) {
            KafkaClientsOracle.Frame q = x.request(), a = x.answer();
            int clientPort = x.clientPort();
            softly.assertThat(a).as("kafka-clients found no answer to " + q).isNotNull();
            if (a == null) continue;
            Integer code = a.responseCode();
            Expected expected = new Expected()
                    .put("type", "session").put("l7_protocol", KAFKA).put("l7_protocol_str", "Kafka")
                    .put("ip_0", Loopback.ADDRESS).put("ip_1", Loopback.ADDRESS)
                    .put("client_port", clientPort).put("server_port", port)
                    .put("request_type", q.api()).put("version", Integer.toString(q.version()))
                    .put("request_id", q.correlationId())
                    .put("x_request_id_0", Integer.toString(q.correlationId()))
                    .put("x_request_id_1", Integer.toString(q.correlationId()))
                    .put("request_domain", first(q.topic(), a.topic()))
                    .put("endpoint", first(q.endpoint(), a.endpoint()))
                    .put("request_resource", first(q.resource(), a.resource()))
                    .put("attributes", q.groupId() == null ? null : "{\"group_id\":\"" + q.groupId() + "\"}")
                    .put("response_code", code)
                    .put("response_status", code == null || code == 0 || code == -2 ? "ok" : "server_error")
                    .put("response_exception", code == null || code == 0 ? null
                            : code == -2 ? NOT_INSPECTED : Errors.forCode(code.shortValue()).name());
            CallLogs.Log log = logs.only(q.api() + " correlation " + q.correlationId() + " from port " + clientPort,
                    l -> Long.valueOf(clientPort).equals(l.get("client_port"))
                            && Long.valueOf(q.correlationId()).equals(l.get("request_id"))
                            && q.api().equals(l.get("request_type")));
            softly.assertThat(log.fields(expected.fields().keySet())).as(q + "\n" + a + "\n" + log.line())
                    .isEqualTo(expected.fields());
        }
        softly.assertThat(logs.all()).as("one call log per request kafka-clients decoded:\n" + logs.dump())
                .hasSize(exchanges.size());
    }

    /**
     * plugins/examples/kafka-topic, a Wasm plugin built from C, claims the same flows as a protocol
     * of its own: every request kafka-clients decoded is one call log of protocol 127 named Kafka,
     * typed {@code <Api>_v<version>}, paired by correlation id, with the topic as resource for
     * Produce and Fetch (named by id in these versions, which the plugin learns from Metadata).
     */
    private static void thePluginNamesEveryRequestAndTheTopicsOfProduceAndFetch(SoftAssertions softly, TcpStreams streams,
            KafkaClientsOracle.Decoded oracle, CallLogs logs) {
        List<Exchange> exchanges = exchanges(streams, oracle);
        int withTopics = 0;
        for (Exchange x : exchanges) {
            KafkaClientsOracle.Frame q = x.request(), a = x.answer();
            String type = q.api() + "_v" + q.version();
            boolean topical = q.api().equals(ApiKeys.PRODUCE.name) || q.api().equals(ApiKeys.FETCH.name);
            String topic = topical ? first(q.topic(), a == null ? null : a.topic()) : null;
            if (topic != null) withTopics++;
            CallLogs.Log log = logs.only(type + " correlation " + q.correlationId() + " from port " + x.clientPort(),
                    l -> Long.valueOf(x.clientPort()).equals(l.get("client_port"))
                            && Long.valueOf(q.correlationId()).equals(l.get("request_id")));
            softly.assertThat(log.fields(List.of("type", "l7_protocol", "l7_protocol_str", "request_type", "request_resource",
                            "response_status")))
                    .as(q + "\n" + log.line())
                    .isEqualTo(new Expected().put("type", "session").put("l7_protocol", 127).put("l7_protocol_str", "Kafka")
                            .put("request_type", type).put("request_resource", topic).put("response_status", "ok").fields());
        }
        softly.assertThat(withTopics).as("Produce and Fetch requests with a topic").isPositive();
        softly.assertThat(logs.all()).as("one plugin call log per request:\n" + logs.dump()).hasSize(exchanges.size());
    }

    private static void whatTheClientsDidAndSaw(SoftAssertions softly, KafkaDemo.Outcome outcome, CallLogs logs) {
        Set<Object> apis = logs.all().stream().map(l -> l.get("request_type")).collect(Collectors.toSet());
        softly.assertThat(apis).as("the APIs of what the clients did").containsAll(List.of(
                ApiKeys.API_VERSIONS.name, ApiKeys.METADATA.name, ApiKeys.CREATE_TOPICS.name, ApiKeys.PRODUCE.name,
                ApiKeys.FIND_COORDINATOR.name, ApiKeys.JOIN_GROUP.name, ApiKeys.SYNC_GROUP.name, ApiKeys.HEARTBEAT.name,
                ApiKeys.OFFSET_FETCH.name, ApiKeys.LIST_OFFSETS.name, ApiKeys.FETCH.name, ApiKeys.OFFSET_COMMIT.name,
                ApiKeys.LEAVE_GROUP.name));

        softly.assertThat(logs.where(l -> ApiKeys.CREATE_TOPICS.name.equals(l.get("request_type"))))
                .as("the admin client's CreateTopics, named by its first topic")
                .extracting(l -> l.get("request_domain")).containsExactly(KafkaDemo.TOPIC);

        // Produce names topics by id since v13: the call logs name them as the producer did
        List<CallLogs.Log> produced = logs.where(l -> ApiKeys.PRODUCE.name.equals(l.get("request_type"))
                && KafkaDemo.TOPIC.equals(l.get("request_domain")));
        softly.assertThat(produced).extracting(l -> l.get("request_resource")).as("where the records landed")
                .containsExactlyElementsOf(outcome.produced().stream().map(KafkaLiveTrafficTest::resource).toList());
        softly.assertThat(produced).extracting(l -> l.get("version"))
                .containsOnly(Short.toString(ApiKeys.PRODUCE.latestVersion()));
        if (!produced.isEmpty()) {
            String[] traceparent = KafkaDemo.TRACEPARENT.split("-");
            softly.assertThat(produced.getFirst().fields(List.of("trace_id", "span_id")))
                    .as("the first record's traceparent header").isEqualTo(Map.of("trace_id", traceparent[1], "span_id", traceparent[2]));
        }
        String refused = Errors.forCode((short) outcome.strictError()).name();
        softly.assertThat(logs.where(l -> ApiKeys.PRODUCE.name.equals(l.get("request_type"))
                        && KafkaDemo.STRICT_TOPIC.equals(l.get("request_domain"))))
                .as("the produce the broker refused").extracting(l -> l.fields(List.of("response_status", "response_code", "response_exception")))
                .containsExactly(fields("server_error", (long) outcome.strictError(), refused));

        List<CallLogs.Log> missing = logs.where(l -> KafkaDemo.MISSING_TOPIC.equals(l.get("request_domain")));
        softly.assertThat(missing).as("the lost producer asked for " + KafkaDemo.MISSING_TOPIC + " until it gave up").isNotEmpty();
        softly.assertThat(missing).as("Metadata answers are not inspected, as in DeepFlow")
                .extracting(l -> l.fields(List.of("request_type", "response_status", "response_code", "response_exception")))
                .containsOnly(Map.of("request_type", ApiKeys.METADATA.name, "response_status", "ok", "response_code", -2L,
                        "response_exception", NOT_INSPECTED));
        softly.assertThat(outcome.missingError()).as("the lost producer timed out").isEqualTo(Errors.REQUEST_TIMED_OUT.code());

        String group = "{\"group_id\":\"" + KafkaDemo.GROUP + "\"}";
        List<CallLogs.Log> joins = logs.where(l -> ApiKeys.JOIN_GROUP.name.equals(l.get("request_type")) && group.equals(l.get("attributes")));
        softly.assertThat(joins).as("the consumer joined " + KafkaDemo.GROUP).isNotEmpty();
        if (!joins.isEmpty()) softly.assertThat(joins.getLast().get("response_code")).as("its last JoinGroup").isEqualTo(0L);
        softly.assertThat(logs.where(l -> ApiKeys.HEARTBEAT.name.equals(l.get("request_type")) && group.equals(l.get("attributes"))))
                .as("it heartbeat").isNotEmpty();
        softly.assertThat(logs.where(l -> ApiKeys.FETCH.name.equals(l.get("request_type")) && KafkaDemo.TOPIC.equals(l.get("request_domain"))))
                .as("it fetched from the first offset it read").extracting(l -> l.get("request_resource"))
                .contains(KafkaDemo.TOPIC + "-0:" + outcome.consumed().getFirst());
        softly.assertThat(logs.where(l -> ApiKeys.OFFSET_COMMIT.name.equals(l.get("request_type"))))
                .as("it committed").extracting(l -> l.fields(List.of("request_resource", "attributes")))
                .containsExactly(Map.of("request_resource", KafkaDemo.TOPIC + "-0:" + outcome.committed(), "attributes", group));
        softly.assertThat(logs.where(l -> ApiKeys.LEAVE_GROUP.name.equals(l.get("request_type")) && group.equals(l.get("attributes"))))
                .as("it left").extracting(l -> l.get("response_code")).containsExactly(0L);

        String badGroup = "{\"group_id\":\"" + KafkaDemo.BAD_GROUP + "\"}";
        softly.assertThat(logs.where(l -> ApiKeys.JOIN_GROUP.name.equals(l.get("request_type")) && badGroup.equals(l.get("attributes"))))
                .as("the consumer the broker refused").extracting(l -> l.fields(List.of("response_status", "response_code", "response_exception")))
                .containsExactly(fields("server_error", (long) outcome.badJoinError(), Errors.forCode((short) outcome.badJoinError()).name()));
    }

    private static String resource(RecordMetadata m) {
        return m.topic() + "-" + m.partition() + ":" + m.offset();
    }

    private static Map<String, Object> fields(String status, long code, String exception) {
        return Map.of("response_status", status, "response_code", code, "response_exception", exception);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
