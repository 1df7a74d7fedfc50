package io.wirespan.engine.config;

import static io.wirespan.engine.config.ValueType.bool;
import static io.wirespan.engine.config.ValueType.duration;
import static io.wirespan.engine.config.ValueType.integer;
import static io.wirespan.engine.config.ValueType.listOf;
import static io.wirespan.engine.config.ValueType.longInteger;
import static io.wirespan.engine.config.ValueType.mapOf;
import static io.wirespan.engine.config.ValueType.record;
import static io.wirespan.engine.config.ValueType.string;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every setting Wirespan reads. Paths follow DeepFlow's agent configuration (the nested v6.6+
 * layout) wherever DeepFlow has the same concept, so a DeepFlow user's file works here; settings
 * DeepFlow lacks use the same style under the closest DeepFlow section.
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    private static final String INFERENCE = "processors.request_log.application_protocol_inference.";
    private static final String SPECIAL = INFERENCE + "protocol_special_config.";
    private static final String FILTERS = "processors.request_log.filters.";
    private static final String TUNNING = "processors.request_log.tunning.";
    private static final String TAGS = "processors.request_log.tag_extraction.";
    private static final String TIMEOUTS = "processors.request_log.timeouts.";
    private static final String CONNTRACK = "processors.flow_log.conntrack.timeouts.";
    private static final String REASSEMBLY = "processors.flow_log.tcp_reassembly.";
    private static final String PREPROCESS = "inputs.cbpf.preprocess.";

    /** A rule of {@code tag_extraction.http_endpoint.match_rules}: paths under a prefix keep N segments. */
    public record EndpointRule(String urlPrefix, int keepSegments) {}

    /** An entry of {@code timeouts.session_aggregate}: a per-protocol session timeout. */
    public record SessionTimeout(String protocol, Duration timeout) {}

    // --- application protocol inference

    public static final ConfigKey<List<String>> ENABLED_PROTOCOLS = new ConfigKey<>(INFERENCE + "enabled_protocols",
            listOf(string()), List.of("HTTP", "HTTP2", "Dubbo", "gRPC", "SofaRPC", "FastCGI", "bRPC", "Tars", "SOME/IP",
                    "MySQL", "PostgreSQL", "Redis", "MongoDB", "Memcached", "Kafka", "MQTT", "AMQP", "OpenWire",
                    "NATS", "Pulsar", "ZMTP", "RocketMQ", "DNS", "TLS", "Custom"));
    public static final ConfigKey<Integer> INFERENCE_MAX_RETRIES = new ConfigKey<>(INFERENCE + "inference_max_retries",
            integer(0, 10_000), 128);
    public static final ConfigKey<Duration> INFERENCE_RESULT_TTL = new ConfigKey<>(INFERENCE + "inference_result_ttl",
            duration(Duration.ZERO, Duration.ofDays(1)), Duration.ofSeconds(60));
    public static final ConfigKey<Boolean> MYSQL_DECOMPRESS_PAYLOAD = new ConfigKey<>(SPECIAL + "mysql.decompress_payload",
            bool(), true);
    public static final ConfigKey<Boolean> MYSQL_ENDPOINT_DISABLED = new ConfigKey<>(SPECIAL + "mysql.endpoint_disabled",
            bool(), false);
    public static final ConfigKey<Boolean> GRPC_STREAMING_DATA_ENABLED = new ConfigKey<>(
            SPECIAL + "grpc.streaming_data_enabled", bool(), false);

    // --- filters

    public static final ConfigKey<Map<String, String>> PORT_NUMBER_PREFILTERS = new ConfigKey<>(
            FILTERS + "port_number_prefilters", mapOf(string()), Map.of("DNS", "53,5353", "Memcached", "11211", "TLS", "443,6443"));
    public static final ConfigKey<List<String>> UNCONCERNED_DNS_NXDOMAIN_SUFFIXES = new ConfigKey<>(
            FILTERS + "unconcerned_dns_nxdomain_response_suffixes", listOf(string()), List.of());

    // --- tuning

    public static final ConfigKey<Integer> PAYLOAD_TRUNCATION = new ConfigKey<>(TUNNING + "payload_truncation",
            integer(256, 65535), 1024);
    public static final ConfigKey<Integer> SESSION_AGGREGATE_MAX_ENTRIES = new ConfigKey<>(
            TUNNING + "session_aggregate_max_entries", integer(16, 10_000_000), 65536);

    // --- tag extraction

    public static final ConfigKey<List<String>> APM_TRACE_ID = new ConfigKey<>(TAGS + "tracing_tag.apm_trace_id",
            listOf(string()), List.of("traceparent", "sw8"));
    public static final ConfigKey<List<String>> APM_SPAN_ID = new ConfigKey<>(TAGS + "tracing_tag.apm_span_id",
            listOf(string()), List.of("traceparent", "sw8"));
    public static final ConfigKey<Boolean> COPY_APM_TRACE_ID = new ConfigKey<>(TAGS + "tracing_tag.copy_apm_trace_id",
            bool(), false);
    public static final ConfigKey<List<String>> X_REQUEST_ID = new ConfigKey<>(TAGS + "tracing_tag.x_request_id",
            listOf(string()), List.of("X_Request_ID"));
    public static final ConfigKey<List<String>> HTTP_REAL_CLIENT = new ConfigKey<>(TAGS + "tracing_tag.http_real_client",
            listOf(string()), List.of("X_Forwarded_For"));
    public static final ConfigKey<List<String>> OBFUSCATE_PROTOCOLS = new ConfigKey<>(TAGS + "obfuscate_protocols",
            listOf(string()), List.of("Redis"));
    public static final ConfigKey<Boolean> HTTP_ENDPOINT_EXTRACTION_DISABLED = new ConfigKey<>(
            TAGS + "http_endpoint.extraction_disabled", bool(), false);
    public static final ConfigKey<List<EndpointRule>> HTTP_ENDPOINT_MATCH_RULES = new ConfigKey<>(
            TAGS + "http_endpoint.match_rules",
            listOf(record(List.of("url_prefix", "keep_segments"), (key, f) -> new EndpointRule(
                    string().parse(key + ".url_prefix", f.getOrDefault("url_prefix", "")),
                    integer(0, 64).parse(key + ".keep_segments", f.getOrDefault("keep_segments", 2))))),
            List.of(new EndpointRule("", 2)));

    // --- session timeouts

    public static final ConfigKey<Duration> TCP_REQUEST_TIMEOUT = new ConfigKey<>(TIMEOUTS + "tcp_request_timeout",
            duration(Duration.ofSeconds(10), Duration.ofHours(1)), Duration.ofSeconds(300));
    public static final ConfigKey<Duration> UDP_REQUEST_TIMEOUT = new ConfigKey<>(TIMEOUTS + "udp_request_timeout",
            duration(Duration.ofSeconds(10), Duration.ofSeconds(300)), Duration.ofSeconds(150));
    public static final ConfigKey<List<SessionTimeout>> SESSION_AGGREGATE = new ConfigKey<>(TIMEOUTS + "session_aggregate",
            listOf(record(List.of("protocol", "timeout"), (key, f) -> new SessionTimeout(
                    string().parse(key + ".protocol", f.get("protocol")),
                    duration(Duration.ofSeconds(1), Duration.ofHours(1)).parse(key + ".timeout", f.get("timeout"))))),
            List.of());

    // --- flows (DeepFlow's conntrack) and TCP reassembly

    public static final ConfigKey<Duration> FLOW_TIMEOUT_ESTABLISHED = new ConfigKey<>(CONNTRACK + "established",
            duration(Duration.ofSeconds(1), Duration.ofHours(24)), Duration.ofSeconds(300));
    public static final ConfigKey<Duration> FLOW_TIMEOUT_CLOSING_RST = new ConfigKey<>(CONNTRACK + "closing_rst",
            duration(Duration.ofMillis(1), Duration.ofHours(1)), Duration.ofSeconds(35));
    public static final ConfigKey<Duration> FLOW_TIMEOUT_OPENING_RST = new ConfigKey<>(CONNTRACK + "opening_rst",
            duration(Duration.ofMillis(1), Duration.ofHours(1)), Duration.ofSeconds(1));
    public static final ConfigKey<Duration> FLOW_TIMEOUT_OTHERS = new ConfigKey<>(CONNTRACK + "others",
            duration(Duration.ofMillis(1), Duration.ofHours(1)), Duration.ofSeconds(5));
    public static final ConfigKey<Integer> CONCURRENT_FLOW_LIMIT = new ConfigKey<>(
            "processors.flow_log.tunning.concurrent_flow_limit", integer(1, 100_000_000), 65535);
    public static final ConfigKey<Integer> REASSEMBLY_MAX_BYTES_PER_DIRECTION = new ConfigKey<>(
            REASSEMBLY + "max_buffered_bytes_per_direction", integer(0, 1 << 30), 256 * 1024);
    public static final ConfigKey<Integer> REASSEMBLY_MAX_SEGMENTS_PER_DIRECTION = new ConfigKey<>(
            REASSEMBLY + "max_buffered_segments_per_direction", integer(0, 1 << 20), 256);
    public static final ConfigKey<Long> REASSEMBLY_MAX_BYTES_TOTAL = new ConfigKey<>(
            REASSEMBLY + "max_buffered_bytes_total", longInteger(0, 1L << 40), 64L * 1024 * 1024);
    public static final ConfigKey<Duration> REASSEMBLY_HOLE_TIMEOUT = new ConfigKey<>(REASSEMBLY + "hole_timeout",
            duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(1));

    // --- capture preprocessing

    public static final ConfigKey<List<Integer>> TUNNEL_DECAP_PROTOCOLS = new ConfigKey<>(PREPROCESS + "tunnel_decap_protocols",
            listOf(integer(1, 3)), List.of(1, 2));
    public static final ConfigKey<List<Integer>> VXLAN_PORTS = new ConfigKey<>(PREPROCESS + "vxlan_ports",
            listOf(integer(1, 65535)), List.of(4789, 8472));
    public static final ConfigKey<Integer> IP_REASSEMBLY_MAX_DATAGRAMS = new ConfigKey<>(
            PREPROCESS + "ip_reassembly.max_pending_datagrams", integer(1, 1_000_000), 1024);
    public static final ConfigKey<Integer> IP_REASSEMBLY_MAX_BYTES = new ConfigKey<>(
            PREPROCESS + "ip_reassembly.max_pending_bytes", integer(65535, 1 << 30), 4 << 20);
    public static final ConfigKey<Duration> IP_REASSEMBLY_TIMEOUT = new ConfigKey<>(PREPROCESS + "ip_reassembly.timeout",
            duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(30));

    // --- plugins

    public static final ConfigKey<List<String>> WASM_PLUGINS = new ConfigKey<>("plugins.wasm_plugins",
            listOf(string()), List.of());

    // Limits of each Wasm plugin: DeepFlow has none, so they sit beside its plugins key.
    private static final String WASM_LIMITS = "plugins.wasm_limits.";
    /** Wall time one hook call may take before it is interrupted and counted as failed. */
    public static final ConfigKey<Duration> WASM_CALL_TIMEOUT = new ConfigKey<>(WASM_LIMITS + "call_timeout",
            duration(Duration.ofMillis(1), Duration.ofMinutes(1)), Duration.ofMillis(100));
    /** Wall time a plugin's {@code _start} (its initialisation) may take. */
    public static final ConfigKey<Duration> WASM_START_TIMEOUT = new ConfigKey<>(WASM_LIMITS + "start_timeout",
            duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(10));
    /** Bytes of linear memory a plugin may grow to. */
    public static final ConfigKey<Long> WASM_MAX_MEMORY = new ConfigKey<>(WASM_LIMITS + "max_memory",
            longInteger(65536, 4L << 30), 64L << 20);
    /** Failed calls in a row after which a plugin is disabled. */
    public static final ConfigKey<Integer> WASM_MAX_CONSECUTIVE_FAILURES = new ConfigKey<>(
            WASM_LIMITS + "max_consecutive_failures", integer(1, 1_000_000), 10);

    public static final List<ConfigKey<?>> ALL = List.of(
            ENABLED_PROTOCOLS, INFERENCE_MAX_RETRIES, INFERENCE_RESULT_TTL, MYSQL_DECOMPRESS_PAYLOAD,
            MYSQL_ENDPOINT_DISABLED, GRPC_STREAMING_DATA_ENABLED, PORT_NUMBER_PREFILTERS,
            UNCONCERNED_DNS_NXDOMAIN_SUFFIXES, PAYLOAD_TRUNCATION, SESSION_AGGREGATE_MAX_ENTRIES, APM_TRACE_ID,
            APM_SPAN_ID, COPY_APM_TRACE_ID, X_REQUEST_ID, HTTP_REAL_CLIENT, OBFUSCATE_PROTOCOLS,
            HTTP_ENDPOINT_EXTRACTION_DISABLED, HTTP_ENDPOINT_MATCH_RULES, TCP_REQUEST_TIMEOUT, UDP_REQUEST_TIMEOUT,
            SESSION_AGGREGATE, FLOW_TIMEOUT_ESTABLISHED, FLOW_TIMEOUT_CLOSING_RST, FLOW_TIMEOUT_OPENING_RST,
            FLOW_TIMEOUT_OTHERS, CONCURRENT_FLOW_LIMIT, REASSEMBLY_MAX_BYTES_PER_DIRECTION,
            REASSEMBLY_MAX_SEGMENTS_PER_DIRECTION, REASSEMBLY_MAX_BYTES_TOTAL, REASSEMBLY_HOLE_TIMEOUT,
            TUNNEL_DECAP_PROTOCOLS, VXLAN_PORTS, IP_REASSEMBLY_MAX_DATAGRAMS, IP_REASSEMBLY_MAX_BYTES,
            IP_REASSEMBLY_TIMEOUT, WASM_PLUGINS, WASM_CALL_TIMEOUT, WASM_START_TIMEOUT, WASM_MAX_MEMORY,
            WASM_MAX_CONSECUTIVE_FAILURES);
}
