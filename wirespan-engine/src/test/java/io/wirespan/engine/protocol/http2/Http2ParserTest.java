package io.wirespan.engine.protocol.http2;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static io.wirespan.engine.protocol.http2.H2.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http2ParserTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final Http2Protocol protocol = new Http2Protocol();
    private final TestContext context = TestContext.tcp();
    private final Http2Parser parser = (Http2Parser) protocol.newParser(context);
    private final ParserDriver driver = new ParserDriver(parser, context);

    private static byte[] clientBytes() {
        return concat(H2.preface(), H2.settings(1, 4096, 4, 65535),
                H2.headers(1, H2.END_STREAM, ":method", "GET", ":scheme", "https", ":path", "/api/v1/users/42?x=1",
                        ":authority", "example.com", "x-request-id", "req-1", "traceparent", TRACEPARENT,
                        "x-forwarded-for", "203.0.113.9"));
    }

    private static byte[] serverBytes() {
        return concat(H2.settings(3, 100), H2.frame(H2.SETTINGS, H2.ACK, 0, new byte[0]),
                H2.headers(1, 0, ":status", "200", "content-type", "text/html"),
                H2.data(1, 0, 10), H2.frame(H2.PING, 0, 0, new byte[8]), H2.data(1, H2.END_STREAM, 5));
    }

    @Test
    void reportsTheRequestAtItsEndAndTheResponseAtItsEnd() {
        driver.feed(CLIENT_TO_SERVER, clientBytes()).feed(SERVER_TO_CLIENT, serverBytes());

        List<L7Message> messages = driver.messages();
        assertThat(messages).hasSize(2);
        L7Message request = messages.get(0);
        assertThat(request.type()).isEqualTo(MessageType.REQUEST);
        assertThat(request.protocol()).isNull();
        assertThat(request.sessionId()).isEqualTo(1L);
        assertThat(request.version()).isEqualTo("2");
        assertThat(request.requestType()).isEqualTo("GET");
        assertThat(request.requestDomain()).isEqualTo("example.com");
        assertThat(request.requestResource()).isEqualTo("/api/v1/users/42?x=1");
        assertThat(request.endpoint()).isEqualTo("/api/v1");
        assertThat(request.requestLength()).isZero();
        assertThat(request.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(request.spanId()).isEqualTo("b7ad6b7169203331");
        assertThat(request.xRequestId()).isEqualTo("req-1");
        assertThat(request.httpProxyClient()).isEqualTo("203.0.113.9");
        L7Message response = messages.get(1);
        assertThat(response.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(response.sessionId()).isEqualTo(1L);
        assertThat(response.responseCode()).isEqualTo(200);
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(response.responseLength()).isEqualTo(15);
        // the stream's own frames: HEADERS 9 + 37, DATA 9 + 10, DATA 9 + 5 (SETTINGS and PING are the connection's)
        assertThat(response.capturedBytes()).isEqualTo(9 + 37 + 9 + 10 + 9 + 5);
        assertThat(parser.openStreams()).isZero();
    }

    @Test
    void theSameMessagesWholeByteAtATimeAndInOddPieces() {
        List<L7Message> whole = new ParserDriver(protocol.newParser(context), context)
                .feed(CLIENT_TO_SERVER, clientBytes()).feed(SERVER_TO_CLIENT, serverBytes()).messages();
        for (int chunk : new int[] {1, 2, 7, 9, 13, 64}) {
            List<L7Message> pieces = new ParserDriver(protocol.newParser(context), context)
                    .feed(CLIENT_TO_SERVER, clientBytes(), chunk).feed(SERVER_TO_CLIENT, serverBytes(), chunk).messages();
            assertThat(pieces).as("chunk %d", chunk).isEqualTo(whole);
        }
    }

    @Test
    void severalExchangesInOneSegmentEachOnItsStream() {
        byte[] client = concat(H2.preface(),
                H2.headers(1, 0, ":method", "POST", ":path", "/a", ":authority", "h"), H2.data(1, H2.END_STREAM, 3),
                H2.headers(3, H2.END_STREAM, ":method", "GET", ":path", "/b", ":authority", "h"));
        byte[] server = concat(H2.headers(3, H2.END_STREAM, ":status", "404"),
                H2.headers(1, 0, ":status", "500"), H2.data(1, H2.END_STREAM, 7));
        driver.feed(CLIENT_TO_SERVER, client).feed(SERVER_TO_CLIENT, server);

        assertThat(driver.messages()).extracting(L7Message::type, L7Message::sessionId, L7Message::requestType,
                L7Message::requestLength, L7Message::responseCode, L7Message::responseStatus, L7Message::responseException)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, 1L, "POST", 3L, null, null, null),
                        org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, 3L, "GET", 0L, null, null, null),
                        org.assertj.core.groups.Tuple.tuple(MessageType.RESPONSE, 3L, null, null, 404, ResponseStatus.CLIENT_ERROR, "Not Found"),
                        org.assertj.core.groups.Tuple.tuple(MessageType.RESPONSE, 1L, null, null, 500, ResponseStatus.SERVER_ERROR, "Internal Server Error"));
    }

    @Test
    void continuationFramesCompleteOneHeaderBlock() {
        byte[] block = H2.block(":method", "PUT", ":path", "/upload", ":authority", "files.example", "content-length", "2048");
        byte[] client = concat(H2.preface(),
                H2.frame(H2.HEADERS, H2.END_STREAM, 5, java.util.Arrays.copyOfRange(block, 0, 10)),
                H2.frame(H2.CONTINUATION, 0, 5, java.util.Arrays.copyOfRange(block, 10, 21)),
                H2.frame(H2.CONTINUATION, H2.END_HEADERS, 5, java.util.Arrays.copyOfRange(block, 21, block.length)));
        driver.feed(CLIENT_TO_SERVER, client, 5);

        L7Message request = driver.messages().getFirst();
        assertThat(request.requestType()).isEqualTo("PUT");
        assertThat(request.requestResource()).isEqualTo("/upload");
        assertThat(request.requestDomain()).isEqualTo("files.example");
        assertThat(request.requestLength()).as("content-length wins").isEqualTo(2048);
    }

    @Test
    void paddingAndPriorityFieldsAreNotContent() {
        byte[] block = H2.block(":method", "POST", ":path", "/p");
        byte[] paddedHeaders = H2.frame(H2.HEADERS, H2.END_HEADERS | H2.PADDED | H2.PRIORITY_FLAG, 1,
                concat(new byte[] {4}, new byte[] {0, 0, 0, 3, 16}, block, new byte[4]));
        byte[] paddedData = H2.frame(H2.DATA, H2.END_STREAM | H2.PADDED, 1, concat(new byte[] {6}, new byte[11], new byte[6]));
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), paddedHeaders, paddedData), 3);

        L7Message request = driver.messages().getFirst();
        assertThat(request.requestResource()).isEqualTo("/p");
        assertThat(request.requestLength()).isEqualTo(11);
    }

    @Test
    void rstStreamFromTheServerEndsTheExchangeAsAServerError() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, 0, ":method", "POST", ":path", "/slow")))
                .feed(SERVER_TO_CLIENT, H2.rst(1, 7));

        assertThat(driver.messages()).hasSize(2);
        L7Message response = driver.messages().get(1);
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(response.responseException()).isEqualTo("RST_STREAM REFUSED_STREAM");
        assertThat(response.responseCode()).isNull();
        assertThat(parser.openStreams()).isZero();
    }

    @Test
    void aClientCancelAfterTheResponseHeadersIsAClientError() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, H2.END_STREAM, ":method", "GET", ":path", "/feed")))
                .feed(SERVER_TO_CLIENT, concat(H2.headers(1, 0, ":status", "200"), H2.data(1, 0, 100)))
                .feed(CLIENT_TO_SERVER, H2.rst(1, 8));

        L7Message response = driver.messages().get(1);
        assertThat(response.responseCode()).isEqualTo(200);
        assertThat(response.responseLength()).isEqualTo(100);
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(response.responseException()).isEqualTo("RST_STREAM CANCEL");
    }

    @Test
    void goAwayReportsTheRequestsThatWillNeverBeAnswered() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(),
                        H2.headers(1, 0, ":method", "POST", ":path", "/1"), H2.data(1, 0, 4),
                        H2.headers(3, 0, ":method", "POST", ":path", "/3"),
                        H2.headers(5, 0, ":method", "POST", ":path", "/5")))
                .feed(SERVER_TO_CLIENT, H2.goAway(1, 0));

        assertThat(driver.messages()).extracting(L7Message::requestResource).containsExactly("/3", "/5");
        assertThat(parser.openStreams()).isEqualTo(1);
        driver.feed(SERVER_TO_CLIENT, H2.headers(1, H2.END_STREAM, ":status", "201"));
        assertThat(driver.messages()).extracting(L7Message::type, L7Message::requestResource).endsWith(
                org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, "/1"),
                org.assertj.core.groups.Tuple.tuple(MessageType.RESPONSE, null));
        assertThat(driver.messages().get(2).requestLength()).isEqualTo(4);
    }

    @Test
    void informationalResponsesAreNotTheResponse() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, 0, ":method", "POST", ":path", "/x", "expect", "100-continue")))
                .feed(SERVER_TO_CLIENT, H2.headers(1, 0, ":status", "100"))
                .feed(CLIENT_TO_SERVER, H2.data(1, H2.END_STREAM, 9))
                .feed(SERVER_TO_CLIENT, H2.headers(1, H2.END_STREAM, ":status", "204"));

        assertThat(driver.messages()).extracting(L7Message::requestLength, L7Message::responseCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9L, null), org.assertj.core.groups.Tuple.tuple(null, 204));
    }

    @Test
    void grpcTrailersOnlyResponseCarriesTheGrpcStatus() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(),
                        H2.headers(1, 0, ":method", "POST", ":scheme", "http", ":path", "/shop.Cart/GetCart",
                                ":authority", "cart:7070", "content-type", "application/grpc", "te", "trailers"),
                        H2.data(1, H2.END_STREAM, 12)))
                .feed(SERVER_TO_CLIENT, H2.headers(1, H2.END_STREAM, ":status", "200", "content-type", "application/grpc",
                        "grpc-status", "5", "grpc-message", "cart%20not%20found"));

        L7Message request = driver.messages().get(0);
        assertThat(request.protocol()).isEqualTo(L7Protocol.GRPC);
        assertThat(request.requestType()).isEqualTo("POST");
        assertThat(request.requestResource()).isEqualTo("shop.Cart");
        assertThat(request.endpoint()).isEqualTo("/shop.Cart/GetCart");
        assertThat(request.requestDomain()).isEqualTo("cart:7070");
        assertThat(request.requestLength()).isEqualTo(12);
        L7Message response = driver.messages().get(1);
        assertThat(response.protocol()).isEqualTo(L7Protocol.GRPC);
        assertThat(response.responseCode()).isEqualTo(5);
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(response.responseException()).isEqualTo("cart not found");
        assertThat(response.responseLength()).isZero();
    }

    @Test
    void grpcErrorInTrailersWithPercentEncodedUtf8Message() {
        Http2Protocol streaming = new Http2Protocol(new TraceHeaders(List.of("sw8"), List.of("sw8"), List.of(), List.of()),
                HttpEndpoints.defaults(), true);
        ParserDriver d = new ParserDriver(streaming.newParser(context), context);
        d.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, 0, ":method", "POST", ":path", "/pkg.Svc/Do",
                        "content-type", "application/grpc+proto"), H2.data(1, H2.END_STREAM, 8)))
                .feed(SERVER_TO_CLIENT, concat(H2.headers(1, 0, ":status", "200", "content-type", "application/grpc"),
                        H2.data(1, 0, 30), H2.headers(1, H2.END_STREAM, "grpc-status", "14",
                                "grpc-message", "upstream%20down%3A%20%E2%9C%93")));

        assertThat(d.messages()).hasSize(2);
        L7Message response = d.messages().get(1);
        assertThat(response.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(response.responseCode()).isEqualTo(14);
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(response.responseException()).isEqualTo("upstream down: \u2713");
        assertThat(response.responseLength()).isEqualTo(30);
    }

    @Test
    void grpcStreamingDataGivesOneSessionPerSegmentBetweenHeadersAndTrailers() {
        Http2Protocol streaming = new Http2Protocol(new TraceHeaders(List.of(), List.of(), List.of(), List.of()),
                HttpEndpoints.defaults(), true);
        ParserDriver d = new ParserDriver(streaming.newParser(context), context);
        d.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, 0, ":method", "POST", ":path", "/s.S/Watch",
                        "content-type", "application/grpc")))
                .feed(CLIENT_TO_SERVER, H2.data(1, H2.END_STREAM, 20))
                .feed(SERVER_TO_CLIENT, concat(H2.headers(1, 0, ":status", "200"), H2.data(1, 0, 40)))
                .feed(SERVER_TO_CLIENT, concat(H2.data(1, 0, 50), H2.data(1, 0, 60)))
                .feed(SERVER_TO_CLIENT, concat(H2.data(1, 0, 70), H2.headers(1, H2.END_STREAM, "grpc-status", "0")));

        assertThat(d.messages()).extracting(L7Message::type, L7Message::requestType, L7Message::requestLength,
                L7Message::responseLength, L7Message::responseCode, L7Message::responseStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, "POST", 0L, null, null, null),
                org.assertj.core.groups.Tuple.tuple(MessageType.SESSION, "_REQUEST_DATA", 20L, null, null, ResponseStatus.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple(MessageType.SESSION, "_RESPONSE_HEADER", null, 40L, 200, ResponseStatus.OK),
                org.assertj.core.groups.Tuple.tuple(MessageType.SESSION, "_RESPONSE_DATA", null, 110L, null, ResponseStatus.OK),
                org.assertj.core.groups.Tuple.tuple(MessageType.RESPONSE, null, null, 70L, 0, ResponseStatus.OK));
    }

    @Test
    void tripleIsDubboOverHttp2WithItsServiceVersion() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, 0, ":method", "POST",
                        ":path", "/org.demo.Greeter/sayHello", "content-type", "application/grpc+proto",
                        "tri-service-version", "1.0.0"), H2.data(1, H2.END_STREAM, 6)))
                .feed(SERVER_TO_CLIENT, concat(H2.headers(1, 0, ":status", "200"), H2.data(1, 0, 9),
                        H2.headers(1, H2.END_STREAM, "grpc-status", "0")));

        assertThat(driver.messages()).extracting(L7Message::protocol, L7Message::version, L7Message::requestResource,
                L7Message::endpoint, L7Message::requestLength, L7Message::responseLength, L7Message::responseCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(L7Protocol.TRIPLE, "1.0.0", "org.demo.Greeter",
                                "/org.demo.Greeter/sayHello", 6L, null, null),
                        org.assertj.core.groups.Tuple.tuple(L7Protocol.TRIPLE, "1.0.0", null, null, null, 9L, 0));
    }

    @Test
    void garbageIsSkippedCountedAndParsingResumes() {
        byte[] garbage = "this is not an HTTP/2 frame at all, really".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, H2.END_STREAM, ":method", "GET", ":path", "/before"),
                garbage, H2.headers(3, H2.END_STREAM, ":method", "GET", ":path", "/after"), H2.frame(H2.PING, 0, 0, new byte[8])));

        assertThat(driver.messages()).extracting(L7Message::requestResource).containsExactly("/before", "/after");
        assertThat(parser.counters().count(Http2Counter.RESYNCS)).isEqualTo(1);
        assertThat(parser.counters().count(Http2Counter.RESYNC_SKIPPED_BYTES)).isEqualTo(garbage.length);
    }

    @Test
    void aGapInsideDataKeepsTheFramingAndAGapElsewhereResynchronises() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, H2.END_STREAM, ":method", "GET", ":path", "/big")));
        byte[] response = concat(H2.headers(1, 0, ":status", "200"), H2.data(1, H2.END_STREAM, 1000));
        driver.feed(SERVER_TO_CLIENT, java.util.Arrays.copyOfRange(response, 0, 300))
                .gap(SERVER_TO_CLIENT, 500)
                .feed(SERVER_TO_CLIENT, java.util.Arrays.copyOfRange(response, 800, response.length));
        assertThat(driver.messages()).hasSize(2);
        assertThat(driver.messages().get(1).responseLength()).isEqualTo(1000);
        assertThat(parser.counters().count(Http2Counter.DATA_GAPS)).isEqualTo(1);
        assertThat(parser.decoder(false).isDesynced()).isFalse();

        // a hole that swallows frame boundaries: resynchronise on the next plausible frame header
        driver.feed(CLIENT_TO_SERVER, H2.headers(3, H2.END_STREAM, ":method", "GET", ":path", "/lost"));
        byte[] lost = concat(H2.headers(3, 0, ":status", "200"), H2.data(3, H2.END_STREAM, 50));
        driver.feed(SERVER_TO_CLIENT, java.util.Arrays.copyOfRange(lost, 0, 5)).gap(SERVER_TO_CLIENT, 40)
                .feed(SERVER_TO_CLIENT, concat(java.util.Arrays.copyOfRange(lost, 45, lost.length),
                        H2.frame(H2.PING, 0, 0, new byte[8]), H2.headers(3, H2.END_STREAM, ":status", "503")));
        assertThat(parser.counters().count(Http2Counter.RESYNCS)).isEqualTo(1);
        assertThat(parser.decoder(false).isDesynced()).as("a header block may have been lost").isTrue();
        assertThat(driver.messages().getLast().responseCode()).isEqualTo(503);
    }

    @Test
    void joinedMidStreamUnknownTableEntriesAreSkipped() {
        // no preface: the client's table may hold entries from before; 0xbe is dynamic entry 62, unknown
        byte[] block = concat(new byte[] {(byte) 0x83, (byte) 0x84, (byte) 0xbe}, H2.indexedLiteral("x-request-id", "r-9"));
        driver.feed(CLIENT_TO_SERVER, H2.frame(H2.HEADERS, H2.END_HEADERS | H2.END_STREAM, 41, block));
        L7Message request = driver.messages().getFirst();
        assertThat(request.requestType()).isEqualTo("POST");
        assertThat(request.requestResource()).isEqualTo("/");
        assertThat(request.requestDomain()).isNull();
        assertThat(request.xRequestId()).isEqualTo("r-9");
        assertThat(parser.counters().count(Http2Counter.UNKNOWN_TABLE_REFERENCES)).isEqualTo(1);
        // the new entry is index 62 now, known
        driver.feed(CLIENT_TO_SERVER, H2.frame(H2.HEADERS, H2.END_HEADERS | H2.END_STREAM, 43, new byte[] {(byte) 0x82, (byte) 0xbe}));
        assertThat(driver.messages().getLast().xRequestId()).isEqualTo("r-9");
    }

    @Test
    void joinedInsideAFrameTheFirstHeaderMustBeStrictlyPlausible() {
        byte[] tailOfData = java.util.Arrays.copyOfRange(H2.data(9, 0, 300), 120, 309);
        driver.feed(SERVER_TO_CLIENT, concat(tailOfData, H2.headers(11, H2.END_STREAM, ":status", "200")));
        assertThat(driver.messages()).extracting(L7Message::sessionId, L7Message::responseCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(11L, 200));
        assertThat(parser.counters().count(Http2Counter.RESYNC_SKIPPED_BYTES)).isEqualTo(tailOfData.length);
    }

    @Test
    void theStreamTableIsBoundedAndEvictionReportsTheOldest() {
        driver.feed(CLIENT_TO_SERVER, H2.preface());
        for (int i = 0; i < 300; i++) {
            driver.feed(CLIENT_TO_SERVER, H2.headers(1 + 2 * i, 0, ":method", "POST", ":path", "/s/" + i));
        }
        assertThat(parser.openStreams()).isEqualTo(Http2Parser.MAX_STREAMS);
        assertThat(parser.counters().count(Http2Counter.EVICTED_STREAMS)).isEqualTo(300 - Http2Parser.MAX_STREAMS);
        assertThat(driver.messages()).extracting(L7Message::requestResource).startsWith("/s/0", "/s/1");
        driver.end();
        assertThat(driver.messages()).hasSize(300);
    }

    @Test
    void obfuscationDropsTheQueryButKeepsTheQuestionMark() {
        TestContext obfuscating = new TestContext(false, ParserSettings.DEFAULTS.withObfuscate(true));
        ParserDriver d = new ParserDriver(protocol.newParser(obfuscating), obfuscating);
        d.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, H2.END_STREAM, ":method", "GET", ":path", "/q?token=secret")));
        assertThat(d.messages().getFirst().requestResource()).isEqualTo("/q?");
    }

    @Test
    void serverPushIsAnExchangeOnThePromisedStream() {
        byte[] promise = H2.frame(H2.PUSH_PROMISE, H2.END_HEADERS, 1,
                concat(H2.int32(2), H2.block(":method", "GET", ":path", "/style.css", ":authority", "example.com")));
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, H2.END_STREAM, ":method", "GET", ":path", "/")))
                .feed(SERVER_TO_CLIENT, concat(promise, H2.headers(1, H2.END_STREAM, ":status", "200"),
                        H2.headers(2, 0, ":status", "200"), H2.data(2, H2.END_STREAM, 64)));

        assertThat(driver.messages()).extracting(L7Message::type, L7Message::sessionId, L7Message::requestResource,
                L7Message::responseLength).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, 1L, "/", null),
                org.assertj.core.groups.Tuple.tuple(MessageType.REQUEST, 2L, "/style.css", null),
                org.assertj.core.groups.Tuple.tuple(MessageType.RESPONSE, 1L, null, 0L),
                org.assertj.core.groups.Tuple.tuple(MessageType.RESPONSE, 2L, null, 64L));
    }

    @Test
    void flowEndReportsWhatIsStillOpen() {
        driver.feed(CLIENT_TO_SERVER, concat(H2.preface(), H2.headers(1, 0, ":method", "POST", ":path", "/upload"), H2.data(1, 0, 10)))
                .feed(SERVER_TO_CLIENT, concat(H2.headers(1, 0, ":status", "200"), H2.data(1, 0, 3)));
        assertThat(driver.messages()).hasSize(1);
        driver.end();
        assertThat(driver.messages()).extracting(L7Message::requestLength, L7Message::responseLength)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, null), org.assertj.core.groups.Tuple.tuple(null, 3L));
        assertThat(parser.openStreams()).isZero();
    }
}
