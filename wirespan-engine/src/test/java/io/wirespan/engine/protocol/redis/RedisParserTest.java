package io.wirespan.engine.protocol.redis;

import static io.wirespan.api.Direction.CLIENT_TO_SERVER;
import static io.wirespan.api.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisParserTest {
    private TestContext context = TestContext.tcp();
    private RedisParser parser = new RedisParser(context);
    private ParserDriver driver = new ParserDriver(parser, context);

    /** A command as a RESP array of bulk strings. */
    static byte[] command(String... args) {
        StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return bytes(b.toString());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private void useSettings(ParserSettings settings) {
        context = new TestContext(false, settings);
        parser = new RedisParser(context);
        driver = new ParserDriver(parser, context);
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
    void reportsCommandAndBulkReply() {
        driver.feed(CLIENT_TO_SERVER, command("GET", "user_conf_config_1"));
        driver.feed(SERVER_TO_CLIENT, bytes("$5\r\nhello\r\n"));

        L7Message request = driver.messages().get(0);
        assertThat(request.type()).isEqualTo(MessageType.REQUEST);
        assertThat(request.requestType()).isEqualTo("GET");
        assertThat(request.requestResource()).isEqualTo("GET user_conf_config_1");
        assertThat(request.sessionId()).isNull();
        assertThat(request.capturedBytes()).isEqualTo(command("GET", "user_conf_config_1").length);
        L7Message response = driver.messages().get(1);
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.OK);
        assertThat(response.responseResult()).isEqualTo("$ Bulk string");
        assertThat(response.responseException()).isNull();
        assertThat(response.capturedBytes()).isEqualTo(11);
    }

    @Test
    void keepsCommandCaseAsSent() {
        driver.feed(CLIENT_TO_SERVER, command("get", "abcd"));
        assertThat(driver.messages().getFirst().requestType()).isEqualTo("get");
        assertThat(driver.messages().getFirst().requestResource()).isEqualTo("get abcd");
    }

    @Test
    void reportsErrorLineAsSentWithServerError() {
        driver.feed(CLIENT_TO_SERVER, command("get", "abcd"));
        driver.feed(SERVER_TO_CLIENT, bytes("-NOAUTH Authentication required.\r\n"));
        L7Message response = of(MessageType.RESPONSE).getFirst();
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(response.responseResult()).isEqualTo("- Simple error");
        assertThat(response.responseException()).isEqualTo("-NOAUTH Authentication required.");
    }

    @Test
    void reportsBulkErrorTextWithServerError() {
        driver.feed(CLIENT_TO_SERVER, command("EVAL", "x", "0"));
        driver.feed(SERVER_TO_CLIENT, bytes("!21\r\nSYNTAX invalid syntax\r\n"));
        L7Message response = of(MessageType.RESPONSE).getFirst();
        assertThat(response.responseStatus()).isEqualTo(ResponseStatus.SERVER_ERROR);
        assertThat(response.responseResult()).isEqualTo("! Bulk error");
        assertThat(response.responseException()).isEqualTo("SYNTAX invalid syntax");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "+OK\\r\\n => + Simple string",
        ":1000\\r\\n => : Integer",
        "$-1\\r\\n => $ Bulk string",
        "*-1\\r\\n => * Array",
        "*0\\r\\n => * Array",
        "*2\\r\\n$1\\r\\na\\r\\n*1\\r\\n:1\\r\\n => * Array",
        "_\\r\\n => _ Null",
        "#t\\r\\n => # Boolean",
        ",3.14\\r\\n => , Double",
        "(3492890328409238509324850943850943825024385\\r\\n => ( Big number",
        "=15\\r\\ntxt:Some string\\r\\n => = Verbatim string",
        "%1\\r\\n+a\\r\\n:1\\r\\n => % Map",
        "~2\\r\\n+a\\r\\n+b\\r\\n => ~ Set",
        "|1\\r\\n+ttl\\r\\n:3600\\r\\n:5\\r\\n => : Integer",
    })
    void labelsEveryReplyType(String reply, String label) {
        driver.feed(CLIENT_TO_SERVER, command("PING"));
        driver.feed(SERVER_TO_CLIENT, bytes(reply.replace("\\r\\n", "\r\n")));
        assertThat(results()).containsExactly(label);
        assertThat(of(MessageType.RESPONSE).getFirst().responseStatus()).isEqualTo(ResponseStatus.OK);
    }

    @Test
    void pairsPipelinedCommandsInOrderAndMultiExec() {
        driver.feed(CLIENT_TO_SERVER, concat(command("MULTI"), command("INCR", "a"), command("GET", "a"), command("EXEC")));
        driver.feed(SERVER_TO_CLIENT, bytes("+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n:1\r\n$1\r\n1\r\n"));
        assertThat(resources()).containsExactly("MULTI", "INCR a", "GET a", "EXEC");
        assertThat(results()).containsExactly("+ Simple string", "+ Simple string", "+ Simple string", "* Array");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void givesTheSameMessagesInAnyChunking(int chunk) {
        byte[] requests = concat(command("SET", "k", "v"), command("HGETALL", "h"), bytes("PING\r\n"));
        byte[] replies = bytes("+OK\r\n%2\r\n$1\r\na\r\n*1\r\n:1\r\n$1\r\nb\r\n_\r\n+PONG\r\n");
        driver.feed(CLIENT_TO_SERVER, requests, chunk);
        driver.feed(SERVER_TO_CLIENT, replies, chunk);
        assertThat(resources()).containsExactly("SET k v", "HGETALL h", "PING");
        assertThat(results()).containsExactly("+ Simple string", "% Map", "+ Simple string");
        assertThat(parser.counters().total(RedisCounter::malformed)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 9, 1000})
    void framesRunsOfBulksInNestedArraysInAnyChunking(int chunk) {
        driver.feed(CLIENT_TO_SERVER, concat(command("LRANGE", "l", "0", "-1"), command("EXEC"), command("GET", "k")));
        byte[] lrange = bytes("*3\r\n$1\r\na\r\n$2\r\nbb\r\n$0\r\n\r\n");
        byte[] exec = bytes("*2\r\n*2\r\n$1\r\nx\r\n$1\r\ny\r\n*1\r\n$3\r\nzzz\r\n");
        byte[] get = bytes("$1\r\nv\r\n");
        driver.feed(SERVER_TO_CLIENT, concat(lrange, exec, get), chunk);
        assertThat(results()).containsExactly("* Array", "* Array", "$ Bulk string");
        assertThat(of(MessageType.RESPONSE)).extracting(L7Message::capturedBytes)
                .containsExactly((long) lrange.length, (long) exec.length, (long) get.length);
        assertThat(parser.counters().total(RedisCounter::malformed)).isZero();
    }

    @Test
    void consumesALargeBulkReplyAsItArrives() {
        driver.feed(CLIENT_TO_SERVER, command("GET", "big"));
        byte[] value = new byte[490_493];
        Arrays.fill(value, (byte) 'x');
        byte[] reply = concat(bytes("$" + value.length + "\r\n"), value, bytes("\r\n"));
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        int at = 0;
        while (at < reply.length) {
            int n = Math.min(1448, reply.length - at);
            held.write(reply, at, n);
            byte[] view = held.toByteArray();
            int consumed = parser.parse(SERVER_TO_CLIENT, view, 0, view.length, context, driver.messages()::add);
            assertThat(view.length - consumed).as("bytes held back").isLessThan(16);
            held.reset();
            held.write(view, consumed, view.length - consumed);
            at += n;
        }
        assertThat(results()).containsExactly("$ Bulk string");
        assertThat(of(MessageType.RESPONSE).getFirst().capturedBytes()).isEqualTo(reply.length);
    }

    @Test
    void reportsABulkReplyOnItsHeaderEvenIfTheCaptureEndsInside() {
        driver.feed(CLIENT_TO_SERVER, command("GET", "big"));
        driver.feed(SERVER_TO_CLIENT, bytes("$490493\r\n{\"OPT_STATUS\": \"SUCCESS\""));
        assertThat(results()).containsExactly("$ Bulk string");
        driver.feed(SERVER_TO_CLIENT, bytes("x".repeat(490_493 - 24) + "\r\n+OK\r\n"));
        assertThat(results()).containsExactly("$ Bulk string");
        assertThat(parser.counters().count(RedisCounter.UNPAIRED_REPLIES)).isEqualTo(1);
    }

    @Test
    void truncatesTheCommandLine() {
        useSettings(new ParserSettings(16, List.of(), List.of(), List.of(), List.of(), false, java.util.Map.of()));
        driver.feed(CLIENT_TO_SERVER, command("SET", "key", "a-rather-long-value-here"));
        assertThat(resources()).containsExactly("SET key a-rather");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTH secret|AUTH ?",
        "AUTH user secret|AUTH ? ?",
        "SET k v EX 10|SET k ? EX 10",
        "setex k 10 v|setex k 10 ?",
        "HSET h f1 v1 f2 v2|HSET h f1 ? f2 ?",
        "MSET a 1 b 2|MSET a ? b ?",
        "ZADD z NX 1 m 2 n|ZADD z NX ? m ? n",
        "CONFIG SET maxmemory 100mb|CONFIG SET maxmemory ?",
        "LPUSH l a b|LPUSH l ? ?",
        "GET k|GET k",
        "HELLO 3 AUTH u p|HELLO 3 AUTH u ?",
    })
    void masksValuesWhenObfuscating(String sent, String shown) {
        useSettings(ParserSettings.DEFAULTS.withObfuscate(true));
        driver.feed(CLIENT_TO_SERVER, command(sent.split(" ")));
        assertThat(resources()).containsExactly(shown);
    }

    @Test
    void readsInlineCommandsOnceIdentified() {
        driver.feed(CLIENT_TO_SERVER, concat(command("PING"), bytes("set  k   v\r\n")));
        driver.feed(SERVER_TO_CLIENT, bytes("+PONG\r\n+OK\r\n"));
        assertThat(resources()).containsExactly("PING", "set k v");
        assertThat(of(MessageType.REQUEST).get(1).requestType()).isEqualTo("set");
        assertThat(results()).hasSize(2);
    }

    @Test
    void ignoresReplyBeforeAnyRequest() {
        driver.feed(SERVER_TO_CLIENT, bytes("+OK\r\n"));
        driver.feed(CLIENT_TO_SERVER, command("PING"));
        driver.feed(SERVER_TO_CLIENT, bytes("+PONG\r\n"));
        assertThat(of(MessageType.RESPONSE)).hasSize(1);
        assertThat(parser.counters().count(RedisCounter.UNPAIRED_REPLIES)).isEqualTo(1);
    }

    @Test
    void startsMidBulkAndResyncsAtTheNextValue() {
        // The capture starts inside a bulk payload of the reply, then a full exchange follows.
        driver.feed(SERVER_TO_CLIENT, bytes("tail of a value\r\n"));
        driver.feed(CLIENT_TO_SERVER, command("GET", "k"));
        driver.feed(SERVER_TO_CLIENT, bytes("$1\r\nv\r\n"));
        assertThat(resources()).containsExactly("GET k");
        assertThat(results()).containsExactly("$ Bulk string");
    }

    @Test
    void resyncsAfterGarbageBetweenReplies() {
        driver.feed(CLIENT_TO_SERVER, concat(command("GET", "a"), command("GET", "b")));
        driver.feed(SERVER_TO_CLIENT, bytes("$1\r\nA\r\n\u0001\u0002junk\r\n:7\r\n"));
        assertThat(results()).containsExactly("$ Bulk string", ": Integer");
        assertThat(parser.counters().count(RedisCounter.BAD_TYPE)).isEqualTo(1);
        assertThat(parser.counters().count(RedisCounter.RESYNC_SKIPPED_BYTES)).isGreaterThan(0);
    }

    @Test
    void dropsThePartialCommandAtAGapAndGoesOn() {
        byte[] first = command("SET", "k", "0123456789");
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOf(first, 20));
        driver.gap(CLIENT_TO_SERVER, 10);
        driver.feed(CLIENT_TO_SERVER, Arrays.copyOfRange(first, 30, first.length));
        driver.feed(CLIENT_TO_SERVER, command("GET", "k"));
        assertThat(resources()).containsExactly("GET k");
    }

    @Test
    void rejectsBadLengthsAndTooDeepNesting() {
        driver.feed(CLIENT_TO_SERVER, command("PING"));
        driver.feed(SERVER_TO_CLIENT, bytes("$abc\r\n"));
        assertThat(parser.counters().count(RedisCounter.BAD_LENGTH)).isEqualTo(1);

        useSettings(ParserSettings.DEFAULTS);
        driver.feed(CLIENT_TO_SERVER, command("PING"));
        driver.feed(SERVER_TO_CLIENT, bytes("*1\r\n".repeat(RedisFramer.MAX_DEPTH + 1) + ":1\r\n"));
        assertThat(parser.counters().count(RedisCounter.TOO_DEEP)).isEqualTo(1);
        driver.feed(CLIENT_TO_SERVER, command("PING"));
        driver.feed(SERVER_TO_CLIENT, bytes("+PONG\r\n"));
        assertThat(results()).last().isEqualTo("+ Simple string");
    }

    @Test
    void skipsPushesAndPubSubMessages() {
        driver.feed(CLIENT_TO_SERVER, command("SUBSCRIBE", "a", "b"));
        driver.feed(SERVER_TO_CLIENT, bytes("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n"
                + "*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                + "*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n"
                + ">3\r\n$7\r\nmessage\r\n$1\r\nb\r\n$2\r\nho\r\n"));
        driver.feed(CLIENT_TO_SERVER, command("PING"));
        driver.feed(SERVER_TO_CLIENT, bytes("*2\r\n$4\r\npong\r\n$0\r\n\r\n"));
        assertThat(results()).containsExactly("* Array", "* Array");
        assertThat(parser.counters().count(RedisCounter.PUSHES)).isEqualTo(3);
    }

    @Test
    void countsClientValuesThatAreNotCommands() {
        driver.feed(CLIENT_TO_SERVER, concat(bytes("*1\r\n:1\r\n"), command("PING")));
        assertThat(resources()).containsExactly("PING");
        assertThat(parser.counters().count(RedisCounter.NOT_A_COMMAND)).isEqualTo(1);
    }
}
