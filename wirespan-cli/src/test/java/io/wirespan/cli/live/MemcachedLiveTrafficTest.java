package io.wirespan.cli.live;

import static io.wirespan.cli.live.MemcachedClient.Command.of;
import static io.wirespan.cli.live.MemcachedClient.Command.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real memcached and a plain socket client speaking its text protocol, captured by tcpdump on lo:
 * every command is a call log with the reply the client read, one command at a time and pipelined.
 */
class MemcachedLiveTrafficTest {
    /** memcached listens on a free port, and Memcached is only tried on port 11211 by default (as in DeepFlow). */
    private static final String MEMCACHED_ON_EVERY_PORT = """
            processors:
              request_log:
                filters:
                  port_number_prefilters:
                    Memcached: "1-65535"
            """;
    /** Lines that are no memcached command (verbs are case-sensitive): memcached answers ERROR, DeepFlow logs nothing. */
    private static final Set<String> UNKNOWN = Set.of("bogus x", "GET k", "");

    @TempDir
    Path temp;

    @Test
    void everyCommandIsOneCallLogWithTheReplyTheClientRead() {
        List<MemcachedClient.Exchange> exchanges = new ArrayList<>();
        int port;
        CallLogs logs;
        try (Memcached memcached = Memcached.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("memcached.pcap"), "tcp port " + memcached.port())) {
            port = memcached.port();
            try (MemcachedClient client = MemcachedClient.connect(port)) {
                for (MemcachedClient.Command c : List.of(store("set greeting 0 60 5", "hello"), of("get greeting"),
                        of("get missing"), store("add greeting 0 60 3", "bye"), of("incr greeting 1"),
                        store("set counter 0 0 1", "7"), of("incr counter 5"), of("touch counter 30"),
                        of("delete greeting"), of("delete greeting"), of("get"), of("bogus x"))) {
                    exchanges.add(client.send(c));
                }
                client.quit();
            }
            try (MemcachedClient client = MemcachedClient.connect(port)) {
                exchanges.addAll(client.pipeline(List.of(store("set k 0 0 2", "hi"), of("GET k"), of("gets k missing"),
                        of(""), of("decr k 1"), of("delete k"))));
                client.quit();
            }
            logs = CallLogs.parse(capture.stop(), temp, MEMCACHED_ON_EVERY_PORT);
        }

        assertThat(exchanges).extracting(MemcachedClient.Exchange::replyLine).contains("STORED", "END", "NOT_STORED",
                "DELETED", "NOT_FOUND", "TOUCHED", "ERROR");
        assertThat(exchanges.get(1).reply()).containsExactly("VALUE greeting 0 5", "hello", "END");
        SoftAssertions softly = new SoftAssertions();
        List<Integer> connections = exchanges.stream().map(MemcachedClient.Exchange::localPort).distinct().toList();
        for (int clientPort : connections) {
            List<MemcachedClient.Exchange> logged = exchanges.stream()
                    .filter(x -> x.localPort() == clientPort && !UNKNOWN.contains(x.command().line())).toList();
            List<CallLogs.Log> found = logs.where(l -> Long.valueOf(clientPort).equals(l.get("client_port")));
            softly.assertThat(found).as("call logs of the connection from port " + clientPort + ":\n" + logs.dump())
                    .hasSize(logged.size());
            for (int i = 0; i < Math.min(found.size(), logged.size()); i++) {
                MemcachedClient.Exchange x = logged.get(i);
                CallLogs.Log log = found.get(i);
                Expected expected = expected(x, port);
                softly.assertThat(log.fields(expected.fields().keySet())).as(x + "\n" + log.line()).isEqualTo(expected.fields());
            }
        }
        softly.assertThat(logs.all()).as("call logs besides the client's connections:\n" + logs.dump())
                .allMatch(l -> connections.contains(((Long) l.get("client_port")).intValue()));
        logs.assertTimed(softly);
        softly.assertAll();
    }

    /** DeepFlow's reading of a text reply: NOT_FOUND unknown, ERROR and CLIENT_ERROR client errors, SERVER_ERROR a server error. */
    private static Expected expected(MemcachedClient.Exchange x, int serverPort) {
        String[] reply = x.replyLine().split(" ", 2);
        String status = switch (reply[0]) {
            case "ERROR", "CLIENT_ERROR" -> "client_error";
            case "SERVER_ERROR" -> "server_error";
            case "NOT_FOUND" -> "unknown";
            default -> "ok";
        };
        boolean error = status.endsWith("_error");
        return new Expected()
                .put("type", "session").put("protocol", "TCP")
                .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1")
                .put("client_port", x.localPort()).put("server_port", serverPort)
                .put("l7_protocol", 82).put("l7_protocol_str", "Memcached")
                .put("request_type", x.verb())
                .put("request_resource", x.command().line())
                .put("response_status", status)
                .put("response_result", x.replyLine())
                .put("response_exception", error ? (reply.length > 1 ? reply[1] : reply[0]) : null);
    }
}
