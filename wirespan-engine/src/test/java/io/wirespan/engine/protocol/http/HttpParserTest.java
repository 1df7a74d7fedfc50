package io.wirespan.engine.protocol.http;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpParserTest {
    private final TestContext context = TestContext.tcp();
    private final HttpParser parser = (HttpParser) new HttpProtocol().newParser(context);
    private final ParserDriver driver = new ParserDriver(parser, context);

    /** Lines joined with CRLF; an empty string is the empty line, the last string follows without one. */
    static byte[] http(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static final byte[] GET = http("GET /api/v1/users/42?x=1 HTTP/1.1", "Host: example.com", "", "");
    private static final byte[] OK = http("HTTP/1.1 200 OK", "Content-Length: 5", "", "hello");

    private List<L7Message> messages() {
        return driver.messages();
    }

    private ParserCounters<HttpCounter> counters() {
        return parser.counters();
    }

    @Test
    void parsesRequestFields() {
        byte[] request = http("POST /api/v1/users/42?x=1&y=2 HTTP/1.1",
                "Host: example.com:8080",
                "Content-Length: 11",
                "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "X-Request-ID: req-7",
                "X-Forwarded-For: 203.0.113.9, 10.0.0.1",
                "",
                "hello world");
        driver.feed(CLIENT_TO_SERVER, request);

        assertThat(messages()).hasSize(1);
        L7Message m = messages().getFirst();
        assertThat(m.type()).isEqualTo(MessageType.REQUEST);
        assertThat(m.requestType()).isEqualTo("POST");
        assertThat(m.requestResource()).isEqualTo("/api/v1/users/42?x=1&y=2");
        assertThat(m.requestDomain()).isEqualTo("example.com:8080");
        assertThat(m.endpoint()).isEqualTo("/api/v1");
        assertThat(m.version()).isEqualTo("1.1");
        assertThat(m.requestLength()).isEqualTo(11L);
        assertThat(m.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(m.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(m.xRequestId()).isEqualTo("req-7");
        assertThat(m.httpProxyClient()).isEqualTo("203.0.113.9, 10.0.0.1");
        assertThat(m.sessionId()).isNull();
        assertThat(m.responseStatus()).isNull();
        assertThat(m.capturedBytes()).as("head and body").isEqualTo(request.length);
    }

    @Test
    void parsesResponseFields() {
        driver.feed(CLIENT_TO_SERVER, GET);
        byte[] response = http("HTTP/1.0 404 Not Found", "Content-Length: 9", "X-Request-ID: resp-1",
                "X-Forwarded-For: 198.51.100.1", "", "not found");
        driver.feed(SERVER_TO_CLIENT, response);

        L7Message m = messages().get(1);
        assertThat(m.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(m.version()).isEqualTo("1.0");
        assertThat(m.responseCode()).isEqualTo(404);
        assertThat(m.responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
        assertThat(m.responseException()).isEqualTo("Not Found");
        assertThat(m.responseLength()).isEqualTo(9L);
        assertThat(m.xRequestId()).isEqualTo("resp-1");
        assertThat(m.httpProxyClient()).as("a request header only").isNull();
        assertThat(m.capturedBytes()).isEqualTo(response.length);
    }

    @ParameterizedTest
    @CsvSource({"101,OK", "200,OK", "302,OK", "399,OK", "400,CLIENT_ERROR", "499,CLIENT_ERROR", "500,SERVER_ERROR",
            "599,SERVER_ERROR", "600,OK"})
    void mapsStatusCodesToResponseStatus(int code, ResponseStatus status) {
        driver.feed(CLIENT_TO_SERVER, GET).feed(SERVER_TO_CLIENT, http("HTTP/1.1 " + code + " Whatever", "Content-Length: 0", "", ""));
        L7Message response = messages().get(1);
        assertThat(response.responseCode()).isEqualTo(code);
        assertThat(response.responseStatus()).isEqualTo(status);
        assertThat(response.responseException()).isEqualTo(status.isError() ? "Whatever" : null);
    }

    @Test
    void parsesPipelinedRequestsInOneSegment() {
        byte[] three = concat(
                http("GET /a HTTP/1.1", "Host: h", "", ""),
                http("POST /b HTTP/1.1", "Host: h", "Content-Length: 3", "", "abc"),
                http("DELETE /c HTTP/1.1", "Host: h", "", ""));
        driver.feed(CLIENT_TO_SERVER, three);
        driver.feed(SERVER_TO_CLIENT, concat(OK, OK, http("HTTP/1.1 204 No Content", "", "")));

        assertThat(messages()).extracting(L7Message::requestType).containsExactly("GET", "POST", "DELETE", null, null, null);
        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/a", "/b", "/c", null, null, null);
        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, null, 200, 200, 204);
        assertThat(messages().stream().mapToLong(L7Message::capturedBytes).limit(3).sum()).isEqualTo(three.length);
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 13, 64})
    void parsesTheSameWhateverTheSegmentation(int chunk) {
        byte[] requests = concat(
                http("POST /upload HTTP/1.1", "Host: h", "Transfer-Encoding: chunked", "", "4;name=v", "wiki", "0", "", ""),
                http("GET /next HTTP/1.1", "Host: h", "", ""));
        byte[] responses = concat(
                http("HTTP/1.1 100 Continue", "", ""),
                http("HTTP/1.1 201 Created", "Transfer-Encoding: chunked", "", "3", "abc", "0", "Trailer-A: 1", "", ""),
                OK);
        ParserDriver whole = new ParserDriver(new HttpProtocol().newParser(context), context)
                .feed(CLIENT_TO_SERVER, requests).feed(SERVER_TO_CLIENT, responses);
        driver.feed(CLIENT_TO_SERVER, requests, chunk).feed(SERVER_TO_CLIENT, responses, chunk);

        assertThat(whole.messages()).hasSize(4);
        assertThat(messages()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("capturedBytes")
                .containsExactlyElementsOf(whole.messages());
        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, 201, 200);
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @Test
    void splitsCapturedBytesAtSegmentBoundaries() {
        byte[] request = http("POST / HTTP/1.1", "Content-Length: 10", "", "0123456789");
        int headLength = request.length - 10;
        driver.feed(CLIENT_TO_SERVER, java.util.Arrays.copyOf(request, headLength + 4));
        driver.feed(CLIENT_TO_SERVER, java.util.Arrays.copyOfRange(request, headLength + 4, request.length));
        assertThat(messages()).singleElement().satisfies(m -> assertThat(m.capturedBytes()).isEqualTo(headLength + 4));
    }

    @Test
    void startsMidStreamAtTheNextStartLine() {
        byte[] tail = http("ody of an earlier request, which started before the capture", "more body", "");
        driver.feed(CLIENT_TO_SERVER, concat(tail, GET));
        driver.feed(SERVER_TO_CLIENT, concat("ss of a response body\r\n".getBytes(StandardCharsets.US_ASCII), OK));

        assertThat(messages()).extracting(L7Message::type).containsExactly(MessageType.REQUEST, MessageType.RESPONSE);
        assertThat(counters().count(HttpCounter.RESYNCS)).isEqualTo(2);
        assertThat(counters().count(HttpCounter.RESYNC_SKIPPED_BYTES)).isEqualTo(tail.length + 23);
    }

    @Test
    void readsChunkedBodyWithExtensionsAndTrailers() {
        driver.feed(CLIENT_TO_SERVER, concat(GET, GET));
        byte[] chunked = http("HTTP/1.1 200 OK", "Transfer-Encoding: gzip, chunked", "",
                "5 ; ext=1;flag", "hello",
                "1A", "abcdefghijklmnopqrstuvwxyz",
                "0;last", "Trailer-One: 1", "Server-Timing: x;dur=1", "", "");
        driver.feed(SERVER_TO_CLIENT, concat(chunked, OK));

        assertThat(messages()).hasSize(4);
        L7Message first = messages().get(2);
        assertThat(first.responseCode()).isEqualTo(200);
        assertThat(first.responseLength()).as("no Content-Length").isNull();
        assertThat(first.capturedBytes()).isEqualTo(chunked.length);
        assertThat(messages().get(3).responseLength()).isEqualTo(5L);
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @Test
    void resyncsAfterMalformedChunkSize() {
        driver.feed(CLIENT_TO_SERVER, concat(GET, GET));
        driver.feed(SERVER_TO_CLIENT, concat(http("HTTP/1.1 200 OK", "Transfer-Encoding: chunked", "", "zz", "junk", ""), OK));
        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, 200, 200);
        assertThat(counters().count(HttpCounter.BAD_CHUNKS)).isEqualTo(1);
    }

    @Test
    void readsNoBodyAfterHeadRequest() {
        driver.feed(CLIENT_TO_SERVER, concat(http("HEAD /big HTTP/1.1", "Host: h", "", ""), GET));
        driver.feed(SERVER_TO_CLIENT, concat(http("HTTP/1.1 200 OK", "Content-Length: 100000", "", ""), OK));

        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, 200, 200);
        assertThat(messages().get(2).responseLength()).as("what a GET would get").isEqualTo(100000L);
        assertThat(messages().get(3).responseLength()).isEqualTo(5L);
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void readsNoBodyAfter204And304(int code) {
        driver.feed(CLIENT_TO_SERVER, concat(GET, GET));
        driver.feed(SERVER_TO_CLIENT, concat(http("HTTP/1.1 " + code + " X", "Content-Length: 42", "", ""), OK));
        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, code, 200);
    }

    @Test
    void readsPastInterimResponses() {
        driver.feed(CLIENT_TO_SERVER, http("PUT /file HTTP/1.1", "Expect: 100-continue", "Content-Length: 4", "", ""));
        driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 100 Continue", "", ""));
        driver.feed(CLIENT_TO_SERVER, "data".getBytes(StandardCharsets.US_ASCII));
        driver.feed(SERVER_TO_CLIENT, concat(http("HTTP/1.1 103 Early Hints", "Link: </s.css>; rel=preload", "", ""),
                http("HTTP/1.1 201 Created", "Content-Length: 0", "", "")));

        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, 201);
        assertThat(counters().count(HttpCounter.INTERIM_RESPONSES)).isEqualTo(2);
    }

    @Test
    void followsAKeepAliveConnection() {
        for (int i = 0; i < 5; i++) {
            driver.feed(CLIENT_TO_SERVER, http("GET /item/" + i + " HTTP/1.1", "Host: h", "Connection: keep-alive", "", ""));
            driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 200 OK", "Content-Length: 2", "", "i" + i));
        }
        assertThat(messages()).hasSize(10);
        assertThat(messages()).extracting(L7Message::requestResource).filteredOn(r -> r != null)
                .containsExactly("/item/0", "/item/1", "/item/2", "/item/3", "/item/4");
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @Test
    void readsResponseWithoutLengthUntilClose() {
        driver.feed(CLIENT_TO_SERVER, GET);
        byte[] head = http("HTTP/1.0 200 OK", "Content-Type: text/plain", "", "");
        driver.feed(SERVER_TO_CLIENT, head);
        driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 200 OK", "this is body, not a response", ""));
        driver.end();

        assertThat(messages()).hasSize(2);
        assertThat(messages().get(1).responseLength()).isNull();
        assertThat(messages().get(1).capturedBytes()).isEqualTo(head.length);
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @Test
    void reportsARequestHeadCutByTheEndOfTheFlow() {
        driver.feed(CLIENT_TO_SERVER, http("GET /productpage HTTP/1.1", "host: productpage:9080", "accept: */*", "x-cut-he"));
        assertThat(messages()).isEmpty();
        driver.end();

        assertThat(messages()).singleElement().satisfies(m -> {
            assertThat(m.requestDomain()).isEqualTo("productpage:9080");
            assertThat(m.capturedBytes()).as("the whole lines").isEqualTo(27 + 24 + 13);
        });
        assertThat(counters().count(HttpCounter.PARTIAL_HEADS_AT_END)).isEqualTo(1);
    }

    @Test
    void reportsAResponseHeadCutByTheEndOfTheFlow() {
        driver.feed(CLIENT_TO_SERVER, GET).feed(SERVER_TO_CLIENT, http("HTTP/1.0 200 OK", "")).end();
        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, 200);
        assertThat(counters().count(HttpCounter.PARTIAL_HEADS_AT_END)).isEqualTo(1);
    }

    @Test
    void reportsAnUnfinishedRequestHeadWhenItsResponseBegins() {
        driver.feed(CLIENT_TO_SERVER, http("POST /cut HTTP/1.1", "Host: h", "Content-Length: 4", "X-Cut: abc"));
        driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 200 OK", "Content-Length: 0", "", ""));
        assertThat(messages()).extracting(L7Message::type).containsExactly(MessageType.REQUEST, MessageType.RESPONSE);
        assertThat(messages().getFirst().requestLength()).isEqualTo(4L);

        driver.feed(CLIENT_TO_SERVER, http("def", "", "body"));
        driver.feed(CLIENT_TO_SERVER, GET);
        driver.end();
        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/cut", null, "/api/v1/users/42?x=1");
        assertThat(counters().count(HttpCounter.EARLY_HEADS)).isEqualTo(1);
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @Test
    void waitsForAPipelinedHeadWhenTheResponseIsForAnEarlierRequest() {
        driver.feed(CLIENT_TO_SERVER, concat(GET, http("GET /second HTTP/1.1", "Host: h")));
        driver.feed(SERVER_TO_CLIENT, OK);
        driver.feed(CLIENT_TO_SERVER, http("", "X-Late: 1", "", ""));
        driver.feed(SERVER_TO_CLIENT, OK);

        assertThat(messages()).extracting(L7Message::type)
                .containsExactly(MessageType.REQUEST, MessageType.RESPONSE, MessageType.REQUEST, MessageType.RESPONSE);
        assertThat(messages().get(2).requestResource()).isEqualTo("/second");
        assertThat(counters().count(HttpCounter.EARLY_HEADS)).isZero();
    }

    @Test
    void handsTheFlowOverAfterSwitchingProtocols() {
        driver.feed(CLIENT_TO_SERVER, http("GET /chat HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "", ""));
        byte[] switching = http("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", "", "");
        byte[] frame = {(byte) 0x81, 0x02, 'h', 'i'};
        byte[] segment = concat(switching, frame);
        int consumed = parser.parse(SERVER_TO_CLIENT, segment, 0, segment.length, context, messages()::add);

        assertThat(consumed).as("the WebSocket frame is left for the next protocol").isEqualTo(switching.length);
        assertThat(parser.protocolSwitched()).isTrue();
        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, 101);
        assertThat(parser.parse(CLIENT_TO_SERVER, frame, 0, frame.length, context, messages()::add)).isZero();
    }

    @Test
    void handsTheFlowOverToTheTunnelAfterConnect() {
        driver.feed(CLIENT_TO_SERVER, http("CONNECT example.com:443 HTTP/1.1", "Host: example.com:443", "", ""));
        assertThat(parser.protocolSwitched()).isFalse();
        driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 200 Connection established", "", ""));

        assertThat(parser.protocolSwitched()).isTrue();
        assertThat(messages().getFirst().requestResource()).isEqualTo("example.com:443");
    }

    @Test
    void staysHttpWhenConnectIsRefused() {
        driver.feed(CLIENT_TO_SERVER, http("CONNECT example.com:443 HTTP/1.1", "", ""));
        driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 407 Proxy Authentication Required", "Content-Length: 0", "", ""));
        assertThat(parser.protocolSwitched()).isFalse();
        assertThat(messages().get(1).responseStatus()).isEqualTo(ResponseStatus.CLIENT_ERROR);
    }

    @Test
    void resyncsOnGarbageBetweenMessages() {
        byte[] garbage = "\u0000\u0001binary\r\nGETTING warm\r\nHTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1);
        driver.feed(CLIENT_TO_SERVER, concat(GET, garbage, http("GET /after HTTP/1.1", "", "")));
        driver.feed(SERVER_TO_CLIENT, concat(OK, "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), OK));

        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/api/v1/users/42?x=1", "/after", null, null);
        assertThat(counters().count(HttpCounter.RESYNCS)).isEqualTo(2);
        assertThat(counters().count(HttpCounter.RESYNC_SKIPPED_BYTES)).isEqualTo(garbage.length + 16);
    }

    @Test
    void skipsMalformedStartLines() {
        driver.feed(CLIENT_TO_SERVER, concat(http("GET /no-version", "GET /x HTTP/2.0", "GET  HTTP/1.1", ""), GET));
        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/api/v1/users/42?x=1");
        assertThat(counters().count(HttpCounter.BAD_START_LINES)).isEqualTo(3);
    }

    @Test
    void keepsInStepAfterAGapInsideABody() {
        driver.feed(CLIENT_TO_SERVER, concat(GET, GET));
        byte[] head = http("HTTP/1.1 200 OK", "Content-Length: 1000", "", "");
        driver.feed(SERVER_TO_CLIENT, concat(head, new byte[100]));
        driver.gap(SERVER_TO_CLIENT, 800);
        driver.feed(SERVER_TO_CLIENT, concat(new byte[100], OK));

        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, 200, 200);
        assertThat(counters().count(HttpCounter.RESYNCS)).isZero();
    }

    @Test
    void resyncsAfterAGapPastTheBody() {
        driver.feed(CLIENT_TO_SERVER, concat(GET, GET, GET));
        driver.feed(SERVER_TO_CLIENT, http("HTTP/1.1 200 OK", "Content-Length: 1000", "", "partial"));
        driver.gap(SERVER_TO_CLIENT, 2000);
        driver.feed(SERVER_TO_CLIENT, concat("dy of the second response\r\n".getBytes(StandardCharsets.US_ASCII), OK));

        assertThat(messages()).extracting(L7Message::responseCode).containsExactly(null, null, null, 200, 200);
        assertThat(counters().count(HttpCounter.GAPS_ACROSS_MESSAGES)).isEqualTo(1);
        assertThat(counters().count(HttpCounter.RESYNCS)).isEqualTo(1);
    }

    @Test
    void dropsAHeadCutByAGap() {
        driver.feed(CLIENT_TO_SERVER, http("GET /lost HTTP/1.1", "Host: h", ""));
        driver.gap(CLIENT_TO_SERVER, 50);
        driver.feed(CLIENT_TO_SERVER, concat("x: y\r\n\r\n".getBytes(StandardCharsets.US_ASCII), GET));
        driver.end();

        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/api/v1/users/42?x=1");
        assertThat(counters().count(HttpCounter.DROPPED_HEADS)).isEqualTo(1);
    }

    @Test
    void givesUpOnAHeaderLineOverTheLimit() {
        byte[] huge = http("GET /huge HTTP/1.1", "Cookie: " + "c".repeat(HttpFramer.MAX_LINE), "", "");
        driver.feed(CLIENT_TO_SERVER, concat(huge, GET), 1460);

        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/api/v1/users/42?x=1");
        assertThat(counters().count(HttpCounter.LINES_TOO_LONG)).isEqualTo(1);
        assertThat(counters().count(HttpCounter.DROPPED_HEADS)).isEqualTo(1);
    }

    @Test
    void givesUpOnAHeadOverTheLimit() {
        List<String> lines = new ArrayList<>(List.of("GET /many HTTP/1.1"));
        for (int i = 0; lines.size() * 1000 < HttpFramer.MAX_HEAD + 2000; i++) lines.add("X-Filler-" + i + ": " + "f".repeat(980));
        lines.add("");
        lines.add("");
        driver.feed(CLIENT_TO_SERVER, concat(http(lines.toArray(String[]::new)), GET), 1460);

        assertThat(messages()).extracting(L7Message::requestResource).containsExactly("/api/v1/users/42?x=1");
        assertThat(counters().count(HttpCounter.HEADS_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void acceptsBareLineFeeds() {
        driver.feed(CLIENT_TO_SERVER, "GET /lf HTTP/1.0\nHost: h\n\n".getBytes(StandardCharsets.US_ASCII));
        driver.feed(SERVER_TO_CLIENT, "HTTP/1.0 200 OK\nContent-Length: 2\n\nok".getBytes(StandardCharsets.US_ASCII));
        assertThat(messages()).extracting(L7Message::version).containsExactly("1.0", "1.0");
        assertThat(messages().getFirst().requestDomain()).isEqualTo("h");
    }

    @Test
    void skipsTheBodyOfARequestWithAnUnreadableLength() {
        driver.feed(CLIENT_TO_SERVER, concat(http("POST /x HTTP/1.1", "Content-Length: 12abc", "", "body\r\n"), GET));
        assertThat(messages()).extracting(L7Message::requestLength).containsExactly(null, null);
        assertThat(messages()).hasSize(2);
        assertThat(counters().count(HttpCounter.BAD_CONTENT_LENGTHS)).isEqualTo(1);
    }

    @Test
    void obfuscatesTheQueryAndTruncatesLongFields() {
        ParserSettings settings = new ParserSettings(12, List.of(), List.of(), List.of(), List.of(), true, Map.of());
        TestContext obfuscating = new TestContext(false, settings);
        ParserDriver d = new ParserDriver(new HttpProtocol().newParser(obfuscating), obfuscating);
        d.feed(CLIENT_TO_SERVER, http("GET /q?secret=1 HTTP/1.1", "Host: a-very-long-host-name", "", ""));
        d.feed(CLIENT_TO_SERVER, http("GET /a-long-path/with/segments?k=v HTTP/1.1", "", ""));

        assertThat(d.messages()).extracting(L7Message::requestResource).containsExactly("/q?", "/a-long-path");
        assertThat(d.messages()).extracting(L7Message::endpoint).containsExactly("/q", "/a-long-path/with");
        assertThat(d.messages().getFirst().requestDomain()).isEqualTo("a-very-long-");
    }

    @Test
    void boundsThePendingRequests() {
        for (int i = 0; i < PendingMethods.CAPACITY + 3; i++) driver.feed(CLIENT_TO_SERVER, GET);
        assertThat(counters().count(HttpCounter.PENDING_OVERFLOWS)).isEqualTo(3);
    }

    @Test
    void ignoresResponsesOnTheClientSideAndRequestsOnTheServerSide() {
        driver.feed(CLIENT_TO_SERVER, OK);
        driver.feed(SERVER_TO_CLIENT, GET);
        assertThat(messages()).isEmpty();
        assertThat(counters().count(HttpCounter.RESYNCS)).isEqualTo(2);
    }
}
