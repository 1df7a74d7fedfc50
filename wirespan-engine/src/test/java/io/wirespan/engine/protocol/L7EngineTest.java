package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.flow.FlowTable;
import io.wirespan.engine.protocol.http.HttpProtocol;
import io.wirespan.engine.tcp.ReassemblyConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class L7EngineTest {
    private static final long SECOND = 1_000_000;
    private final List<CallLog> logs = new ArrayList<>();
    private static final Config LINE_ONLY =
            Config.parse("processors: {request_log: {application_protocol_inference: {enabled_protocols: [Line]}}}", "t");
    private final L7Engine engine = new L7Engine(
            L7Settings.from(LINE_ONLY, new ProtocolRegistry(List.of(new LineProtocol()))), logs::add);
    private final FlowTable flows = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, engine);

    /** A TCP connection without its handshake: sequence numbers follow the bytes sent. */
    private final class Connection {
        final String client = "10.0.0.1", server = "10.0.0.2";
        final FlowTable flows;
        final int clientPort, serverPort;
        int clientSeq = 1000, serverSeq = 5000;

        Connection(int clientPort, int serverPort) {
            this(L7EngineTest.this.flows, clientPort, serverPort);
        }

        Connection(FlowTable flows, int clientPort, int serverPort) {
            this.flows = flows;
            this.clientPort = clientPort;
            this.serverPort = serverPort;
        }

        void client(long ts, String text) {
            flows.process(tcp(ts, client, clientPort, server, serverPort, clientSeq, text));
            clientSeq += text.length();
        }

        void server(long ts, String text) {
            flows.process(tcp(ts, server, serverPort, client, clientPort, serverSeq, text));
            serverSeq += text.length();
        }

        void clientFin(long ts) {
            flows.process(fin(tcp(ts, client, clientPort, server, serverPort, clientSeq++, "")));
        }

        void serverFin(long ts) {
            flows.process(fin(tcp(ts, server, serverPort, client, clientPort, serverSeq++, "")));
        }
    }

    @Test
    void pairsPipelinedRequestsInOrderAcrossSegmentBoundaries() {
        Connection c = new Connection(40000, 7000);
        c.client(1 * SECOND, "GET a\nGET b\nGE");
        c.client(2 * SECOND, "T c\n");
        c.server(3 * SECOND, "OK a\nERR b\nOK");
        c.server(4 * SECOND, " c\n");
        flows.flushAll(5 * SECOND);

        assertThat(logs).extracting(CallLog::type, CallLog::requestResource, CallLog::responseStatus).containsExactly(
                tuple(CallLogType.SESSION, "a", ResponseStatus.OK),
                tuple(CallLogType.SESSION, "b", ResponseStatus.SERVER_ERROR),
                tuple(CallLogType.SESSION, "c", ResponseStatus.OK));
        CallLog third = logs.get(2);
        assertThat(third.startTime()).isEqualTo(1 * SECOND); // "GE" arrived with the first segment
        assertThat(third.endTime()).isEqualTo(4 * SECOND);
        assertThat(third.responseDuration()).isEqualTo(1 * SECOND);
        assertThat(third.ip0()).isEqualTo("10.0.0.1");
        assertThat(third.clientPort()).isEqualTo(40000);
        assertThat(third.capturedRequestByte()).isEqualTo(6);
    }

    @Test
    void theParsersVerdictCorrectsTheSidesOfAFlowSeenMidStream() {
        // The server's port is the higher one and no SYN was seen: the port guess is wrong.
        Connection c = new Connection(80, 50000);
        c.client(1 * SECOND, "GET x\n");
        c.server(2 * SECOND, "OK x\n");
        flows.flushAll(3 * SECOND);

        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).clientPort()).isEqualTo(80);
        assertThat(logs.get(0).serverPort()).isEqualTo(50000);
        assertThat(logs.get(0).type()).isEqualTo(CallLogType.SESSION);
    }

    @Test
    void pairsBySessionIdWhenTheProtocolHasOne() {
        Connection c = new Connection(40000, 7000);
        c.client(1 * SECOND, "GET#1 a\nGET#2 b\n");
        c.server(2 * SECOND, "OK #2\nOK #1\n");
        flows.flushAll(3 * SECOND);

        assertThat(logs).extracting(CallLog::requestResource, CallLog::requestId).containsExactly(
                tuple("b", 2L), tuple("a", 1L));
    }

    @Test
    void anUnansweredRequestTimesOutByPacketTimeAndALoneResponseIsKept() {
        Connection c = new Connection(40000, 7000);
        c.client(1 * SECOND, "GET slow\n");
        c.client(200 * SECOND, "NOTE later\n"); // 120 s default timeout has passed
        Connection other = new Connection(40001, 7000);
        other.server(201 * SECOND, "OK orphan\n");
        flows.flushAll(202 * SECOND);

        assertThat(logs).extracting(CallLog::type, CallLog::responseStatus).containsExactly(
                tuple(CallLogType.REQUEST, ResponseStatus.TIMEOUT),
                tuple(CallLogType.SESSION, ResponseStatus.UNKNOWN),
                tuple(CallLogType.RESPONSE, ResponseStatus.OK));
    }

    @Test
    void aRequestStillWaitingWhenTheCaptureEndsIsUnknownNotTimeout() {
        Connection c = new Connection(40000, 7000);
        c.client(1 * SECOND, "GET pending\n");
        flows.flushAll(2 * SECOND);

        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.type()).isEqualTo(CallLogType.REQUEST);
            assertThat(log.responseStatus()).isEqualTo(ResponseStatus.UNKNOWN);
        });
    }

    @Test
    void whenBothSidesCloseWhatStillWaitsTimesOutAtOnceNotAfterTheLinger() {
        Connection c = new Connection(40000, 7000);
        c.client(1 * SECOND, "GET a\nGET b\n");
        c.server(2 * SECOND, "OK a\n");
        c.clientFin(3 * SECOND);
        assertThat(logs).hasSize(1);
        c.serverFin(4 * SECOND);

        assertThat(logs).extracting(CallLog::type, CallLog::requestResource, CallLog::responseStatus).containsExactly(
                tuple(CallLogType.SESSION, "a", ResponseStatus.OK),
                tuple(CallLogType.REQUEST, "b", ResponseStatus.TIMEOUT));
        flows.flushAll(5 * SECOND);
        assertThat(logs).hasSize(2);
        assertThat(flows.stats().endedFin()).isEqualTo(1);
    }

    @Test
    void udpDatagramsAreMessagesOfTheirOwn() {
        flows.process(udp(1 * SECOND, "10.0.0.1", 5353, "10.0.0.2", 9999, "GET q\n"));
        flows.process(udp(2 * SECOND, "10.0.0.2", 9999, "10.0.0.1", 5353, "OK q\n"));
        flows.flushAll(3 * SECOND);

        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.protocol()).isEqualTo("UDP");
            assertThat(log.clientPort()).isEqualTo(5353);
            assertThat(log.responseDuration()).isEqualTo(1 * SECOND);
        });
    }

    @Test
    void aFlowNoProtocolAcceptsIsGivenUpAfterAFewPayloads() {
        Connection c = new Connection(40000, 7000);
        for (int i = 0; i < 20; i++) c.client(i, "\u0001binary\n");
        c.client(30, "GET late\n");
        flows.flushAll(40);

        assertThat(logs).isEmpty();
        assertThat(engine.stats().unidentifiedFlows()).isEqualTo(1);
    }

    @Test
    void aParserThatThrowsCostsOnlyItsOwnFlow() {
        Connection broken = new Connection(40000, 7000);
        broken.client(1, "GET a\nBOOM\n");
        Connection fine = new Connection(40001, 7000);
        fine.client(2, "GET b\n");
        fine.server(3, "OK b\n");
        flows.flushAll(4);

        assertThat(engine.stats().parserFailures()).isEqualTo(1);
        assertThat(logs).extracting(CallLog::requestResource).contains("b");
    }

    @Test
    void aProtocolSwitchHandsTheRestOfTheBytesToANewIdentification() {
        Connection c = new Connection(40000, 7000);
        c.client(1, "GET a\n");
        c.server(2, "OK a\nSWITCH\nOK b\n");
        flows.flushAll(3);

        assertThat(logs).extracting(CallLog::type).containsExactly(CallLogType.SESSION, CallLogType.RESPONSE);
    }

    @Test
    void laterFlowsToAKnownServerSkipProbing() {
        Connection first = new Connection(40000, 7000);
        first.client(1, "GET a\n");
        long checks = engine.stats().checks();
        Connection second = new Connection(40001, 7000);
        second.client(2, "GET b\n");
        flows.flushAll(3);

        assertThat(engine.stats().checks()).isEqualTo(checks);
        assertThat(engine.stats().flowsByProtocol()).containsEntry("Line", 2L);
    }

    @Test
    void reconfiguringKeepsTheParsersOfFlowsInFlightAndAppliesToFlowsIdentifiedAfter() {
        ProtocolRegistry registry = new ProtocolRegistry(List.of(new LineProtocol()));
        Connection before = new Connection(40000, 7000);
        before.client(1, "GET a\n");
        Connection unidentified = new Connection(40001, 7001);
        unidentified.client(2, "\u0001binary\n");

        engine.reconfigure(L7Settings.from(Config.parse(
                "processors: {request_log: {application_protocol_inference: {enabled_protocols: []}}}", "t"), registry));
        before.server(3, "OK a\n");
        before.client(4, "GET b\n");
        before.server(5, "OK b\n");
        unidentified.client(6, "GET c\n");
        Connection after = new Connection(40002, 7000);
        after.client(7, "GET d\n");

        engine.reconfigure(L7Settings.from(Config.parse("processors: {request_log: {application_protocol_inference:"
                + " {enabled_protocols: [Line]}, filters: {port_number_prefilters: {Line: '7002'}}}}", "t"), registry));
        Connection onItsPort = new Connection(40003, 7002);
        onItsPort.client(8, "GET e\n");
        Connection offItsPort = new Connection(40004, 7000);
        offItsPort.client(9, "GET f\n");
        flows.flushAll(10);

        assertThat(logs).extracting(CallLog::requestResource).containsExactly("a", "b", "e");
        assertThat(engine.stats().flowsByProtocol()).containsEntry("Line", 2L);
    }

    @Test
    void aGapDropsTheHeldPartialMessage() {
        Connection c = new Connection(40000, 7000);
        c.client(1, "GET a\nGET par");
        c.clientSeq += 100; // lost bytes
        c.client(2, "\nGET b\n");
        flows.flushAll(3);

        assertThat(logs).extracting(CallLog::requestResource).doesNotContain("par").contains("a");
    }

    @Test
    void whatTheParsersOfAProtocolCountAddsUpUnderItsName() {
        Connection a = new Connection(40000, 7000);
        a.client(1, "GET a\nhello\nGET b\nwhat\n");
        Connection b = new Connection(40001, 7000);
        b.client(2, "GET c\n");
        b.server(3, "OK c\nhuh\n");
        flows.flushAll(4);

        assertThat(engine.stats().parserCounters()).isEqualTo(Map.of("Line", Map.of(LineProtocol.UNKNOWN_LINES, 3L)));
        assertThat(engine.stats().parserCounter("Line", LineProtocol.UNKNOWN_LINES)).isEqualTo(3);
        assertThat(engine.stats().parserCounter("Line", "no_such_counter")).isZero();
    }

    @Test
    void noParserNoCounters() {
        Connection c = new Connection(40000, 7000);
        c.client(1, "\u0001binary\n");
        flows.flushAll(2);

        assertThat(engine.stats().parserCounters()).isEmpty();
    }

    @Test
    void aCounterNameThatIsNotSnakeCaseFailsTheFlowsOfItsParserAndNothingElse() {
        List<CallLog> logs = new ArrayList<>();
        L7Engine badNames = new L7Engine(L7Settings.from(LINE_ONLY,
                new ProtocolRegistry(List.of(new LineProtocol("Unknown Lines")))), logs::add);
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, badNames);
        new Connection(table, 40000, 7000).client(1, "GET a\n");
        new Connection(table, 40001, 7000).client(2, "GET b\n");
        table.flushAll(3);

        assertThat(badNames.stats().parserFailures()).isEqualTo(2);
        assertThat(badNames.stats().flowsByProtocol()).isEmpty();
        assertThat(badNames.stats().parserCounters()).isEmpty();
        assertThat(logs).isEmpty();
    }

    @Test
    void httpBadStartLinesOfEveryFlowAreCountedExactlyOnce() {
        L7Engine http = new L7Engine(L7Settings.from(Config.defaults(), new ProtocolRegistry(List.of(new HttpProtocol()))),
                logs::add);
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, http);
        Connection a = new Connection(table, 40000, 80);
        a.client(1, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /no-version\r\n" + "GET /x HTTP/2.0\r\n"
                + "GET /b HTTP/1.1\r\n\r\n");
        Connection b = new Connection(table, 40001, 80);
        b.client(2, "GET /c HTTP/1.1\r\n\r\n");
        b.client(3, "GET  HTTP/1.1\r\n" + "GET /d HTTP/1.1\r\n\r\n");
        table.flushAll(4);

        assertThat(logs).extracting(CallLog::requestResource).containsExactlyInAnyOrder("/a", "/b", "/c", "/d");
        Map<String, Long> counted = new TreeMap<>(http.stats().parserCounters().get("HTTP"));
        counted.values().removeIf(n -> n == 0);
        assertThat(counted).isEqualTo(Map.of("bad_start_lines", 3L, "resyncs", 2L, "resync_skipped_bytes", 17L + 17 + 15));
    }

    private static DecodedPacket tcp(long ts, String src, int srcPort, String dst, int dstPort, int seq, String text) {
        DecodedPacket p = ip(src, dst, ts);
        p.setTcp(srcPort, dstPort, seq, 0, DecodedPacket.ACK | DecodedPacket.PSH, 65535);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        p.setPayload(bytes, 0, bytes.length);
        return p;
    }

    private static DecodedPacket fin(DecodedPacket p) {
        p.setTcp(p.srcPort(), p.dstPort(), p.seq(), 0, DecodedPacket.FIN | DecodedPacket.ACK, 65535);
        return p;
    }

    private static DecodedPacket udp(long ts, String src, int srcPort, String dst, int dstPort, String text) {
        DecodedPacket p = ip(src, dst, ts);
        p.setUdp(srcPort, dstPort);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        p.setPayload(bytes, 0, bytes.length);
        return p;
    }

    private static DecodedPacket ip(String src, String dst, long ts) {
        DecodedPacket p = new DecodedPacket();
        long[] s = IpAddress.parse(src), d = IpAddress.parse(dst);
        p.setIp(4, s[0], s[1], d[0], d[1]);
        p.setFrame(ts, 100, -1);
        return p;
    }
}
