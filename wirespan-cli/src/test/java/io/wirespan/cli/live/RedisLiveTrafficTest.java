package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real redis-server, real redis-cli, captured by tcpdump on lo: every command is a call log with what redis-cli saw. */
class RedisLiveTrafficTest {
    /** Redis values are masked by default, as in DeepFlow: the command lines are compared whole with masking off. */
    static final String NO_OBFUSCATION = """
            processors:
              request_log:
                tag_extraction:
                  obfuscate_protocols: []
            """;

    @TempDir
    Path temp;

    @Test
    void everyRedisCliCommandIsOneCallLogWithItsCommandLineReplyTypeAndError() {
        List<RedisCli.Exchange> exchanges = new ArrayList<>();
        RedisCli.Pipe pipe;
        int port;
        Path pcap;
        try (RedisServer redis = RedisServer.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("redis.pcap"), "tcp port " + redis.port())) {
            port = redis.port();
            exchanges.add(RedisCli.command(port, "SET", "user:1", "alice"));
            exchanges.add(RedisCli.command(port, "GET", "user:1"));
            exchanges.add(RedisCli.command(port, "GET", "user:2"));
            exchanges.add(RedisCli.command(port, "INCR", "visits"));
            exchanges.add(RedisCli.command(port, "RPUSH", "queue", "a", "b", "c"));
            exchanges.add(RedisCli.command(port, "LRANGE", "queue", "0", "-1"));
            exchanges.add(RedisCli.command(port, "LRANGE", "nothing", "0", "-1"));
            exchanges.add(RedisCli.command(port, "HSET", "session:9", "user", "alice", "ttl", "30"));
            exchanges.add(RedisCli.command(port, "HGETALL", "session:9"));
            exchanges.add(RedisCli.command(port, "INCR", "user:1"));
            exchanges.add(RedisCli.command(port, "LPUSH", "user:1", "x"));
            exchanges.add(RedisCli.command(port, "GET"));
            // An unknown command opens no connection of its own: as in DeepFlow, only a known command
            // makes a flow Redis (or the endpoint's verdict remembered from an earlier flow, which
            // depends on the worker a flow goes to).
            pipe = RedisCli.pipe(port, temp, List.of(List.of("PING"), List.of("SET", "k", "v"), List.of("INCR", "k"),
                    List.of("NOSUCHCOMMAND", "x"), List.of("GET", "k")));
            pcap = capture.stop();
        }
        CallLogs logs = CallLogs.parse(pcap, temp, NO_OBFUSCATION);

        assertThat(exchanges).filteredOn(RedisCli.Exchange::error).extracting(RedisCli.Exchange::errorText)
                .hasSize(3).anyMatch(e -> e.startsWith("ERR ")).anyMatch(e -> e.startsWith("WRONGTYPE "));
        assertThat(pipe.errors()).hasSize(2);
        assertThat(pipe.replies()).isEqualTo(pipe.commands().size());
        SoftAssertions softly = new SoftAssertions();
        for (RedisCli.Exchange x : exchanges) {
            Expected expected = common(port, x.args().getFirst(), x.line())
                    .put("response_status", x.error() ? "server_error" : "ok")
                    // DeepFlow keeps the error reply with its '-' type byte
                    .put("response_exception", x.error() ? "-" + x.errorText() : null)
                    .put("response_result", replyType(x.printed()));
            CallLogs.Log log = logs.only(x.line(), l -> x.line().equals(l.get("request_resource")));
            softly.assertThat(log.fields(expected.fields().keySet())).as(x + "\n" + log.line()).isEqualTo(expected.fields());
        }

        // --pipe: the commands in order on one connection, then redis-cli's ECHO; as many errors as it counted
        CallLogs.Log first = logs.only("PING", l -> "PING".equals(l.get("request_resource")));
        List<CallLogs.Log> piped = logs.where(l -> first.get("client_port").equals(l.get("client_port")));
        assertThat(piped).as("pipelined call logs:\n" + logs.dump()).hasSize(pipe.commands().size() + 1);
        for (int i = 0; i < pipe.commands().size(); i++) {
            List<String> args = pipe.commands().get(i);
            Expected expected = common(port, args.getFirst(), String.join(" ", args));
            softly.assertThat(piped.get(i).fields(expected.fields().keySet())).as(piped.get(i).line()).isEqualTo(expected.fields());
        }
        softly.assertThat(piped.subList(0, pipe.commands().size()))
                .as("the error replies among the piped commands, as redis-cli printed them")
                .filteredOn(l -> "server_error".equals(l.get("response_status"))).extracting(l -> l.get("response_exception"))
                .containsExactlyElementsOf(pipe.errors().stream().map(e -> "-" + e).toList());
        CallLogs.Log echo = piped.getLast();
        softly.assertThat(echo.get("request_type")).as(echo.line()).isEqualTo("ECHO");
        softly.assertThat((String) echo.get("request_resource")).as(echo.line()).startsWith("ECHO ");
        softly.assertThat(echo.get("response_result")).as(echo.line()).isEqualTo("$ Bulk string");

        softly.assertThat(logs.all()).as("call logs besides redis-cli's commands:\n" + logs.dump())
                .hasSize(exchanges.size() + pipe.commands().size() + 1);
        logs.assertTimed(softly);

        // with DeepFlow's default masking the stored value is hidden, the key kept
        CallLogs masked = CallLogs.parse(pcap, temp, null);
        String set = exchanges.getFirst().args().get(0) + " " + exchanges.getFirst().args().get(1);
        CallLogs.Log maskedSet = masked.only(set + " (masked)", l -> l.get("request_resource") instanceof String r && r.startsWith(set + " "));
        softly.assertThat(maskedSet.get("request_resource")).as(maskedSet.line()).isEqualTo(set + " ?");
        softly.assertAll();
    }

    private static Expected common(int port, String name, String line) {
        return new Expected()
                .put("type", "session").put("protocol", "TCP")
                .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1").put("server_port", port)
                .put("l7_protocol", 80).put("l7_protocol_str", "Redis")
                .put("request_type", name)
                .put("request_resource", line)
                .put("response_code", null);
    }

    /** The RESP type that redis-cli's typed output shows, as DeepFlow labels it in response_result. */
    private static String replyType(String printed) {
        if (printed.startsWith("(error) ")) return "- Simple error";
        if (printed.startsWith("(integer) ")) return ": Integer";
        if (printed.startsWith("\"") || printed.equals("(nil)")) return "$ Bulk string"; // (nil): RESP2's null bulk string
        if (printed.equals("(empty array)") || printed.startsWith("1) ")) return "* Array";
        return "+ Simple string";
    }
}
