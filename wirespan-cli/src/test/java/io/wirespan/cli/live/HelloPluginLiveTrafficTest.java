package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.wasm.CPlugins;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol only a Wasm plugin knows (plugins/examples/hello: {@code HELLO name} answered by
 * {@code OK text} or {@code ERR text}) between a real server and client on lo: the plugin claims
 * the flow, and its records become call logs of protocol 127 named as the plugin named it.
 */
class HelloPluginLiveTrafficTest {
    @TempDir
    Path temp;

    @Test
    void aFlowThePluginClaimsBecomesCallLogsOfItsProtocol() throws Exception {
        List<String> answers = new ArrayList<>();
        Path capture;
        int clientPort;
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             LoopbackCapture tcpdump = LoopbackCapture.start(temp.resolve("hello.pcap"), "tcp port " + server.getLocalPort())) {
            Thread.ofPlatform().daemon().start(() -> serve(server));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                clientPort = client.getLocalPort();
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                for (String name : List.of("alice", "nobody", "bob")) {
                    out.write(("HELLO " + name + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    answers.add(in.readLine());
                    Thread.sleep(20); // one exchange per segment, as plugins see payloads, not frames
                }
            }
            capture = tcpdump.stop();
        }
        assertThat(answers).containsExactly("OK hi alice", "ERR no such person", "OK hi bob");

        CallLogs logs = CallLogs.parse(capture, temp, null, 2,
                List.of("--wasm-plugin", CPlugins.compile("hello").toString()));

        assertThat(logs.all()).as(logs.dump()).hasSize(3);
        List<String> names = List.of("alice", "nobody", "bob");
        for (int i = 0; i < 3; i++) {
            CallLogs.Log log = logs.all().get(i);
            boolean error = answers.get(i).startsWith("ERR");
            assertThat(log.get("l7_protocol")).as(log.line()).isEqualTo(127L);
            assertThat(log.get("l7_protocol_str")).isEqualTo("hello");
            assertThat(log.get("client_port")).isEqualTo((long) clientPort);
            assertThat(log.get("request_type")).isEqualTo("HELLO");
            assertThat(log.get("request_resource")).isEqualTo(names.get(i));
            assertThat(log.get("endpoint")).isEqualTo("hello");
            assertThat(log.get("response_status")).isEqualTo(error ? "server_error" : "ok");
            assertThat(log.get("response_code")).isEqualTo(error ? 500L : 200L);
            assertThat(log.get(error ? "response_exception" : "response_result")).isEqualTo(answers.get(i).substring(error ? 4 : 3));
            assertThat(log.get("trace_id")).isEqualTo("trace-of-hello");
            assertThat(log.get("response_duration")).isNotNull();
        }
    }

    /** Answers every connection, one after the other, until the socket closes. */
    static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = connection.getOutputStream();
                for (String line; (line = in.readLine()) != null; ) {
                    String name = line.substring("HELLO ".length());
                    String answer = name.equals("nobody") ? "ERR no such person" : "OK hi " + name;
                    out.write((answer + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                if (!server.isClosed()) throw new UncheckedIOException(e);
            }
        }
    }

    /** One connection, one {@code HELLO name}: the answer. */
    static String hello(int port, String name) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            client.getOutputStream().write(("HELLO " + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }
}
