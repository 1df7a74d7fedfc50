package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real grpc-java server and client over plaintext HTTP/2 on lo: every call is a gRPC call log with the status the client got. */
class GrpcLiveTrafficTest {
    @TempDir
    Path temp;

    @Test
    void everyUnaryCallIsOneGrpcCallLogWithItsMethodStatusAndMessage() {
        List<GrpcDemo.Outcome> outcomes;
        int port;
        CallLogs logs;
        try (GrpcDemo server = GrpcDemo.start(0);
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("grpc.pcap"), "tcp port " + server.port())) {
            port = server.port();
            outcomes = GrpcDemo.call(port, GrpcDemo.demoCalls());
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        assertThat(outcomes).extracting(GrpcDemo.Outcome::code)
                .containsExactly(Status.Code.OK, Status.Code.NOT_FOUND, Status.Code.OK, Status.Code.INTERNAL);
        // one connection, the calls one after another: their call logs in start-time order
        List<CallLogs.Log> calls = logs.all();
        assertThat(calls).as("one call log per call:\n" + logs.dump()).hasSize(outcomes.size());
        SoftAssertions softly = new SoftAssertions();
        long clientPort = -1, lastStream = -1;
        for (int i = 0; i < outcomes.size(); i++) {
            GrpcDemo.Outcome call = outcomes.get(i);
            CallLogs.Log log = calls.get(i);
            int code = call.code().value();
            Expected expected = new Expected()
                    .put("type", "session").put("protocol", "TCP")
                    .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1").put("server_port", port)
                    .put("l7_protocol", 41).put("l7_protocol_str", "gRPC").put("version", "2")
                    .put("request_type", "POST")
                    .put("request_domain", "127.0.0.1:" + port)
                    .put("request_resource", GrpcDemo.SERVICE)
                    .put("endpoint", "/" + call.fullMethod())
                    .put("response_code", code)
                    .put("response_status", code == 0 ? "ok" : List.of(1, 3, 5, 6, 7, 9, 11, 16).contains(code) ? "client_error" : "server_error")
                    .put("response_exception", call.description());
            softly.assertThat(log.fields(expected.fields().keySet())).as(call + "\n" + log.line()).isEqualTo(expected.fields());
            Object stream = log.get("request_id");
            long previous = lastStream;
            softly.assertThat(stream).as("HTTP/2 stream id of " + call + ": odd, rising\n" + log.line())
                    .isInstanceOf(Long.class).matches(s -> s instanceof Long id && id % 2 == 1 && id > previous);
            if (stream instanceof Long id) lastStream = id;
            if (i == 0 && log.get("client_port") instanceof Long p) clientPort = p;
            softly.assertThat(log.get("client_port")).as("all calls on one connection").isEqualTo(clientPort);
        }
        logs.assertTimed(softly);
        softly.assertAll();
    }
}
