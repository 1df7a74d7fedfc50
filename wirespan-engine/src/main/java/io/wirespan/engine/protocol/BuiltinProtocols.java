package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigException;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.protocol.dns.DnsConfig;
import io.wirespan.engine.protocol.dns.DnsProtocol;
import io.wirespan.engine.protocol.http.HttpProtocol;
import io.wirespan.engine.protocol.http2.Http2Protocol;
import io.wirespan.engine.protocol.kafka.KafkaProtocol;
import io.wirespan.engine.protocol.memcached.MemcachedProtocol;
import io.wirespan.engine.protocol.mongodb.MongoProtocol;
import io.wirespan.engine.protocol.mqtt.MqttProtocol;
import io.wirespan.engine.protocol.mysql.MysqlConfig;
import io.wirespan.engine.protocol.mysql.MysqlProtocol;
import io.wirespan.engine.protocol.postgresql.PostgresqlProtocol;
import io.wirespan.engine.protocol.redis.RedisProtocol;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The protocols built into Wirespan, in DeepFlow's inference order (reference §2.1), each made
 * with its settings from the configuration. Adding a protocol is one line here.
 */
public final class BuiltinProtocols {
    private BuiltinProtocols() {}

    public static List<L7ProtocolProvider> create(Config config) {
        TraceHeaders traceHeaders = new TraceHeaders(config.get(ConfigKeys.APM_TRACE_ID), config.get(ConfigKeys.APM_SPAN_ID),
                config.get(ConfigKeys.X_REQUEST_ID), config.get(ConfigKeys.HTTP_REAL_CLIENT));
        HttpEndpoints endpoints = new HttpEndpoints(config.get(ConfigKeys.HTTP_ENDPOINT_EXTRACTION_DISABLED),
                config.get(ConfigKeys.HTTP_ENDPOINT_MATCH_RULES));
        List<L7ProtocolProvider> protocols = new ArrayList<>();
        protocols.add(new HttpProtocol(traceHeaders, endpoints));
        protocols.add(new Http2Protocol(traceHeaders, endpoints, config.get(ConfigKeys.GRPC_STREAMING_DATA_ENABLED)));
        protocols.add(bind(() -> new DnsProtocol(new DnsConfig(config.get(ConfigKeys.UNCONCERNED_DNS_NXDOMAIN_SUFFIXES)))));
        protocols.add(bind(() -> new MysqlProtocol(new MysqlConfig(config.get(ConfigKeys.MYSQL_DECOMPRESS_PAYLOAD),
                config.get(ConfigKeys.MYSQL_ENDPOINT_DISABLED)))));
        protocols.add(new KafkaProtocol(traceHeaders, KafkaProtocol.DEFAULT_MAX_PENDING));
        protocols.add(new RedisProtocol());
        protocols.add(new MongoProtocol());
        protocols.add(new MemcachedProtocol());
        protocols.add(new PostgresqlProtocol());
        protocols.add(new MqttProtocol());
        return List.copyOf(protocols);
    }

    /** A protocol's settings record checks its values; a violation is a configuration error. */
    private static L7ProtocolProvider bind(Supplier<L7ProtocolProvider> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The built-in protocols after those that {@code plugins} (jars on the class path and beyond) add. */
    public static ProtocolRegistry registry(Config config, ClassLoader plugins) {
        return registry(config, plugins, List.of());
    }

    /** The built-in protocols after the Wasm plugins' {@code wasm} and those that {@code plugins} add. */
    public static ProtocolRegistry registry(Config config, ClassLoader plugins, List<L7ProtocolProvider> wasm) {
        return ProtocolRegistry.withPlugins(create(config), wasm, plugins);
    }
}
