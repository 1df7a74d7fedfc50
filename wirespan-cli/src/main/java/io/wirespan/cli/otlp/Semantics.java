package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;

/**
 * What a call log means in OpenTelemetry's semantic conventions: one record per protocol family,
 * each giving the span's kind, its name and the family's attributes.
 */
sealed interface Semantics permits HttpCall, RpcCall, DbCall, MessagingCall, DnsCall, OtherCall {
    /**
     * A call log does not say on which host it was captured, only who asked and who answered. HTTP
     * and RPC servers are the applications an agent is usually put beside, so their spans are
     * SERVER spans, children of the caller's span; databases, caches, brokers and DNS are what
     * applications call, so theirs are CLIENT spans.
     */
    SpanKind kind();

    /** A low-cardinality name, as the conventions ask: no ids, no query text. */
    String spanName();

    /** The family's attributes; added after the common ones, so they win on a shared key. */
    void addTo(AttributesBuilder attributes);

    /** The family of a call log's protocol; numbers are DeepFlow's l7_protocol ids. */
    static Semantics of(CallLog log) {
        return switch (log.l7Protocol().id()) {
            case 20, 21 -> HttpCall.of(log);                    // HTTP, HTTP2
            case 40, 49 -> RpcCall.of(log, "apache_dubbo");     // Dubbo, Triple (Dubbo 3 over HTTP/2)
            case 41 -> RpcCall.of(log, "grpc");
            case 43 -> RpcCall.of(log, "sofarpc");
            case 45 -> RpcCall.of(log, "brpc");
            case 46 -> RpcCall.of(log, "tars");
            case 47 -> RpcCall.of(log, "someip");
            case 60 -> DbCall.of(log, "mysql");
            case 61 -> DbCall.of(log, "postgresql");
            case 80 -> DbCall.of(log, "redis");
            case 81 -> DbCall.of(log, "mongodb");
            case 82 -> DbCall.of(log, "memcached");
            case 100 -> MessagingCall.of(log, "kafka");
            case 101 -> MessagingCall.of(log, "mqtt");
            case 102 -> MessagingCall.of(log, "rabbitmq");      // AMQP 0-9-1
            case 103 -> MessagingCall.of(log, "activemq");      // OpenWire
            case 104 -> MessagingCall.of(log, "nats");
            case 105 -> MessagingCall.of(log, "pulsar");
            case 106 -> MessagingCall.of(log, "zeromq");        // ZMTP
            case 107 -> MessagingCall.of(log, "rocketmq");
            case 120 -> new DnsCall(log);
            default -> new OtherCall(log);                      // FastCGI, TLS, Ping, plugins' protocols
        };
    }

    /** The name when a family has nothing better: protocol and request type, e.g. {@code DNS AAAA}. */
    static String fallbackName(CallLog log) {
        String type = log.requestType();
        return type == null || type.isBlank() ? log.l7Protocol().name() : log.l7Protocol().name() + " " + type;
    }

    /** {@code first second}, or the one that is there; null when neither is. */
    static String joined(String first, String second) {
        if (first == null || first.isEmpty()) return second == null || second.isEmpty() ? null : second;
        return second == null || second.isEmpty() ? first : first + " " + second;
    }
}
