package io.wirespan.cli.live;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server and client (grpc-java over Netty, plaintext HTTP/2) without generated code: the
 * method descriptors are built by hand with a bytes marshaller; messages are protobuf-encoded by hand
 * ({@code string name = 1}). Service {@code demo.Catalog}:
 * <ul>
 *   <li>{@code GetItem}: OK with the item for a known name, else NOT_FOUND "no such item";</li>
 *   <li>{@code Restock}: always INTERNAL "warehouse offline".</li>
 * </ul>
 * {@link #main} serves on a port, makes a few calls (OK, NOT_FOUND, INTERNAL) and stops: that is how
 * {@code samples/make-samples} records the gRPC sample.
 */
public final class GrpcDemo implements AutoCloseable {
    static final String SERVICE = "demo.Catalog";
    static final String NOT_FOUND_MESSAGE = "no such item";
    static final String INTERNAL_MESSAGE = "warehouse offline";
    private static final Map<String, String> ITEMS = Map.of("book", "The Pragmatic Programmer", "pen", "Blue ink pen");

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<byte[], byte[]> GET_ITEM = unary("GetItem");
    static final MethodDescriptor<byte[], byte[]> RESTOCK = unary("Restock");

    private final Server server;

    private GrpcDemo(Server server) {
        this.server = server;
    }

    private static MethodDescriptor<byte[], byte[]> unary(String method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    /** Serves {@code demo.Catalog} on 127.0.0.1:port (0: a free port) in plaintext. */
    static GrpcDemo start(int port) {
        ServerServiceDefinition catalog = ServerServiceDefinition.builder(SERVICE)
                .addMethod(GET_ITEM, ServerCalls.asyncUnaryCall((request, response) -> {
                    String name = decodeName(request);
                    String item = ITEMS.get(name);
                    if (item == null) {
                        response.onError(Status.NOT_FOUND.withDescription(NOT_FOUND_MESSAGE).asRuntimeException());
                    } else {
                        response.onNext(encodeName(item));
                        response.onCompleted();
                    }
                }))
                .addMethod(RESTOCK, ServerCalls.asyncUnaryCall((request, response) ->
                        response.onError(Status.INTERNAL.withDescription(INTERNAL_MESSAGE).asRuntimeException())))
                .build();
        // The default executor: the event loop now and then flushes a response's HEADERS in a
        // segment of its own, as real servers do, and the call must still be read with the
        // grpc-status of its trailers.
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(Loopback.ADDRESS, port),
                        InsecureServerCredentials.create())
                .addService(catalog)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new AssertionError("gRPC server cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return new GrpcDemo(server);
    }

    int port() {
        return server.getPort();
    }

    /** One call as the client saw it. */
    record Outcome(String fullMethod, String item, Status.Code code, String description) {}

    /** A client channel to 127.0.0.1:port making one call per {@code calls} entry ({method, item}), in order, then closed. */
    static List<Outcome> call(int port, List<List<String>> calls) {
        ManagedChannel channel = Grpc.newChannelBuilder(Loopback.ADDRESS + ":" + port, InsecureChannelCredentials.create())
                .build();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (List<String> call : calls) {
                MethodDescriptor<byte[], byte[]> method = call.get(0).equals("Restock") ? RESTOCK : GET_ITEM;
                String item = call.get(1);
                try {
                    ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                            encodeName(item));
                    outcomes.add(new Outcome(method.getFullMethodName(), item, Status.Code.OK, null));
                } catch (StatusRuntimeException e) {
                    outcomes.add(new Outcome(method.getFullMethodName(), item, e.getStatus().getCode(),
                            e.getStatus().getDescription()));
                }
            }
        } finally {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) channel.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return outcomes;
    }

    /** The calls of the sample and of the test: OK, NOT_FOUND, OK, INTERNAL. */
    static List<List<String>> demoCalls() {
        return List.of(List.of("GetItem", "book"), List.of("GetItem", "unicorn"), List.of("GetItem", "pen"),
                List.of("Restock", "book"));
    }

    /** Protobuf {@code string name = 1}. */
    static byte[] encodeName(String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        if (text.length > 127) throw new IllegalArgumentException("name too long for this demo");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0A);
        out.write(text.length);
        out.writeBytes(text);
        return out.toByteArray();
    }

    static String decodeName(byte[] message) {
        if (message.length < 2 || message[0] != 0x0A || message[1] != message.length - 2) return "";
        return new String(message, 2, message.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code GrpcDemo [PORT]}: serves on 127.0.0.1:PORT (default 15051), makes the demo calls, prints them, stops. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 15051;
        try (GrpcDemo demo = start(port)) {
            for (Outcome o : call(demo.port(), demoCalls())) {
                System.out.println(o.fullMethod() + " " + o.item() + " -> " + o.code()
                        + (o.description() == null ? "" : " (" + o.description() + ")"));
            }
        }
    }
}
