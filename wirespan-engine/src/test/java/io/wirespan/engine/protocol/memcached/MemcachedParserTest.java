package io.wirespan.engine.protocol.memcached;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemcachedParserTest {
    private final TestContext context = TestContext.tcp();
    private final MemcachedParser parser = new MemcachedParser(context);
    private final ParserDriver driver = new ParserDriver(parser, context);

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<L7Message> of(MessageType type) {
        return driver.messages().stream().filter(m -> m.type() == type).toList();
    }

    private List<String> resources() {
        return of(MessageType.REQUEST).stream().map(L7Message::requestResource).toList();
    }

    private List<String> results() {
        return of(MessageType.RESPONSE).stream().map(L7Message::responseResult).toList();
    }

    @Test
    void reportsStorageCommandAndReply() {
        driver.feed(CLIENT_TO_SERVER, bytes("set foo 0 0 3\r\n"));
        driver.feed(CLIENT_TO_SERVER, bytes("bar\r\n"));
        driver.feed(SERVER_TO_CLIENT, bytes("STORED\r\n"));
        L7Message request = driver.messages().get(0);
        assertThat(request.requestType()).isEqualTo("set");
        assertThat(request.requestResource()).isEqualTo("set foo 0 0 3");
        assertThat(request.capturedBytes()).isEqualTo(20);
        L7Message response = driver.messages().get(1);
        assertThat(response.responseResult()).isEqualTo("STORED");
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.OK);
    }

    @Test
    void readsAValueListToItsEnd() {
        driver.feed(CLIENT_TO_SERVER, bytes("get foo bar\r\nget x\r\n"));
        driver.feed(SERVER_TO_CLIENT, bytes("VALUE foo 0 3\r\nEND\r\nVALUE bar 0 5 7\r\nab\r\nc\r\nEND\r\nEND\r\n"));
        assertThat(resources()).containsExactly("get foo bar", "get x");
        assertThat(results()).containsExactly("VALUE foo 0 3", "END");
        assertThat(of(MessageType.RESPONSE).getFirst().capturedBytes()).isEqualTo(49);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NOT_FOUND|UNKNOWN|",
        "ERROR|CLIENT_ERROR|ERROR",
        "CLIENT_ERROR bad data chunk|CLIENT_ERROR|bad data chunk",
        "SERVER_ERROR out of memory|SERVER_ERROR|out of memory",
        "DELETED|OK|",
        "42|OK|",
        "EXISTS|OK|",
    })
    void mapsReplyStatuses(String reply, ResponseStatus status, String exception) {
        driver.feed(CLIENT_TO_SERVER, bytes("delete k\r\n"));
        driver.feed(SERVER_TO_CLIENT, bytes(reply + "\r\n"));
        L7Message response = of(MessageType.RESPONSE).getFirst();
        assertThat(response.responseResult()).isEqualTo(reply);
        assertThat(response.responseStatus()).isEqualTo(status);
        assertThat(response.responseException()).isEqualTo(exception);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 13})
    void givesTheSameMessagesInAnyChunking(int chunk) {
        driver.feed(CLIENT_TO_SERVER, bytes("set a 0 0 5\r\nhello\r\nget a\r\nstats\r\nms k 2 T0\r\nhi\r\nincr n 1\r\n"), chunk);
        driver.feed(SERVER_TO_CLIENT, bytes("STORED\r\nVALUE a 0 5\r\nhello\r\nEND\r\nSTAT pid 1\r\nSTAT uptime 2\r\nEND\r\n"
                + "HD\r\n2\r\n"), chunk);
        assertThat(resources()).containsExactly("set a 0 0 5", "get a", "stats", "ms k 2 T0", "incr n 1");
        assertThat(results()).containsExactly("STORED", "VALUE a 0 5", "STAT pid 1", "HD", "2");
        assertThat(parser.counters().total(MemcachedCounter::malformed)).isZero();
    }

    /** memcached answers an unknown verb (verbs are case-sensitive) and an empty line with ERROR. */
    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void awaitsTheErrorOfAnUnknownCommandSoPipelinedCommandsKeepTheirReplies(int chunk) {
        driver.feed(CLIENT_TO_SERVER, bytes("set g 0 60 5\r\nhello\r\nbogus\r\nget g\r\n\r\nGET g\r\nincr g 1\r\n"), chunk);
        driver.feed(SERVER_TO_CLIENT, bytes("STORED\r\nERROR\r\nVALUE g 0 5\r\nhello\r\nEND\r\nERROR\r\nERROR\r\n"
                + "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"), chunk);
        assertThat(resources()).containsExactly("set g 0 60 5", "get g", "incr g 1");
        assertThat(results()).containsExactly("STORED", "VALUE g 0 5",
                "CLIENT_ERROR cannot increment or decrement non-numeric value");
        assertThat(parser.counters().count(MemcachedCounter.UNPAIRED_REPLIES)).isZero();
    }

    @Test
    void reportsNoreplyAsAWholeExchangeAndSkipsQuit() {
        driver.feed(CLIENT_TO_SERVER, bytes("set a 0 0 1 noreply\r\nx\r\nget a\r\nquit\r\n"));
        driver.feed(SERVER_TO_CLIENT, bytes("VALUE a 0 1\r\nx\r\nEND\r\n"));
        assertThat(of(MessageType.SESSION)).extracting(L7Message::requestResource).containsExactly("set a 0 0 1 noreply");
        assertThat(resources()).containsExactly("get a");
        assertThat(results()).containsExactly("VALUE a 0 1");
    }

    @Test
    void ignoresReplyBeforeAnyCommandAndStartsMidValue() {
        driver.feed(SERVER_TO_CLIENT, bytes("rest of a value\r\nEND\r\n"));
        driver.feed(CLIENT_TO_SERVER, bytes("get k\r\n"));
        driver.feed(SERVER_TO_CLIENT, bytes("END\r\n"));
        assertThat(results()).containsExactly("END");
        assertThat(parser.counters().count(MemcachedCounter.UNPAIRED_REPLIES)).isEqualTo(1);
        assertThat(parser.counters().count(MemcachedCounter.BAD_REPLY)).isEqualTo(1);
    }

    @Test
    void resyncsAfterAGapInsideADataBlock() {
        byte[] set = bytes("set k 0 0 10\r\n0123456789\r\n");
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOf(set, 18));
        driver.gap(CLIENT_TO_SERVER, 4);
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOfRange(set, 22, set.length));
        driver.feed(CLIENT_TO_SERVER, bytes("get k\r\n"));
        assertThat(resources()).containsExactly("get k");
    }

    @Test
    void countsGarbageLinesAndBadDataEnds() {
        driver.feed(CLIENT_TO_SERVER, bytes("bogus x\r\nset k 0 0 2\r\nabc\r\nget k\r\n"));
        assertThat(resources()).containsExactly("get k");
        assertThat(parser.counters().count(MemcachedCounter.BAD_COMMAND)).isEqualTo(1);
        assertThat(parser.counters().count(MemcachedCounter.BAD_DATA_END)).isEqualTo(1);
    }

    @Test
    void pairsBinaryMessagesByOpaque() {
        HexFormat hex = HexFormat.of();
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        requests.writeBytes(hex.parseHex("800000030000000000000003000000070000000000000000666f6f")); // Get foo, opaque 7
        requests.writeBytes(hex.parseHex("80010001080000000000000a000000080000000000000000"
                + "0000000000000000" + "6b" + "76")); // Set k=v, extras 8, opaque 8
        driver.feed(CLIENT_TO_SERVER, requests.toByteArray(), 5);
        driver.feed(SERVER_TO_CLIENT, hex.parseHex("8100000000000001000000090000000700000000000000004e6f7420666f756e64"));
        driver.feed(SERVER_TO_CLIENT, hex.parseHex("810100000000000000000000000000080000000000000001"));
        assertThat(of(MessageType.REQUEST)).extracting(L7Message::requestType, L7Message::requestResource, L7Message::sessionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Get", "foo", 7L),
                        org.assertj.core.groups.Tuple.tuple("Set", "k", 8L));
        assertThat(of(MessageType.RESPONSE)).extracting(L7Message::responseStatus, L7Message::responseCode, L7Message::sessionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ResponseStatus.UNKNOWN, 1, 7L),
                        org.assertj.core.groups.Tuple.tuple(ResponseStatus.OK, 0, 8L));
    }
}
