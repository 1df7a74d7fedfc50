package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The protocols Wirespan knows, in the order inference tries them: plugins first, as DeepFlow
 * tries its {@code Custom} parser first (Wasm plugins in load order, then those that jars on the
 * class path add through {@link ServiceLoader}, in class path order), then the built-in ones in
 * DeepFlow's order (reference §2.1).
 */
public final class ProtocolRegistry {
    /** Every parser name DeepFlow's {@code enabled_protocols} accepts, built into Wirespan or not yet. */
    static final Set<String> DEEPFLOW_NAMES = Set.of("HTTP", "HTTP2", "gRPC", "Triple", "Custom", "DNS", "SofaRPC",
            "MySQL", "Kafka", "Redis", "MongoDB", "Memcached", "PostgreSQL", "Dubbo", "FastCGI", "Brpc", "bRPC",
            "Tars", "MQTT", "AMQP", "NATS", "Pulsar", "ZMTP", "RocketMQ", "OpenWire", "Ping", "TLS", "Oracle",
            "Dameng", "Iso8583", "ISO-8583", "NetSign", "WebSphereMQ", "WebSphereMq", "SomeIp", "SOME/IP", "SomeIP");

    private final List<L7ProtocolProvider> providers;
    private final Set<L7ProtocolProvider> plugins;

    /** Providers that are all built in. */
    public ProtocolRegistry(List<L7ProtocolProvider> providers) {
        this(List.of(), providers);
    }

    private ProtocolRegistry(List<L7ProtocolProvider> plugins, List<L7ProtocolProvider> builtins) {
        List<L7ProtocolProvider> all = new ArrayList<>(plugins);
        all.addAll(builtins);
        this.providers = List.copyOf(all);
        Set<L7ProtocolProvider> pluginSet = Collections.newSetFromMap(new IdentityHashMap<>());
        pluginSet.addAll(plugins);
        this.plugins = Collections.unmodifiableSet(pluginSet);
    }

    /**
     * The Wasm plugins' providers ({@code wasm}), every {@link L7ProtocolProvider} that {@code
     * loader} (the class path, or plugin jars on top of it) offers, then the built-in providers.
     */
    public static ProtocolRegistry withPlugins(List<L7ProtocolProvider> builtins, List<L7ProtocolProvider> wasm,
                                               ClassLoader loader) {
        List<L7ProtocolProvider> plugins = new ArrayList<>(wasm);
        try {
            for (L7ProtocolProvider discovered : ServiceLoader.load(L7ProtocolProvider.class, loader)) {
                plugins.add(discovered);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("cannot load a protocol plugin: " + e.getMessage(), e);
        }
        return new ProtocolRegistry(plugins, builtins);
    }

    /** True for a provider a plugin added, which {@code Custom} in {@code enabled_protocols} enables. */
    boolean isPlugin(L7ProtocolProvider provider) {
        return plugins.contains(provider);
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
