package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.wirespan.wasm.CPlugins;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plugins/examples/grpc-business-id, built from C, on a real grpc-java service
 * {@code Game/Game(OrderRequest{string business_id = 1235}) returns (OrderResponse{string msg = 1235})}:
 * the plugin claims the connection, each call is a call log of protocol 127 with the business id
 * as trace id and the attributes business_id and msg, and the two calls for one business id are
 * one trace.
 */
class GrpcBusinessIdPluginLiveTrafficTest {
    private static final int FIELD = 1235;
    private static final MethodDescriptor<byte[], byte[]> GAME = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("Game", "Game"))
            .setRequestMarshaller(GrpcDemo.BYTES)
            .setResponseMarshaller(GrpcDemo.BYTES)
            .build();

    @TempDir
    Path temp;

    @Test
    void callsBecomeOneTracePerBusinessId() throws Exception {
        ServerServiceDefinition game = ServerServiceDefinition.builder("Game")
                .addMethod(GAME, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(message("order " + field(request) + " accepted"));
                    response.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(Loopback.ADDRESS, 0), InsecureServerCredentials.create())
                .addService(game).build().start();
        List<String> businessIds = List.of("B-1001", "B-2002", "B-1001");
        List<String> answers = new ArrayList<>();
        Path capture;
        int port = server.getPort();
        try (LoopbackCapture tcpdump = LoopbackCapture.start(temp.resolve("game.pcap"), "tcp port " + port)) {
            ManagedChannel channel = Grpc.newChannelBuilder(Loopback.ADDRESS + ":" + port, InsecureChannelCredentials.create()).build();
            try {
                for (String id : businessIds) {
                    byte[] reply = ClientCalls.blockingUnaryCall(channel, GAME,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), message(id));
                    answers.add(field(reply));
                }
            } finally {
                channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
            }
            capture = tcpdump.stop();
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(answers).containsExactly("order B-1001 accepted", "order B-2002 accepted", "order B-1001 accepted");

        // the plugin is given the service's port, as DeepFlow users scope a plugin
        String config = "processors: {request_log: {filters: {port_number_prefilters: {Custom: \"" + port + "\"}}}}";
        CallLogs logs = CallLogs.parse(capture, temp, config, 2,
                List.of("--wasm-plugin", CPlugins.compile("grpc-business-id").toString()));

        assertThat(logs.all()).as(logs.dump()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            CallLogs.Log log = logs.all().get(i);
            String id = businessIds.get(i);
            assertThat(log.fields(List.of("type", "l7_protocol", "l7_protocol_str", "request_type", "request_resource",
                            "response_status", "trace_id", "attributes")))
                    .as(log.line())
                    .isEqualTo(new Expected().put("type", "session").put("l7_protocol", 127)
                            .put("l7_protocol_str", "grpc-business-id").put("request_type", "Game/Game")
                            .put("request_resource", id).put("response_status", "ok").put("trace_id", id)
                            .put("attributes", "{\"business_id\":\"" + id + "\",\"msg\":\"" + answers.get(i) + "\"}").fields());
            assertThat(log.get("response_duration")).isNotNull();
        }
        Map<Object, Long> traces = logs.all().stream().collect(Collectors.groupingBy(l -> l.get("trace_id"), Collectors.counting()));
        assertThat(traces).isEqualTo(Map.of("B-1001", 2L, "B-2002", 1L));
    }

    /** A message of one field: {@code string = 1235}. */
    private static byte[] message(String text) {
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) FIELD << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static String field(byte[] message) {
        int at = 0;
        long key = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at++];
            key |= (long) (b & 0x7f) << shift;
            if (b >= 0) break;
        }
        if (key != ((long) FIELD << 3 | 2)) throw new AssertionError("not field " + FIELD + ": " + key);
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) break;
        }
        return new String(message, at, length, StandardCharsets.UTF_8);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
