package io.wirespan.engine.protocol.dns;

import static io.wirespan.engine.protocol.dns.DnsSamples.QUERY;
import static io.wirespan.engine.protocol.dns.DnsSamples.RESPONSE;
import static io.wirespan.engine.protocol.dns.DnsSamples.concat;
import static io.wirespan.engine.protocol.dns.DnsSamples.query;
import static io.wirespan.engine.protocol.dns.DnsSamples.response;
import static io.wirespan.engine.protocol.dns.DnsSamples.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsParserTest {
    private static final Direction C2S = Direction.CLIENT_TO_SERVER;
    private static final Direction S2C = Direction.SERVER_TO_CLIENT;

    private DnsParser parser = (DnsParser) new DnsProtocol().newParser(TestContext.tcp());
    private ParserDriver tcp = new ParserDriver(parser, TestContext.tcp());

    private static ParserDriver udp(DnsConfig config) {
        return new ParserDriver(new DnsProtocol(config).newParser(TestContext.udp()), TestContext.udp());
    }

    @Test
    void reportsAQueryAndItsResponseWithTheQuestionOnBoth() {
        List<L7Message> messages = tcp.feed(C2S, tcp(QUERY)).feed(S2C, tcp(RESPONSE)).messages();

        assertThat(messages).hasSize(2);
        L7Message request = messages.get(0);
        assertThat(request.type()).isEqualTo(MessageType.REQUEST);
        assertThat(request.sessionId()).isEqualTo(0x1234L);
        assertThat(request.requestType()).isEqualTo("A");
        assertThat(request.requestResource()).isEqualTo("www.example.com");
        assertThat(request.requestDomain()).isEqualTo("www.example.com");
        assertThat(request.endpoint()).isEqualTo("www.example.com");
        assertThat(request.attributes()).isEqualTo(Map.of("opcode", "StandardQuery"));
        assertThat(request.capturedBytes()).isEqualTo(35);
        assertThat(request.responseStatus()).isNull();

        L7Message response = messages.get(1);
        assertThat(response.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(response.sessionId()).isEqualTo(0x1234L);
        assertThat(response.requestType()).isEqualTo("A");
        assertThat(response.requestResource()).isEqualTo("www.example.com");
        assertThat(response.responseCode()).isZero();
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(response.responseException()).isNull();
        assertThat(response.responseResult()).isEqualTo(DnsSamples.RESPONSE_RESULT);
        assertThat(response.capturedBytes()).isEqualTo(RESPONSE.length + 2);
    }

    @Test
    void givesTheSameMessagesFedWholeOrOneByteAtATime() {
        byte[] client = concat(tcp(QUERY), tcp(query(7, 0, 28, "a.example")));
        byte[] server = concat(tcp(RESPONSE), tcp(response(7, 3, 28, "a.example", "ns.example")));

        List<L7Message> whole = new ParserDriver(new DnsProtocol().newParser(TestContext.tcp()), TestContext.tcp())
                .feed(C2S, client).feed(S2C, server).messages();
        List<L7Message> bytewise = tcp.feed(C2S, client, 1).feed(S2C, server, 1).messages();

        assertThat(whole).hasSize(4);
        assertThat(bytewise).isEqualTo(whole);
        assertThat(parser.counters().total(DnsCounter::malformed)).isZero();
        assertThat(parser.counters().count(DnsCounter.RESYNC_SKIPPED_BYTES)).isZero();
    }

    @Test
    void startedMidMessageSkipsToTheNextFrame() {
        byte[] stream = concat(tcp(QUERY), tcp(query(0x0777, 0, 1, "next.example")));

        for (int start = 1; start < QUERY.length + 2; start++) {
            DnsParser fresh = (DnsParser) new DnsProtocol().newParser(TestContext.tcp());
            List<L7Message> messages = new ParserDriver(fresh, TestContext.tcp())
                    .feed(C2S, Arrays.copyOfRange(stream, start, stream.length)).messages();

            assertThat(messages).as("started at %d", start).extracting(L7Message::sessionId).containsExactly(0x0777L);
            assertThat(fresh.counters().count(DnsCounter.RESYNC_SKIPPED_BYTES)).as("started at %d", start).isEqualTo(QUERY.length + 2 - start);
        }
    }

    @Test
    void readsSeveralMessagesInOneSegment() {
        byte[] segment = concat(tcp(query(1, 0, 1, "a.example")), tcp(query(2, 0, 28, "a.example")),
                tcp(query(3, 0, 33, "_sip._tcp.example")));

        List<L7Message> messages = tcp.feed(C2S, segment).messages();

        assertThat(messages).extracting(L7Message::sessionId).containsExactly(1L, 2L, 3L);
        assertThat(messages).extracting(L7Message::requestType).containsExactly("A", "AAAA", "SRV");
    }

    @Test
    void waitsForAMessageSplitAcrossSegments() {
        byte[] framed = tcp(RESPONSE);

        tcp.feed(S2C, Arrays.copyOfRange(framed, 0, 1));
        tcp.feed(S2C, Arrays.copyOfRange(framed, 1, 40));
        assertThat(tcp.messages()).isEmpty();
        tcp.feed(S2C, Arrays.copyOfRange(framed, 40, framed.length));

        assertThat(tcp.messages()).singleElement()
                .satisfies(m -> assertThat(m.responseResult()).isEqualTo(DnsSamples.RESPONSE_RESULT));
    }

    @Test
    void returnsOnlyTheWholeFramesItConsumed() {
        byte[] framed = concat(tcp(QUERY), Arrays.copyOf(tcp(QUERY), 20));
        List<L7Message> out = new ArrayList<>();

        int consumed = parser.parse(C2S, framed, 0, framed.length, TestContext.tcp(), out::add);

        assertThat(consumed).isEqualTo(QUERY.length + 2);
        assertThat(out).hasSize(1);
    }

    @Test
    void resynchronisesAfterAGap() {
        byte[] first = tcp(QUERY);
        tcp.feed(C2S, Arrays.copyOf(first, 20)).gap(C2S, first.length - 20);
        tcp.feed(C2S, concat(Arrays.copyOfRange(first, 25, first.length), tcp(query(9, 0, 1, "after.gap"))));

        assertThat(tcp.messages()).extracting(L7Message::requestResource).containsExactly("after.gap");
    }

    @Test
    void resynchronisesAfterAnImpossibleLength() {
        byte[] garbage = {0x00, 0x05, 1, 2, 3, 4, 5}; // a length below the 12-byte header

        tcp.feed(C2S, concat(tcp(QUERY), garbage, tcp(query(9, 0, 1, "after.garbage"))));

        assertThat(tcp.messages()).extracting(L7Message::requestResource)
                .containsExactly("www.example.com", "after.garbage");
        assertThat(parser.counters().count(DnsCounter.BAD_LENGTH)).isEqualTo(1);
        assertThat(parser.counters().count(DnsCounter.RESYNC_SKIPPED_BYTES)).isEqualTo(garbage.length);
    }

    @Test
    void resynchronisesAfterAFrameWhoseHeaderCannotBeDns() {
        byte[] insane = tcp(QUERY);
        insane[2 + 5] = (byte) 0xFF; // QDCOUNT 0x00FF: 255 questions cannot fit 33 bytes

        tcp.feed(C2S, concat(tcp(query(1, 0, 1, "before")), insane, tcp(query(2, 0, 1, "after"))));

        assertThat(tcp.messages()).extracting(L7Message::requestResource).containsExactly("before", "after");
        assertThat(parser.counters().count(DnsCounter.BAD_HEADER)).isEqualTo(1);
    }

    @Test
    void skipsABadMessageByItsLengthWhenInStep() {
        byte[] loop = tcp(concat(Arrays.copyOf(QUERY, 16), new byte[] {(byte) 0xC0, 0x0C, 0, 1, 0, 1}));

        tcp.feed(C2S, concat(tcp(query(1, 0, 1, "before")), loop, tcp(query(2, 0, 1, "after"))));

        assertThat(tcp.messages()).extracting(L7Message::requestResource).containsExactly("before", "after");
        assertThat(parser.counters().count(DnsCounter.BAD_POINTER)).isEqualTo(1);
        assertThat(parser.counters().count(DnsCounter.RESYNC_SKIPPED_BYTES)).isZero();
    }

    @Test
    void readsOneMessagePerDatagram() {
        ParserDriver driver = udp(DnsConfig.DEFAULTS).datagram(C2S, QUERY).datagram(S2C, RESPONSE);

        assertThat(driver.messages()).extracting(L7Message::type).containsExactly(MessageType.REQUEST, MessageType.RESPONSE);
        assertThat(driver.messages().get(0).capturedBytes()).isEqualTo(QUERY.length);
        assertThat(driver.messages().get(1).responseResult()).isEqualTo(DnsSamples.RESPONSE_RESULT);
    }

    @Test
    void dropsADatagramThatIsNotDns() {
        DnsParser udpParser = (DnsParser) new DnsProtocol().newParser(TestContext.udp());
        ParserDriver driver = new ParserDriver(udpParser, TestContext.udp())
                .datagram(C2S, "GET / HTTP/1.1\r\n".getBytes())
                .datagram(C2S, QUERY);

        assertThat(driver.messages()).hasSize(1);
        assertThat(udpParser.counters().total(DnsCounter::malformed)).isEqualTo(1);
    }

    @Test
    void mapsResponseCodesToDeepFlowStatuses() {
        assertThat(statusOf(0)).isEqualTo(ResponseStatus.OK);
        assertThat(statusOf(1)).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(statusOf(2)).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(statusOf(3)).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(statusOf(4)).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(statusOf(5)).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(statusOf(9)).isEqualTo(ResponseStatus.SERVER_ERROR);
    }

    @Test
    void namesTheResponseCodeOfAnError() {
        L7Message nx = respond(DnsConfig.DEFAULTS, response(5, 3, 1, "gone.example", "ns.example"));
        L7Message servFail = respond(DnsConfig.DEFAULTS, response(6, 2, 1, "x.example", null));

        assertThat(nx.responseCode()).isEqualTo(3);
        assertThat(nx.responseException()).isEqualTo("NXDomain");
        assertThat(nx.responseResult()).isEqualTo("SOA=ns.example TTL=60");
        assertThat(servFail.responseException()).isEqualTo("ServFail");
        assertThat(servFail.responseResult()).isNull();
    }

    @Test
    void reportsAnUnconcernedNxdomainAsOk() {
        DnsConfig config = new DnsConfig(List.of("node.net", "svc.cluster.local"));

        L7Message byName = respond(config, response(1, 3, 28, "registry.monitor.svc.cluster.local", null));
        L7Message byAnswer = respond(config, response(2, 3, 1, "x.example", "ns.svc.cluster.local"));
        L7Message exact = respond(config, response(3, 3, 1, "SVC.Cluster.Local", null));

        for (L7Message m : List.of(byName, byAnswer, exact)) {
            assertThat(m.responseStatus()).isEqualTo(ResponseStatus.OK);
            assertThat(m.responseCode()).isEqualTo(3);
            assertThat(m.responseException()).isNull();
        }
    }

    @Test
    void matchesUnconcernedSuffixesOnLabelBoundariesOnly() {
        DnsConfig config = new DnsConfig(List.of("node.net", "svc.cluster.local"));

        L7Message m = respond(config, response(1, 3, 28, "prod-fcdt-e02.int.frontnode.net", null));

        assertThat(m.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
    }

    @Test
    void leavesOtherErrorsForUnconcernedNamesAlone() {
        DnsConfig config = new DnsConfig(List.of("svc.cluster.local"));

        L7Message m = respond(config, response(1, 2, 1, "a.svc.cluster.local", null));

        assertThat(m.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
    }

    @Test
    void givesARequestDomainOnlyForAddressQueries() {
        ParserDriver driver = udp(DnsConfig.DEFAULTS)
                .datagram(C2S, query(1, 0, 1, "a.example"))
                .datagram(C2S, query(2, 0, 28, "a.example"))
                .datagram(C2S, query(3, 0, 15, "a.example"))
                .datagram(C2S, query(4, 0, 65, "a.example"))
                .datagram(C2S, query(5, 0, 12, "4.3.2.1.in-addr.arpa"));

        assertThat(driver.messages()).extracting(L7Message::requestDomain)
                .containsExactly("a.example", "a.example", null, null, null);
        assertThat(driver.messages()).extracting(L7Message::requestType)
                .containsExactly("A", "AAAA", "MX", "HTTPS", "PTR");
    }

    @Test
    void namesTheOpcodeAsDeepFlowDoes() {
        ParserDriver driver = udp(DnsConfig.DEFAULTS)
                .datagram(C2S, query(1, 4, 6, "zone.example"))
                .datagram(C2S, query(2, 5, 6, "zone.example"));

        assertThat(driver.messages()).extracting(m -> m.attributes().get("opcode")).containsExactly("Notify", "Update");
    }

    @Test
    void cutsTextFieldsToThePayloadTruncation() {
        ParserSettings tight = ParserSettings.DEFAULTS;
        tight = new ParserSettings(12, tight.traceIdTypes(), tight.spanIdTypes(), tight.xRequestIdHeaders(),
                tight.realClientHeaders(), false, Map.of());
        TestContext context = new TestContext(true, tight);
        ParserDriver driver = new ParserDriver(new DnsProtocol().newParser(context), context)
                .datagram(C2S, QUERY).datagram(S2C, RESPONSE);

        assertThat(driver.messages().get(0).requestResource()).isEqualTo("www.example.");
        assertThat(driver.messages().get(1).responseResult()).isEqualTo("CNAME=web.ex");
    }

    @Test
    void reportsAResponseSeenBeforeAnyQuery() {
        assertThat(tcp.feed(S2C, tcp(RESPONSE)).messages()).extracting(L7Message::type)
                .containsExactly(MessageType.RESPONSE);
    }

    private static ResponseStatus statusOf(int rcode) {
        return respond(DnsConfig.DEFAULTS, response(1, rcode, 1, "x.example", null)).responseStatus();
    }

    private static L7Message respond(DnsConfig config, byte[] response) {
        return udp(config).datagram(S2C, response).messages().getFirst();
    }
}
