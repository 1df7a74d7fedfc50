package io.wirespan.api;

/**
 * An application protocol: DeepFlow's numeric id and display name. An open value type, so a
 * plugin's protocol (id 127, its own name) is as much a protocol as a built-in one.
 */
public record L7Protocol(int id, String name) {
    public static final L7Protocol UNKNOWN = new L7Protocol(0, "Unknown");
    public static final L7Protocol HTTP1 = new L7Protocol(20, "HTTP");
    public static final L7Protocol HTTP2 = new L7Protocol(21, "HTTP2");
    public static final L7Protocol DUBBO = new L7Protocol(40, "Dubbo");
    public static final L7Protocol GRPC = new L7Protocol(41, "gRPC");
    public static final L7Protocol SOFARPC = new L7Protocol(43, "SofaRPC");
    public static final L7Protocol FASTCGI = new L7Protocol(44, "FastCGI");
    public static final L7Protocol BRPC = new L7Protocol(45, "bRPC");
    public static final L7Protocol TARS = new L7Protocol(46, "Tars");
    public static final L7Protocol SOME_IP = new L7Protocol(47, "SOME/IP");
    public static final L7Protocol TRIPLE = new L7Protocol(49, "Triple");
    public static final L7Protocol MYSQL = new L7Protocol(60, "MySQL");
    public static final L7Protocol POSTGRESQL = new L7Protocol(61, "PostgreSQL");
    public static final L7Protocol REDIS = new L7Protocol(80, "Redis");
    public static final L7Protocol MONGODB = new L7Protocol(81, "MongoDB");
    public static final L7Protocol MEMCACHED = new L7Protocol(82, "Memcached");
    public static final L7Protocol KAFKA = new L7Protocol(100, "Kafka");
    public static final L7Protocol MQTT = new L7Protocol(101, "MQTT");
    public static final L7Protocol AMQP = new L7Protocol(102, "AMQP");
    public static final L7Protocol OPENWIRE = new L7Protocol(103, "OpenWire");
    public static final L7Protocol NATS = new L7Protocol(104, "NATS");
    public static final L7Protocol PULSAR = new L7Protocol(105, "Pulsar");
    public static final L7Protocol ZMTP = new L7Protocol(106, "ZMTP");
    public static final L7Protocol ROCKETMQ = new L7Protocol(107, "RocketMQ");
    public static final L7Protocol DNS = new L7Protocol(120, "DNS");
    public static final L7Protocol TLS = new L7Protocol(121, "TLS");
    public static final L7Protocol PING = new L7Protocol(122, "Ping");
    public static final L7Protocol CUSTOM = new L7Protocol(127, "Custom");

    public L7Protocol {
        if (id < 0 || id > 255) throw new IllegalArgumentException("l7 protocol id out of range 0..255: " + id);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("l7 protocol name is empty");
    }
}
