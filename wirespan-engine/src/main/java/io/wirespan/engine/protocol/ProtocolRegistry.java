package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The protocols Wirespan knows, in the order inference tries them: the built-in ones in DeepFlow's
 * order (reference §2.1), then those that jars on the class path add through
 * {@link ServiceLoader}, in class path order.
 */
public final class ProtocolRegistry {
    /** Every parser name DeepFlow's {@code enabled_protocols} accepts, built into Wirespan or not yet. */
    static final Set<String> DEEPFLOW_NAMES = Set.of("HTTP", "HTTP2", "gRPC", "Triple", "Custom", "DNS", "SofaRPC",
            "MySQL", "Kafka", "Redis", "MongoDB", "Memcached", "PostgreSQL", "Dubbo", "FastCGI", "Brpc", "bRPC",
            "Tars", "MQTT", "AMQP", "NATS", "Pulsar", "ZMTP", "RocketMQ", "OpenWire", "Ping", "TLS", "Oracle",
            "Dameng", "Iso8583", "ISO-8583", "NetSign", "WebSphereMQ", "WebSphereMq", "SomeIp", "SOME/IP", "SomeIP");

    private final List<L7ProtocolProvider> providers;
    private final int builtins;

    /** Providers that are all built in. */
    public ProtocolRegistry(List<L7ProtocolProvider> providers) {
        this(providers, providers.size());
    }

    private ProtocolRegistry(List<L7ProtocolProvider> providers, int builtins) {
        this.providers = List.copyOf(providers);
        this.builtins = builtins;
    }

    /**
     * The built-in providers followed by every {@link L7ProtocolProvider} that {@code loader} (the
     * class path, or plugin jars on top of it) offers.
     */
    public static ProtocolRegistry withDiscovered(List<L7ProtocolProvider> builtins, ClassLoader loader) {
        List<L7ProtocolProvider> all = new ArrayList<>(builtins);
        try {
            for (L7ProtocolProvider discovered : ServiceLoader.load(L7ProtocolProvider.class, loader)) {
                all.add(discovered);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("cannot load a protocol plugin: " + e.getMessage(), e);
        }
        return new ProtocolRegistry(all, builtins.size());
    }

    /** True for a provider a plugin added, which {@code Custom} in {@code enabled_protocols} enables. */
    boolean isPlugin(L7ProtocolProvider provider) {
        return providers.indexOf(provider) >= builtins;
    }

    public List<L7ProtocolProvider> providers() {
        return providers;
    }

    L7ProtocolProvider byConfigName(String name) {
        for (L7ProtocolProvider p : providers) {
            if (p.configName().equals(name)) return p;
        }
        return null;
    }
}
