package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.engine.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocols built into Wirespan, in DeepFlow's inference order (reference §2.1), each made
 * with its settings from the configuration. Adding a protocol is one line here.
 */
public final class BuiltinProtocols {
    private BuiltinProtocols() {}

    public static List<L7ProtocolProvider> create(Config config) {
        List<L7ProtocolProvider> protocols = new ArrayList<>();
        return List.copyOf(protocols);
    }

    /** The built-in protocols followed by those jars on the class path add. */
    public static ProtocolRegistry registry(Config config) {
        return ProtocolRegistry.withDiscovered(create(config));
    }
}
