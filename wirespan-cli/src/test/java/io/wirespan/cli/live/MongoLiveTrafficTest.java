package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MongoDB Java driver against mongo-java-server (its own JVM) on lo under tcpdump
 * ({@link MongoDemo}): every command the driver's command monitoring reports is one OP_MSG call log
 * with the request id, the command document and the reply it reports, as relaxed Extended JSON,
 * and the error of a command the server refused. The connection handshakes, which command
 * monitoring leaves out, are the rest.
 */
class MongoLiveTrafficTest {
    private static final long MONGODB = 81;
    /** The default {@code payload_truncation}: documents are cut there. */
    private static final int TRUNCATION = 1024;
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    @TempDir
    Path temp;

    @Test
    void everyCommandOfTheDriverIsOneCallLogWithTheDocumentsItSentAndGot() {
        MongoDemo.Outcome outcome;
        int port;
        CallLogs logs;
        try (MongoJavaServer server = MongoJavaServer.start(temp.resolve("server"));
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("mongodb.pcap"), "tcp port " + server.port())) {
            port = server.port();
            outcome = MongoDemo.run(port);
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        assertThat(outcome.commands()).extracting(MongoDemo.Command::name).containsExactly("createIndexes", "insert", "insert",
                "find", "update", "delete", "aggregate", "insert", MongoDemo.UNKNOWN_COMMAND);
        assertThat(logs.all()).as("only MongoDB on the server's port:\n" + logs.dump()).hasSameSizeAs(logs.ofProtocol(MONGODB));
        SoftAssertions softly = new SoftAssertions();
        for (MongoDemo.Command c : outcome.commands()) {
            softly.assertThat(c.reply()).as("the driver saw a reply to " + c).isNotNull();
            if (c.reply() == null) continue;
            Expected expected = new Expected()
                    .put("type", "session").put("protocol", "TCP")
                    .put("ip_0", Loopback.ADDRESS).put("ip_1", Loopback.ADDRESS).put("server_port", port)
                    .put("l7_protocol", MONGODB).put("l7_protocol_str", "MongoDB")
                    .put("request_type", "OP_MSG")
                    .put("request_id", c.requestId())
                    .put("request_resource", relaxed(c.command()))
                    .put("response_result", relaxed(c.reply()))
                    .put("response_status", c.failed() ? "client_error" : "ok")
                    .put("response_code", c.reply().containsKey("code") ? c.reply().getNumber("code").intValue() : null)
                    .put("response_exception", c.failed() ? c.reply().getString("errmsg").getValue() : null);
            CallLogs.Log log = logs.only(c.name() + " request " + c.requestId(), l -> Long.valueOf(c.requestId()).equals(l.get("request_id"))
                    && "OP_MSG".equals(l.get("request_type")));
            softly.assertThat(log.fields(expected.fields().keySet())).as(c + "\n" + log.line()).isEqualTo(expected.fields());
        }

        // what the application got: a write error inside a reply that is ok (command monitoring calls the
        // insert a success, and so does the call log), and a command the server does not know
        MongoDemo.Command refused = outcome.commands().stream().filter(c -> c.name().equals("insert")).toList().getLast();
        CallLogs.Log duplicate = logs.only("the refused insert", l -> Long.valueOf(refused.requestId()).equals(l.get("request_id")));
        softly.assertThat((String) duplicate.get("response_result")).as("the duplicate key error in the reply")
                .contains("\"writeErrors\"").contains("\"code\": " + outcome.duplicateKeyCode());
        CallLogs.Log unknown = logs.only("the unknown command", l -> ("{\"" + MongoDemo.UNKNOWN_COMMAND + "\": 1, \"$db\": \"" + MongoDemo.DATABASE + "\"}")
                .equals(l.get("request_resource")));
        softly.assertThat(unknown.fields(List.of("response_status", "response_code", "response_exception")))
                .isEqualTo(new Expected().put("response_status", "client_error").put("response_code", outcome.unknownCommandCode())
                        .put("response_exception", outcome.unknownCommandMessage()).fields());

        // the rest: one handshake per connection (legacy OP_QUERY isMaster, as the server says nothing of OP_MSG before)
        List<Long> commandIds = outcome.commands().stream().map(c -> (long) c.requestId()).toList();
        List<CallLogs.Log> handshakes = logs.where(l -> !commandIds.contains(l.get("request_id")));
        softly.assertThat(handshakes).as("handshakes of the monitoring and the application connection").hasSize(2);
        for (CallLogs.Log h : handshakes) {
            softly.assertThat(h.fields(List.of("type", "request_type", "response_status")))
                    .isEqualTo(new Expected().put("type", "session").put("request_type", "OP_QUERY").put("response_status", "ok").fields());
            softly.assertThat((String) h.get("request_resource")).as(h.line()).startsWith("{\"isMaster\": 1, \"helloOk\": true");
            softly.assertThat((String) h.get("response_result")).as(h.line())
                    .contains("\"maxWireVersion\": " + MongoJavaServer.WIRE_VERSION);
        }
        logs.assertTimed(softly);
        softly.assertAll();
    }

    /** The document as the parser prints it: relaxed Extended JSON, cut at the payload truncation. */
    private static String relaxed(BsonDocument document) {
        String json = document.toJson(RELAXED);
        return json.length() <= TRUNCATION ? json : json.substring(0, TRUNCATION);
    }
}
